import type { DataValueSet } from '../data-value-set';
import type { DataValueSetFormat } from './data-value-set-format';
import { dhisNumber } from './dhis-number';
import { setLevelOf } from './group-org-unit';

/** 2.43 reads these members with `getBoolean`, every other one with `getString`: a copied `dhis` attribute gets that type. */
const BOOLEANS = ['followUp', 'followup', 'deleted'];

const asRead = ([name, value]: [string, unknown]): [string, unknown] => {
  if (BOOLEANS.includes(name)) {
    return [name, value === 'true' ? true : value === 'false' ? false : value];
  }
  return [name, typeof value === 'number' && Number.isFinite(value) ? dhisNumber(value) : typeof value === 'boolean' ? String(value) : value];
};

/**
 * The follow-up flag under both of its names: 2.38 to 2.42 bind JSON's `followup` (the field of
 * `dxf2/datavalue/DataValue.java`), 2.43 reads `followUp` (`DataEntryInput.fromJson`); each ignores the other.
 */
export const followUpOf = (value: Record<string, unknown>): boolean | undefined => {
  const flag = value['followUp'] ?? value['followup'];
  return flag === true || flag === 'true' ? true : flag === false || flag === 'false' ? false : undefined;
};

const withFollowUp = (attributes: Record<string, unknown>) => {
  const followUp = followUpOf(attributes);
  const { followUp: _camel, followup: _lower, ...rest } = attributes;
  return followUp === undefined ? rest : { ...rest, followUp, followup: followUp };
};

/**
 * The dataValueSet as DHIS2's JSON import reads it in every version from 2.38 to 2.43: values as
 * strings (2.43's `DataEntryInput.fromJson` reads `getString("value")`, and json-tree 1.8.1 throws
 * on a number), plain decimals, and `completeDate` only beside a set-level `orgUnit`.
 */
export const dhis2Json = (set: DataValueSet, { withCompleteDate = true, pretty = false } = {}): string => {
  const file = {
    ...setLevelOf(set, { withCompleteDate }),
    dataValues: set.dataValues.map(({ value, ...rest }) => ({ ...withFollowUp(Object.fromEntries(Object.entries(rest).map(asRead))), value: dhisNumber(value) })),
  };
  return pretty ? `${JSON.stringify(file, null, 2)}\n` : JSON.stringify(file);
};

/** DHIS2's JSON import format. */
export const jsonFormat: DataValueSetFormat = {
  name: 'json',
  mediaType: 'application/json; charset=utf-8',
  extension: 'json',
  serialize: (set, { pretty }) => dhis2Json(set, { pretty }),
};
