import { badRequest } from './export-error';

/** The parameters an endpoint knows: a name is a value (`true`) or a group of parameters (`filters[…]`). */
export interface KnownParameters {
  readonly [name: string]: true | KnownParameters;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Every parameter of a shape, written as in a query string: `filters[dataSet]`, `dryRun`. */
export const parameterNames = (known: KnownParameters, prefix = ''): string[] =>
  Object.entries(known).flatMap(([name, inner]) => {
    const written = prefix === '' ? name : `${prefix}[${name}]`;
    return inner === true ? [written] : parameterNames(inner, written);
  });

const shown = (name: string) => (name.length > 60 ? `${name.slice(0, 60)}…` : name);

/** Every name given under an unknown one, as written (`filter[orgUnit]`), a few levels at most. */
const givenNames = (value: unknown, written: string, depth = 0): string[] =>
  (isRecord(value) && depth < 3 && Object.keys(value).length > 0
    ? Object.entries(value).flatMap(([name, inner]) => givenNames(inner, `${written}[${name}]`, depth + 1))
    : [written]);

/** The given names the shape does not know, as written in a query string; groups are only walked where known. */
export const unknownParameters = (input: Record<string, unknown>, known: KnownParameters, prefix = ''): string[] =>
  Object.entries(input).flatMap(([name, value]) => {
    const written = prefix === '' ? name : `${prefix}[${name}]`;
    const inner = Object.hasOwn(known, name) ? known[name] : undefined;
    if (inner === undefined) {
      return givenNames(value, written);
    }
    // a value of the wrong shape (a group for a value, or the reverse) is for the parser to refuse
    return inner === true ? [] : isRecord(value) ? unknownParameters(value, inner, written) : [];
  });

/**
 * Refuses a request naming a parameter the endpoint does not know, so that a misspelt filter or
 * option (`filters[orgunit]`, `options[dryRun]`) never silently widens what is exported or sent.
 * Code `parameter.unknown`; `unknown` and `known` list the names.
 */
export const refuseUnknownParameters = (input: unknown, known: KnownParameters): void => {
  if (!isRecord(input)) {
    return;
  }
  const unknown = unknownParameters(input, known);
  if (unknown.length === 0) {
    return;
  }
  const names = parameterNames(known);
  const near = unknown.map(name => names.find(candidate => candidate.toLowerCase() === name.toLowerCase()))
    .filter((name): name is string => name !== undefined);
  throw badRequest(
    `Unknown parameter${unknown.length > 1 ? 's' : ''} ${unknown.slice(0, 5).map(name => `"${shown(name)}"`).join(', ')}` +
      `${near.length > 0 ? ` (did you mean ${near.map(name => `"${name}"`).join(', ')}?)` : ''}: the known ones are ${names.join(', ')}`,
    'parameter.unknown',
    { unknown: unknown.slice(0, 20).map(shown), known: names },
  );
};
