import { Router, json, type Request, type Response } from 'express';
import type { ExportSource } from '../sources/export-source';
import { mayExportDhis } from '../session/export-permission';
import { maySendToDhis2 } from '../session/send-permission';
import type { Authenticate, UserContext } from '../session/user-session';
import { dataSetsOf } from '../settings/app-settings';
import { attentionOf } from '../schedules/attention';
import type { Clock } from '../schedules/ports';
import { serverTimeZone, type Schedule } from '../schedules/schedule';
import { parseScheduleInput, ScheduleInputError } from '../schedules/schedule-input';
import { nextMoment } from '../schedules/schedule-moments';
import type { ScheduleStatus, ScheduleStore } from '../schedules/schedule-store';

export interface SchedulesRouteDeps {
  source: ExportSource;
  authenticate: Authenticate;
  store: ScheduleStore;
  clock: Clock;
  /** Whether sending to DHIS2 is configured: schedules are kept either way, and run only when it is. */
  sendingConfigured: boolean;
  /** Tells the scheduler a schedule changed. */
  changed(): void;
}

const PATH = '/api/v2/export/dhis/schedules';

const refuse = (res: Response, status: number, reason: string, error: string, params: Record<string, unknown> = {}) =>
  res.status(status).json({ code: status, reason, error, ...(Object.keys(params).length > 0 ? { params } : {}) });

/** A schedule as the page and the CLI read it: its settings, next run, what it last did. */
export const scheduleView = (schedule: Schedule, status: ScheduleStatus | undefined, now: Date) => ({
  ...schedule,
  nextRun: schedule.enabled ? nextMoment(schedule, now)?.toISOString() ?? null : null,
  ...(status?.lastRun ? { lastRun: status.lastRun } : {}),
  ...(status?.waiting ? { waiting: status.waiting } : {}),
  ...(status?.lastCorrection ? { lastCorrection: status.lastCorrection } : {}),
});

/**
 * `GET|POST /api/v2/export/dhis/schedules` and `PUT|DELETE …/schedules/{id}`: reading needs the
 * export permission, changing needs `can_send_dhis`. Errors are `{ code, reason, error, params }`.
 */
export const schedulesRouter = (deps: SchedulesRouteDeps) => {
  const { source, authenticate, store, clock } = deps;
  const router = Router();

  const withUser = (may: 'read' | 'change', then: (req: Request, res: Response, user: UserContext) => Promise<unknown>) =>
    async (req: Request, res: Response) => {
      const user = await authenticate(req.headers);
      if (!user) {
        return refuse(res, 401, 'login', 'Log in first: send an AuthSession cookie from POST /_session, or basic auth');
      }
      res.set('Cache-Control', 'no-store');
      const settings = await source.settings();
      if (may === 'read' ? !mayExportDhis(user, settings) : !maySendToDhis2(user, settings)) {
        return may === 'read'
          ? refuse(res, 403, 'permission', `User "${user.name}" may not read scheduled sends: a role of theirs needs the permission can_export_dhis`, { permission: 'can_export_dhis' })
          : refuse(res, 403, 'permission', `User "${user.name}" may not change scheduled sends: a role of theirs needs the permission can_send_dhis`, { permission: 'can_send_dhis' });
      }
      const unknown = Object.keys(req.query);
      if (unknown.length > 0) {
        return refuse(res, 400, 'unknown-parameters', `Unknown parameter${unknown.length === 1 ? '' : 's'} ${unknown.map(name => `"${name.slice(0, 40)}"`).join(', ')}: these paths take none`, { parameters: unknown });
      }
      try {
        return await then(req, res, user);
      } catch (error) {
        if (error instanceof ScheduleInputError) {
          return refuse(res, 400, error.reason, error.message, error.params);
        }
        throw error;
      }
    };

  const knownDataSet = async (dataSet: string) => {
    if (!dataSetsOf(await source.settings()).some(({ id }) => id === dataSet)) {
      throw new ScheduleInputError('unknown-data-set', { dataSet },
        `dataSet "${dataSet.slice(0, 60)}" is not defined: add it to "dhis_data_sets" in the app settings, or choose a configured one`);
    }
  };

  router.get(PATH, withUser('read', async (_req, res) => {
    const now = clock.now();
    const [schedules, statuses] = await Promise.all([store.list(), store.statuses()]);
    return res.json({
      sendingConfigured: deps.sendingConfigured,
      serverTimeZone: serverTimeZone(),
      schedules: schedules.map(schedule => scheduleView(schedule, statuses.get(schedule.id), now)),
      attention: schedules.flatMap(schedule => attentionOf(schedule, statuses.get(schedule.id)) ?? []),
    });
  }));

  const body = json({ limit: '16kb', strict: false });

  router.post(PATH, body, withUser('change', async (req, res, user) => {
    const settings = parseScheduleInput(req.body);
    await knownDataSet(settings.dataSet);
    const schedule = await store.create(settings, user.name, clock.now());
    deps.changed();
    return res.status(201).json(scheduleView(schedule, undefined, clock.now()));
  }));

  router.put(`${PATH}/:id`, body, withUser('change', async (req, res, user) => {
    const id = String(req.params['id']);
    const stored = await store.get(id);
    if (!stored) {
      return refuse(res, 404, 'no-such-schedule', `No scheduled send has the id "${id.slice(0, 60)}"`, { id: id.slice(0, 60) });
    }
    const settings = parseScheduleInput(req.body, stored);
    if (settings.dataSet !== stored.dataSet) await knownDataSet(settings.dataSet);
    const schedule = await store.update(id, settings, user.name, clock.now());
    if (!schedule) {
      return refuse(res, 404, 'no-such-schedule', `No scheduled send has the id "${id.slice(0, 60)}"`, { id: id.slice(0, 60) });
    }
    deps.changed();
    const statuses = await store.statuses();
    return res.json(scheduleView(schedule, statuses.get(id), clock.now()));
  }));

  router.delete(`${PATH}/:id`, withUser('change', async (req, res) => {
    const id = String(req.params['id']);
    if (!await store.remove(id)) {
      return refuse(res, 404, 'no-such-schedule', `No scheduled send has the id "${id.slice(0, 60)}"`, { id: id.slice(0, 60) });
    }
    deps.changed();
    return res.json({ id, deleted: true });
  }));

  router.all([PATH, `${PATH}/:id`], (req, res) => refuse(res, 405, 'method', `${req.method} is not allowed here: GET or POST ${PATH}, PUT or DELETE ${PATH}/{id}`));

  return router;
};
