import { Router } from 'express';
import type { Dhis2Calendar } from '../export/calendars/dhis2-calendar';
import { exportDataValueSet } from '../export/export-data-value-set';
import { badRequest } from '../export/export-error';
import { parseExportRequest } from '../export/export-request';
import { queryOf } from './export-route';
import type { ExportSource } from '../sources/export-source';
import { dhisPeriodId } from '../export/reporting-period';
import { digestOf } from '../export/send-digest';
import { withApiUser } from './api-user';
import { refuseUnknownParameters, type KnownParameters } from '../export/known-parameters';
import { sendError } from './json-errors';
import { mayExportDhis } from '../session/export-permission';
import type { Authenticate } from '../session/user-session';
import { changesSince } from '../export-log/changes-since-send';
import { loggedValuesOf, totalOf, type ExportAction, type ExportLog } from '../export-log/export-log';
import { DEFAULT_LOG_LIMIT, EXPORT_ACTIONS, MAX_LOG_LIMIT, type LogQuery } from '../export-log/log-query';

export const LOG_PARAMETERS: KnownParameters = {
  filters: { dataSet: true, period: true, orgUnit: true, action: true, user: true },
  options: { omitZeros: true },
  limit: true,
  cursor: true,
};

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

const text = (value: unknown, name: string): string | undefined => {
  if (value === undefined || value === '') {
    return undefined;
  }
  if (typeof value !== 'string' || value.length > 200) {
    throw badRequest(`"${name}" must be given once, as text of at most 200 characters`, 'parameter.invalid', { parameter: name });
  }
  return value;
};

/** The records asked for: a data set (required), optionally a period, place, action and user; a page. */
const logQueryOf = (input: Record<string, unknown>): LogQuery => {
  const filters = isRecord(input['filters']) ? input['filters'] : {};
  const dataSet = text(filters['dataSet'], 'filters[dataSet]');
  if (dataSet === undefined) {
    throw badRequest('filter "dataSet" is required: the log lists the records of one data set', 'log.dataSetRequired');
  }
  const action = text(filters['action'], 'filters[action]');
  if (action !== undefined && !EXPORT_ACTIONS.includes(action as ExportAction)) {
    throw badRequest(`filter "action" must be one of ${EXPORT_ACTIONS.join(', ')}`, 'parameter.invalid', { parameter: 'filters[action]', allowed: EXPORT_ACTIONS });
  }
  const limitText = text(input['limit'], 'limit') ?? String(DEFAULT_LOG_LIMIT);
  const limit = Number(limitText);
  if (!/^\d+$/.test(limitText) || limit < 1 || limit > MAX_LOG_LIMIT) {
    throw badRequest(`"limit" must be a whole number from 1 to ${MAX_LOG_LIMIT}`, 'parameter.invalid', { parameter: 'limit' });
  }
  const optional = { period: text(filters['period'], 'filters[period]'), orgUnit: text(filters['orgUnit'], 'filters[orgUnit]'),
    action: action as ExportAction | undefined, user: text(filters['user'], 'filters[user]'), cursor: text(input['cursor'], 'cursor') };
  return { dataSet, limit, ...Object.fromEntries(Object.entries(optional).filter(([, value]) => value !== undefined)) };
};

/**
 * `GET /api/v2/export/dhis/log`: a data set's records, newest first, filtered and paged; with a
 * period, also what a send of the selection (period and place, or every place) would hold now, its
 * digest to confirm, and what changed since the last send DHIS2 kept of it.
 */
export const exportLogRouter = ({ source, authenticate, exportLog, dhis2Calendar, now = () => new Date() }:
  { source: ExportSource; authenticate: Authenticate; exportLog: ExportLog; dhis2Calendar?: Dhis2Calendar; now?: () => Date }) => {
  const withUser = withApiUser(authenticate);
  const router = Router();
  router.get('/api/v2/export/dhis/log', (req, res) => withUser(req, res, async user => {
    const input = queryOf(req.url);
    refuseUnknownParameters(input, LOG_PARAMETERS);
    const query = logQueryOf(isRecord(input) ? input : {});
    if (!mayExportDhis(user, await source.settings())) {
      return sendError(res, 403, `User "${user.name}" may not read the export log: a role of theirs needs the permission can_export_dhis`);
    }
    const page = await exportLog.list(query);
    const records = page.records.map(({ dataValues: _values, ...record }) => record);
    if (query.period === undefined) {
      return res.json({ dataSet: query.dataSet, records, ...(page.next ? { next: page.next } : {}) });
    }
    const options = isRecord(input) && isRecord(input['options']) ? input['options'] : {};
    const request = parseExportRequest({ filters: { dataSet: query.dataSet, period: query.period, orgUnit: query.orgUnit }, options });
    // What a send would hold now: its size and digest for the confirmation, its values to compare with the last send.
    const exported = await exportDataValueSet(source, { ...request, humanReadable: false }, now(), { dhis2Calendar });
    const { dataValueSet } = exported;
    const period = dhisPeriodId(exported.period);
    const lastSend = await exportLog.lastSend(query.dataSet, period, query.orgUnit);
    const current = { values: dataValueSet.dataValues.length, total: totalOf(dataValueSet.dataValues), digest: digestOf(dataValueSet) };
    return res.json({
      dataSet: query.dataSet,
      period,
      ...(query.orgUnit === undefined ? {} : { orgUnit: query.orgUnit }),
      current,
      records,
      ...(page.next ? { next: page.next } : {}),
      ...(lastSend?.dataValues ? {
        changesSinceLastSend: { recordId: lastSend.id, sentAt: lastSend.at, sentBy: lastSend.user, changes: changesSince(lastSend.dataValues, loggedValuesOf(dataValueSet.dataValues)) },
      } : {}),
    });
  }));
  return router;
};
