import assert from 'node:assert/strict';
import { ConfigError, readConfig } from '../src/config';

/** The problems readConfig reports for this environment; none when it accepts it. */
export const problemsOf = (env: Record<string, string>): string[] => {
  try {
    readConfig(env);
    return [];
  } catch (error) {
    assert.ok(error instanceof ConfigError);
    return error.problems;
  }
};
