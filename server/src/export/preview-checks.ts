import type { TargetDefinition } from '../settings/app-settings';
import { dataValueKey } from './aggregate';
import type { DataValue } from './data-value-set';

/** A pre-flight check that fired: a stable code, what it means and what to do, and the ids involved. */
export interface PreviewCheck {
  code: CheckCode;
  /** `empty-period` is an error (a file of zeros would overwrite real figures); `zero-values` only a notice. */
  severity: 'error' | 'warning' | 'notice';
  /** In English, for the API and the command line; the page words the check from `code` and `params`. */
  message: string;
  /** What the page needs to say it in the user's language (counts, the period, lists of ids). */
  params: Record<string, string | number>;
  /** How many things are involved; `ids` may list only the first of them. */
  count: number;
  ids: string[];
}

export type CheckCode =
  | 'empty-period'
  | 'invalid-uid'
  | 'counted-nowhere'
  | 'duplicate-data-element'
  | 'shared-org-unit'
  | 'nested-places'
  | 'percent-target'
  | 'target-absent'
  | 'malformed-target-docs'
  | 'unusable-target-mapping'
  | 'zero-values'
  | 'nepali-month-lengths';

/** Ids listed per check at most; `count` says how many there are. */
export const MAX_IDS = 100;

/** A DHIS2 UID: a letter, then 10 letters or digits. */
export const isDhisUid = (id: string) => /^[A-Za-z][A-Za-z0-9]{10}$/.test(id);

export interface MappedPlace {
  _id: string;
  /** Its name, so that a person reads names with the id beside. */
  name?: string;
  orgUnit: string;
  /** Its ancestors' ids, nearest first. */
  ancestors: readonly string[];
}

export interface CheckInput {
  dataSet: string;
  periodId: string;
  /** Set when the preview is of one org unit. */
  orgUnit?: string;
  definitions: readonly TargetDefinition[];
  /** Target ids whose `type` is `percent`. */
  percentTargets: ReadonlySet<string>;
  /** Target definitions with an unusable `dhis`. */
  unusableTargets: readonly string[];
  mappedPlaces: readonly MappedPlace[];
  dataValues: readonly DataValue[];
  omitZeros: boolean;
  targetDocs: number;
  /** Target docs that counted toward at least one org unit. */
  counted: number;
  malformedDocs: readonly string[];
  malformedCount: number;
  /** Users (or owners) of the target docs that counted toward no mapped place. */
  countedNowhere: readonly string[];
  countedNowhereCount: number;
  /** Mapped target ids that some counted target doc contains. */
  targetsSeen: ReadonlySet<string>;
}

const check = (
  code: CheckCode, severity: PreviewCheck['severity'], message: string, params: PreviewCheck['params'], ids: readonly string[], count = ids.length,
): PreviewCheck => ({ code, severity, message, params, count, ids: ids.slice(0, MAX_IDS) });

/** A list of ids as the page shows it inside a sentence, in any language. */
const list = (ids: readonly string[]) => ids.join(', ');

const OPTION_COMBOS = ['categoryOptionCombo', 'attributeOptionCombo'] as const;

/** The checks that fire for one export, in the order a manager should read them. */
export const previewChecks = (input: CheckInput): PreviewCheck[] => {
  const checks: PreviewCheck[] = [];
  const { dataSet, periodId, definitions } = input;

  if (input.targetDocs === 0 || input.counted === 0) {
    const where = input.orgUnit === undefined ? '' : ` under org unit ${input.orgUnit}`;
    checks.push(check('empty-period', 'error', input.targetDocs === 0
      ? `No target doc at all for ${periodId}${where}: the file holds only zeros, and imported into DHIS2 it would overwrite real figures with them. ` +
        'Wait until health workers have synced, or check the period before sending.'
      : `None of the ${input.targetDocs} target docs of ${periodId} counts toward ${input.orgUnit === undefined ? 'a mapped place' : `org unit ${input.orgUnit}`}: ` +
        'the file holds only zeros, and imported into DHIS2 it would overwrite real figures with them. Check the place mappings before sending.',
    { period: periodId, orgUnit: input.orgUnit ?? '', targetDocs: input.targetDocs }, [], input.targetDocs));
  }

  const invalid = new Set<string>();
  if (!isDhisUid(dataSet)) invalid.add(dataSet);
  for (const { orgUnit } of input.mappedPlaces) if (!isDhisUid(orgUnit)) invalid.add(orgUnit);
  for (const { dhis } of definitions) {
    if (!isDhisUid(dhis.dataElement)) invalid.add(dhis.dataElement);
    for (const combo of OPTION_COMBOS) {
      const value = dhis[combo];
      if (value !== undefined && value !== null && !(typeof value === 'string' && isDhisUid(value))) invalid.add(String(value));
    }
  }
  if (invalid.size > 0) {
    checks.push(check('invalid-uid', 'warning',
      `${invalid.size} id${invalid.size === 1 ? ' is' : 's are'} not DHIS2 UIDs (a letter, then 10 letters or digits), and DHIS2 will reject their values: ` +
      'copy the ids (not codes or names) of the data set, org units, data elements and option combos from DHIS2 into the app settings and the places\' "dhis".',
    { count: invalid.size, ids: list([...invalid]) }, [...invalid]));
  }

  if (input.countedNowhereCount > 0) {
    checks.push(check('counted-nowhere', 'warning',
      `${input.countedNowhereCount} target doc${input.countedNowhereCount === 1 ? '' : 's'} of ${periodId} counted toward no org unit: their owner's place ` +
      'and its ancestors are mapped to none of this data set. Map the place (or an ancestor) with "dhis": { "orgUnit": … } if their figures belong in DHIS2.',
    { count: input.countedNowhereCount, period: periodId }, input.countedNowhere, input.countedNowhereCount));
  }

  const targetsByKey = new Map<string, string[]>();
  for (const { id, dhis } of definitions) {
    const key = dataValueKey(dhis);
    targetsByKey.set(key, [...(targetsByKey.get(key) ?? []), id]);
  }
  const sharing = [...targetsByKey.values()].filter(ids => ids.length > 1);
  if (sharing.length > 0) {
    checks.push(check('duplicate-data-element', 'warning',
      `${sharing.map(ids => ids.join(' and ')).join('; ')} map to the same data element and option combos: this export adds them up in one value, ` +
      'DHIS2 would keep one of two separate values. Give each target its own data element or option combo, unless the sum is meant.',
    { targets: sharing.map(list).join(' · ') }, sharing.flat()));
  }

  const placeNames = new Map(input.mappedPlaces.filter(({ name }) => name).map(({ _id, name }) => [_id, name!]));
  const named = (ids: readonly string[]) => list(ids.map(id => (placeNames.has(id) ? `${placeNames.get(id)} (${id})` : id)));
  const placesByOrgUnit = new Map<string, string[]>();
  for (const place of input.mappedPlaces) {
    placesByOrgUnit.set(place.orgUnit, [...new Set([...(placesByOrgUnit.get(place.orgUnit) ?? []), place._id])]);
  }
  const shared = [...placesByOrgUnit.entries()].filter(([, places]) => places.length > 1);
  if (shared.length > 0) {
    checks.push(check('shared-org-unit', 'warning',
      `${shared.map(([orgUnit, places]) => `places ${places.join(', ')} map to org unit ${orgUnit}`).join('; ')}: their figures add up in one value ` +
      '(a health worker under both is counted once). Map each place to its own org unit, unless they are one facility.',
    { orgUnits: list(shared.map(([orgUnit]) => orgUnit)), places: named(shared.flatMap(([, places]) => places)) },
    shared.flatMap(([orgUnit, places]) => [orgUnit, ...places])));
  }

  const mappedIds = new Set(input.mappedPlaces.map(({ _id }) => _id));
  const nested = input.mappedPlaces.flatMap(place => place.ancestors.filter(id => mappedIds.has(id)).map(ancestor => [ancestor, place._id] as const));
  if (nested.length > 0) {
    checks.push(check('nested-places', 'warning',
      `${nested.map(([ancestor, place]) => `${place} lies under ${ancestor}`).join('; ')}: both are mapped, so a health worker under the inner place is counted in both, ` +
      'and DHIS2 analytics adds children to parents, counting them twice. Map only one level of the hierarchy to the data set.',
    { inner: named([...new Set(nested.map(([, place]) => place))]), outer: named([...new Set(nested.map(([ancestor]) => ancestor))]) },
    [...new Set(nested.flat())]));
  }

  const percent = definitions.filter(({ id }) => input.percentTargets.has(id)).map(({ id }) => id);
  if (percent.length > 0) {
    checks.push(check('percent-target', 'warning',
      `${percent.join(', ')} ${percent.length === 1 ? 'is a percent target' : 'are percent targets'}: the export sends value.total, the denominator, as the CHT does, ` +
      'not the percentage. Map the numerator as a count target if DHIS2 expects it, or compute the rate in DHIS2 as an indicator.',
    { targets: list(percent) }, percent));
  }

  if (input.counted > 0) {
    const absent = [...new Set(definitions.map(({ id }) => id))].filter(id => !input.targetsSeen.has(id));
    if (absent.length > 0) {
      checks.push(check('target-absent', 'warning',
        `${absent.join(', ')}: mapped, but no target doc of ${periodId} contains ${absent.length === 1 ? 'it' : 'them'}, so ${absent.length === 1 ? 'its' : 'their'} values are 0. ` +
        'Often a target renamed in targets.js after the mapping was written: check the target ids in the app settings.',
      { targets: list(absent), period: periodId }, absent));
    }
  }

  if (input.malformedCount > 0) {
    checks.push(check('malformed-target-docs', 'warning',
      `${input.malformedCount} target doc${input.malformedCount === 1 ? ' was' : 's were'} skipped as malformed (no owner, no targets, or a value that is not a number): ` +
      'their figures are missing. Ask the health workers to sync again, or repair the docs.',
    { count: input.malformedCount }, input.malformedDocs, input.malformedCount));
  }

  if (input.unusableTargets.length > 0) {
    checks.push(check('unusable-target-mapping', 'warning',
      `${input.unusableTargets.join(', ')}: "dhis" is present but has no usable "dataElement", so ${input.unusableTargets.length === 1 ? 'this target is' : 'these targets are'} left out. ` +
      'Set "dhis": { "dataElement": … } in the app settings.',
    { targets: list(input.unusableTargets) }, input.unusableTargets));
  }

  const zeros = input.dataValues.filter(({ value }) => value === 0);
  if (!input.omitZeros && zeros.length > 0) {
    checks.push(check('zero-values', 'notice',
      `${zeros.length} of ${input.dataValues.length} values are 0: DHIS2 stores no zeros for most data elements, and a 0 overwrites a value imported before. ` +
      'Choose "omit zeros" unless those zeros are meant to replace earlier figures.',
    { zeros: zeros.length, values: input.dataValues.length }, [], zeros.length));
  }
  return checks;
};
