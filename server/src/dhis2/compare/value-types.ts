/**
 * Whether DHIS2 would take a number for a data element of this value type, as its import validates
 * it (`ValidationUtils.valueIsValid`, 2.38–2.43): undefined when it would, else DHIS2's own reason key.
 * The CHT's values are sums of target counts: numbers, possibly decimal, possibly negative.
 */
export const valueTypeRefusal = (value: number, valueType: string | undefined): string | undefined => {
  const integer = Number.isInteger(value);
  switch (valueType) {
    case undefined:
    case 'NUMBER':
    case 'TEXT':
    case 'LONG_TEXT':
      return undefined;
    case 'INTEGER':
      return integer ? undefined : 'value_not_integer';
    case 'INTEGER_POSITIVE':
      return integer && value > 0 ? undefined : 'value_not_positive_integer';
    case 'INTEGER_NEGATIVE':
      return integer && value < 0 ? undefined : 'value_not_negative_integer';
    case 'INTEGER_ZERO_OR_POSITIVE':
      return integer && value >= 0 ? undefined : 'value_not_zero_or_positive_integer';
    case 'PERCENTAGE':
      return value >= 0 && value <= 100 ? undefined : 'value_not_percentage';
    case 'UNIT_INTERVAL':
      return value >= 0 && value <= 1 ? undefined : 'value_not_unit_interval';
    case 'BOOLEAN':
      return value === 0 || value === 1 ? undefined : 'value_not_bool';
    case 'TRUE_ONLY':
      return value === 1 ? undefined : 'value_not_true_only';
    default:
      // DATE, COORDINATE, FILE_RESOURCE, ORGANISATION_UNIT…: no count fits them
      return 'value_type_not_numeric';
  }
};
