import type { DataValue } from '../export/data-value-set';
import type { ImportConflict } from './import-summary';

/** Names the programme knows its DHIS2 ids by: place names by org unit, target ids by data element. */
export interface ProgrammeNames {
  placeByOrgUnit: ReadonlyMap<string, string>;
  targetsByDataElement: ReadonlyMap<string, string[]>;
}

/** A conflict in the programme's words, with DHIS2's own beside them. */
export interface ExplainedConflict {
  place?: { name?: string; orgUnit: string };
  target?: { title?: string; dataElement: string };
  /** DHIS2's message and error code, as it gave them. */
  message: string;
  errorCode?: string;
  /** Which advice this is, for a page to word it in its user's language: a name such as `unknown-org-unit`, a DHIS2 error code, or `other`. */
  advice: string;
  /** What the conflict means, in plain words (English). */
  meaning: string;
  /** What to do about it. */
  action: string;
  /** How many of the sent values it concerns (from DHIS2's `indexes`, when it gives them). */
  values?: number;
  dhis2: ImportConflict;
}

interface Advice {
  /** Set for advice shared by several error codes; otherwise the error code names it. */
  key?: string;
  meaning: string;
  action: string;
}

const UNKNOWN_DATA_ELEMENT: Advice = {
  key: 'unknown-data-element',
  meaning: 'DHIS2 does not know this data element, or the DHIS2 user may not write it',
  action: 'Check the target\'s "dhis.dataElement" in the app settings against the data element\'s id in DHIS2',
};
const UNKNOWN_ORG_UNIT: Advice = {
  key: 'unknown-org-unit',
  meaning: 'DHIS2 does not know this organisation unit, or the DHIS2 user may not see it',
  action: 'Check the place\'s "dhis.orgUnit" against the organisation unit\'s id in DHIS2',
};
const CATEGORY_OPTION_COMBO: Advice = {
  key: 'category-option-combo',
  meaning: 'The disaggregation (category option combo) does not fit the data element',
  action: 'Set the target\'s "dhis.categoryOptionCombo" to one of the data element\'s category option combos in DHIS2, or remove it to use the default',
};
const ATTRIBUTE_OPTION_COMBO: Advice = {
  key: 'attribute-option-combo',
  meaning: 'The attribute option combo does not fit the data set, the period or the organisation unit',
  action: 'Check the target\'s "dhis.attributeOptionCombo" against the data set\'s attribute category combo in DHIS2',
};
const PERIOD_CLOSED: Advice = {
  key: 'period-closed',
  meaning: 'DHIS2 no longer accepts data for this period (past the data set\'s expiry days, or not yet open)',
  action: 'Ask a DHIS2 administrator to open the period for data entry (expiry days or input periods of the data set), or send another period',
};

const ADVICE: Record<string, Advice> = {
  E1100: UNKNOWN_DATA_ELEMENT,
  E7610: UNKNOWN_DATA_ELEMENT,
  E1102: UNKNOWN_ORG_UNIT,
  E7603: UNKNOWN_ORG_UNIT,
  E7612: UNKNOWN_ORG_UNIT,
  E7617: {
    meaning: 'The organisation unit is outside the DHIS2 user\'s data capture organisation units',
    action: 'In DHIS2, give the user whose credentials this server sends access to this organisation unit (or one above it)',
  },
  E1103: CATEGORY_OPTION_COMBO,
  E7613: CATEGORY_OPTION_COMBO,
  E7614: CATEGORY_OPTION_COMBO,
  E7630: CATEGORY_OPTION_COMBO,
  E7634: CATEGORY_OPTION_COMBO,
  E1104: ATTRIBUTE_OPTION_COMBO,
  E7604: ATTRIBUTE_OPTION_COMBO,
  E7615: ATTRIBUTE_OPTION_COMBO,
  E7616: ATTRIBUTE_OPTION_COMBO,
  E7631: ATTRIBUTE_OPTION_COMBO,
  E7635: ATTRIBUTE_OPTION_COMBO,
  E7638: ATTRIBUTE_OPTION_COMBO,
  E7639: ATTRIBUTE_OPTION_COMBO,
  E7600: {
    meaning: 'DHIS2 does not know this data set, or the DHIS2 user may not see it',
    action: 'Check the data set\'s id in "dhis_data_sets" of the app settings against DHIS2',
  },
  E7601: {
    meaning: 'The DHIS2 user may not write data for this data set',
    action: 'In DHIS2, share the data set with the user whose credentials this server sends, with "can capture data"',
  },
  E7611: { meaning: 'DHIS2 does not accept the period', action: 'Check that the data set has a monthly period type in DHIS2' },
  E7632: { meaning: 'The data element does not collect monthly data', action: 'Check the period type of the data element\'s data sets in DHIS2' },
  E7633: {
    meaning: 'The data element is not part of this data set in DHIS2',
    action: 'Add the data element to the data set in DHIS2, or give the target the right "dhis.dataSet" in the app settings',
  },
  E7636: {
    meaning: 'The organisation unit is not assigned to a data set with this data element',
    action: 'In DHIS2, assign the organisation unit to the data set (Maintenance → Data set → Organisation units), or remove the place\'s mapping to this data set',
  },
  E7640: PERIOD_CLOSED,
  E7641: PERIOD_CLOSED,
  E7643: PERIOD_CLOSED,
  E7644: PERIOD_CLOSED,
  E7642: {
    meaning: 'The data for this period and organisation unit is already approved in DHIS2',
    action: 'Ask the DHIS2 approver to unapprove it before sending a correction',
  },
  E7618: { meaning: 'A value is missing', action: 'Export again; if it persists, report it as a fault of the export' },
  E7619: {
    meaning: 'The value does not fit the data element\'s value type (e.g. a decimal for a whole number, or a negative number)',
    action: 'Change the data element\'s value type in DHIS2, or the target\'s calculation in the CHT',
  },
  E7621: { meaning: 'The value is not one of the data element\'s options', action: 'Check the data element\'s option set in DHIS2' },
};

const FALLBACK: Advice = { key: 'other', meaning: 'DHIS2 did not import these values', action: 'Read DHIS2\'s message; a DHIS2 administrator can tell what it needs' };

/**
 * Reads which place and which target a conflict is about: from the sent values DHIS2 points at
 * (`indexes`), from its `objects` (2.38+), or from the ids named in its message.
 */
export const explainConflict = (conflict: ImportConflict, sent: readonly DataValue[], names: ProgrammeNames): ExplainedConflict => {
  const pointed = (conflict.indexes ?? []).map(index => sent[index]).filter((row): row is DataValue => row !== undefined);
  // What every value pointed at shares; a conflict about two targets of a place names no one target.
  const shared = (field: 'orgUnit' | 'dataElement') => (new Set(pointed.map(row => row[field])).size === 1 ? pointed[0]![field] : undefined);
  const said = `${conflict.object ?? ''} ${conflict.value}`;
  const orgUnit = conflict.objects?.['orgUnit'] ?? conflict.objects?.['organisationUnit']
    ?? shared('orgUnit')
    ?? [...names.placeByOrgUnit.keys(), ...sent.map(row => row.orgUnit)].find(id => said.includes(id));
  const dataElement = conflict.objects?.['dataElement']
    ?? (pointed.length > 0 ? shared('dataElement') : [...names.targetsByDataElement.keys()].find(id => said.includes(id)));
  const advice = (conflict.errorCode && ADVICE[conflict.errorCode]) || FALLBACK;
  const targets = dataElement === undefined ? undefined : names.targetsByDataElement.get(dataElement);
  const place = orgUnit === undefined ? undefined : names.placeByOrgUnit.get(orgUnit);
  return {
    ...(orgUnit === undefined ? {} : { place: { ...(place === undefined ? {} : { name: place }), orgUnit } }),
    ...(dataElement === undefined ? {} : { target: { ...(targets ? { title: targets.join(' + ') } : {}), dataElement } }),
    message: conflict.value,
    ...(conflict.errorCode ? { errorCode: conflict.errorCode } : {}),
    advice: advice.key ?? conflict.errorCode ?? 'other',
    meaning: advice.meaning,
    action: advice.action,
    ...(pointed.length > 0 ? { values: pointed.length } : {}),
    dhis2: conflict,
  };
};
