import { dhisPeriodId } from '../export/reporting-period';
import type { ExportResult } from '../export/export-data-value-set';
import type { ExportRequest } from '../export/export-request';
import type { Log } from '../logging/log';
import { totalOf, type ExportLog } from './export-log';

/** Records each file served; a failure to record is logged and never fails the download. */
export const recordDownload = (exportLog: ExportLog, log: Log, now: () => Date = () => new Date()) =>
  (user: string, request: ExportRequest, result: ExportResult): void => {
    const rows = result.dataValueSet.dataValues;
    exportLog.record({
      action: 'download',
      user,
      at: now().toISOString(),
      dataSet: request.dataSet,
      period: dhisPeriodId(result.period),
      ...(request.orgUnit === undefined ? {} : { orgUnit: request.orgUnit }),
      format: result.fileName.slice(result.fileName.lastIndexOf('.') + 1),
      humanReadable: request.humanReadable,
      values: rows.length,
      total: totalOf(rows),
    }).catch(error => log.error(`Could not record the download of ${result.fileName}`, error));
  };
