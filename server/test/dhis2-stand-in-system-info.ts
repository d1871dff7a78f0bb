/**
 * The stand-in's `GET /api/system/info`: the fields this product reads (`calendar`, DHIS2's system
 * setting "Calendar", `iso8601` unless set; `version`), shaped as DHIS2 2.38–2.43 answer it.
 */
export const standInSystemInfo = ({ version = '2.40', calendar = 'iso8601' }: { version?: string; calendar?: string }) => ({
  version,
  revision: 'stand-in',
  calendar,
  dateFormat: 'yyyy-mm-dd',
  serverTimeZoneId: 'Etc/UTC',
  systemName: 'DHIS2 stand-in',
});
