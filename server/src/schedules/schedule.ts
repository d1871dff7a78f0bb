/** What a manager sets for an unattended send; stored as one doc in the export log's database. */
export interface ScheduleSettings {
  dataSet: string;
  /** The export's place filter; undefined: every mapped place. */
  orgUnit?: string;
  /** 1–28, so that every month has the day. */
  dayOfMonth: number;
  /** `HH:MM`, 24-hour, in `timeZone`. */
  time: string;
  /** IANA time zone, e.g. `Africa/Nairobi`. */
  timeZone: string;
  enabled: boolean;
  /** Dry-run first and send only when DHIS2 reports no conflict. */
  dryRunFirst: boolean;
  /** 0–100: the percent of expected health workers with a target doc for the period before sending. */
  minCoverage: number;
  /** Send regardless this many days after the scheduled moment, when coverage is still short. */
  sendAnywayAfterDays: number;
  /** Register the data set complete, where the send supports it. */
  completeDataSet: boolean;
  /** For this many months after a period's send, later runs send the values that changed since. */
  resendChanges: number;
}

export interface Schedule extends ScheduleSettings {
  id: string;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  updatedBy: string;
  /**
   * Runs are due from this instant: creation, or the last time the schedule was switched on. A
   * paused schedule's missed moments are not caught up.
   */
  activeSince: string;
}

export const SCHEDULE_DEFAULTS = {
  enabled: true,
  dryRunFirst: true,
  minCoverage: 0,
  sendAnywayAfterDays: 7,
  completeDataSet: false,
  resendChanges: 0,
} as const;

/** The server's own IANA time zone: what a schedule without one runs in. */
export const serverTimeZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

/** The selection a schedule sends, keyed as the send's lease and the log name it. */
export interface Selection {
  dataSet: string;
  period: string;
  orgUnit?: string;
}

export const selectionKey = ({ dataSet, period, orgUnit }: Selection) =>
  `${encodeURIComponent(dataSet)}~${period}~${orgUnit === undefined ? '*' : encodeURIComponent(orgUnit)}`;
