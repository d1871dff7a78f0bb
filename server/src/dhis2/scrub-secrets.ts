import type { Dhis2Config } from './dhis2-config';

export type Scrub = (text: string) => string;

export const REDACTED = '[redacted]';

/** The forms a credential may come back in: as given, URL-encoded, and as the Basic header's base64. */
const secretForms = (auth: Dhis2Config['auth']): string[] => {
  const given = 'token' in auth ? [auth.token] : [auth.password, Buffer.from(`${auth.user}:${auth.password}`).toString('base64')];
  return [...new Set(given.flatMap(secret => [secret, encodeURIComponent(secret)]))]
    // a one-letter password would blank out every word: such a secret is not worth hiding that way
    .filter(secret => secret.length >= 4)
    .sort((a, b) => b.length - a.length);
};

/**
 * Removes the configured DHIS2 token or password from text that came from upstream (DHIS2 or a
 * proxy in front of it may echo the Authorization header), before it reaches an answer, the
 * export log or the server's log.
 */
export const scrubberFor = (auth: Dhis2Config['auth']): Scrub => {
  const secrets = secretForms(auth);
  return text => secrets.reduce((scrubbed, secret) => scrubbed.split(secret).join(REDACTED), text);
};
