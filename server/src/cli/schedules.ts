import type { Config } from '../config';
import { openExportLog } from '../export-log/open-export-log';
import { attentionOf } from '../schedules/attention';
import { scheduleView } from '../http/schedules-route';
import { ScheduleStore } from '../schedules/schedule-store';

const when = (instant: string | null | undefined, timeZone: string) => (instant
  ? `${new Intl.DateTimeFormat('en-GB', { timeZone, dateStyle: 'medium', timeStyle: 'short' }).format(new Date(instant))} ${timeZone}`
  : '—');

/** The lines `npm run export -- --schedules` prints: each schedule with its next and last runs. */
export const scheduleLines = async (store: ScheduleStore, now: Date): Promise<string[]> => {
  const [schedules, statuses] = await Promise.all([store.list(), store.statuses()]);
  if (schedules.length === 0) {
    return ['No scheduled sends. Create one on the page (Scheduled sends) or with POST /api/v2/export/dhis/schedules.'];
  }
  return schedules.flatMap(schedule => {
    const view = scheduleView(schedule, statuses.get(schedule.id), now);
    const attention = attentionOf(schedule, statuses.get(schedule.id));
    const last = view.lastRun;
    return [
      `${schedule.id}  ${schedule.dataSet}${schedule.orgUnit ? ` / ${schedule.orgUnit}` : ' / all places'}  ` +
        `day ${schedule.dayOfMonth} at ${schedule.time} ${schedule.timeZone}${schedule.enabled ? '' : '  (paused)'}`,
      `  next run: ${schedule.enabled ? when(view.nextRun, schedule.timeZone) : 'none while paused'}`,
      `  last run: ${last ? `${last.period} ${last.state} (attempt ${last.attempt}) at ${when(last.at, schedule.timeZone)}` +
        `${last.forced ? ', sent short of coverage' : ''}${last.nextAttemptAt ? `, next attempt ${when(last.nextAttemptAt, schedule.timeZone)}` : ''}` : 'none yet'}`,
      ...(view.waiting ? [`  waiting: ${view.waiting.period} at ${view.waiting.coverage}% of ${view.waiting.minCoverage}% coverage, ` +
        `sent regardless from ${when(view.waiting.sendAnywayAt, schedule.timeZone)}`] : []),
      ...(last?.message ? [`  ${last.message}`] : []),
      ...(attention ? [`  needs attention: ${attention.code}`] : []),
    ];
  });
};

/** Opens the export log's database as the server does, prints the schedules; returns the exit status. */
export const listSchedulesFromCli = async (config: Config): Promise<number> => {
  let opened;
  try {
    opened = await openExportLog(config.couchUrl
      ? { couchOrigin: config.couchUrl.origin, admin: { user: decodeURIComponent(config.couchUrl.username) || config.adminUser,
        password: decodeURIComponent(config.couchUrl.password) || (config.adminPassword ?? '') } }
      : { dataDir: config.dataDir });
  } catch (error) {
    const message = (error as Error).message;
    console.error(/LOCK/.test(message)
      ? `The export log in ${config.dataDir} is open in a running server: read the schedules at GET /api/v2/export/dhis/schedules, or stop the server first`
      : `The export log could not be opened: ${message}`);
    return 2;
  }
  try {
    process.stdout.write(`${(await scheduleLines(new ScheduleStore(opened.db), new Date())).join('\n')}\n`);
    return 0;
  } finally {
    await opened.close();
  }
};
