import type { ExportPreview } from '../export/export-preview';
import type { WorkerFollowUp } from '../export/preview-coverage';

/** Names listed per org unit at most, so that a large deployment's report stays readable. */
const MAX_NAMES = 20;

const listed = (ids: readonly string[], count: number) =>
  `${ids.join(', ')}${count > ids.length ? ` (and ${count - ids.length} more)` : ''}`;

const workers = (followUps: readonly WorkerFollowUp[]) =>
  listed(followUps.slice(0, MAX_NAMES).map(({ name, lastUpdate }) => (lastUpdate ? `${name} (last update ${lastUpdate.slice(0, 10)})` : name)), followUps.length);

/** Whether a scheduled job should alert someone: an error or a warning fired (a notice alone does not). */
export const checksFired = (preview: ExportPreview) => preview.checks.some(({ severity }) => severity !== 'notice');

/** The checks and the sync coverage of a preview, as plain text for a terminal or a mail. */
export const checkReport = (preview: ExportPreview): string => {
  const { counts } = preview;
  const lines = [
    `DHIS2 data set ${preview.dataSet.name}${preview.dataSet.name === preview.dataSet.id ? '' : ` (${preview.dataSet.id})`}, period ${preview.period}: ` +
      `${counts.dataValues} data values from ${counts.targetDocs} target docs (${counts.counted} counted, ${counts.malformed} malformed)`,
    '',
    preview.checks.length === 0 ? 'Checks: none fired.' : `Checks (${preview.checks.length}):`,
  ];
  for (const check of preview.checks) {
    lines.push(`  ${check.severity.toUpperCase().padEnd(7)} ${check.code}: ${check.message}`);
    if (check.ids.length > 0) {
      lines.push(`          ids: ${listed(check.ids, check.count)}`);
    }
  }
  lines.push('', counts.healthWorkers === 0
    ? 'Sync coverage: no health workers found (no user-settings docs with an offline role).'
    : 'Sync coverage (health workers expected, with a target doc for the period, of those updated before it ended):');
  for (const unit of counts.healthWorkers === 0 ? [] : preview.coverage) {
    lines.push(`  ${unit.orgUnitName} (${unit.orgUnit}): ${unit.expected} expected, ${unit.reported} reported, ${unit.stale} stale`);
    if (unit.missingWorkers.length > 0) {
      lines.push(`    no target doc: ${workers(unit.missingWorkers)}`);
    }
    if (unit.staleWorkers.length > 0) {
      lines.push(`    stale: ${workers(unit.staleWorkers)}`);
    }
  }
  return `${lines.join('\n')}\n`;
};
