import { PeriodChoices, PeriodType } from '../domain/periods';
import { Translate } from '../domain/translate';
import { DataSetOption, OrgUnitPlace, SavedExport } from '../domain/models';
import { numberFormat } from '../domain/numbers';

/** The result panel's lines. */
export interface SavedSummary {
  readonly what: string;
  readonly counts: string | null;
}

/** What the saved file holds, in the page's words: its data set, place and period, and its counts. */
export function savedSummary(
  saved: SavedExport,
  dataSets: readonly DataSetOption[],
  places: readonly OrgUnitPlace[],
  choices: Readonly<Record<PeriodType, PeriodChoices>> | null,
  t: Translate,
  locale: string,
): SavedSummary {
  const { request, counts } = saved;
  const dataSet = dataSets.find(({ id }) => id === request.dataSet)?.name ?? request.dataSet;
  const place = request.orgUnit
    ? [...new Set(places.filter(({ orgUnit }) => orgUnit === request.orgUnit).map(({ name }) => name))].join(' / ') || request.orgUnit
    : t('export.dhis.place.all');
  const period = Object.values(choices ?? {})
    .flatMap(({ periods }) => periods)
    .find(({ value }) => value === request.period)?.label ?? request.period;
  const format = numberFormat(locale);
  return {
    what: t('export.dhis.result.what', { dataSet, place, period }),
    counts: counts
      ? t('export.dhis.result.counts', { values: format(counts.values), orgUnits: format(counts.orgUnits), zeros: format(counts.zeros) })
      : null,
  };
}
