/** The period types a DHIS2 data set may report in, as the app settings name them (`dhis_data_sets[].periodType`). */
export const PERIOD_TYPES = ['Monthly', 'Quarterly', 'Yearly'] as const;
export type PeriodType = (typeof PERIOD_TYPES)[number];

export const isPeriodType = (value: unknown): value is PeriodType =>
  typeof value === 'string' && (PERIOD_TYPES as readonly string[]).includes(value);
