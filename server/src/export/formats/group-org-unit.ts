import type { DataValue, DataValueSet } from '../data-value-set';

/**
 * The org unit every data value of the set shares, which a JSON or XML file then also names at the
 * set's level; undefined when the values are of several org units (or of none).
 *
 * Why it matters: a `completeDate` completes the data set for the set-level org unit. Without one,
 * DHIS2 2.43 refuses the whole import (`DefaultDataEntryService.decodeGroup`, E8009) and 2.38 to
 * 2.42 add a conflict, "Must be provided to complete data set", and answer WARNING
 * (`DefaultDataValueSetService.handleComplete`). So a file names `completeDate` only with it.
 */
export const groupOrgUnitOf = (dataValues: readonly DataValue[]): string | undefined => {
  const orgUnit = dataValues[0]?.orgUnit;
  return orgUnit !== undefined && dataValues.every(value => value.orgUnit === orgUnit) ? orgUnit : undefined;
};

/**
 * The set-level fields of a dataValueSet file: `orgUnit` when the values share one, and then
 * `completeDate` too, unless it is left out (a send completes the data set only when asked to).
 */
export const setLevelOf = (
  { dataSet, completeDate, period, dataValues }: DataValueSet, { withCompleteDate = true } = {},
): { dataSet: string; completeDate?: string; period: string; orgUnit?: string } => {
  const orgUnit = groupOrgUnitOf(dataValues);
  if (orgUnit === undefined) {
    return { dataSet, period };
  }
  return withCompleteDate ? { dataSet, completeDate, period, orgUnit } : { dataSet, period, orgUnit };
};
