import { ConfigError, readConfig, type Config } from './config';
import { startServer } from './server';

// A safety net, not a fix: a failure that escapes a request's handling is logged, and the server
// keeps serving every other user.
process.on('unhandledRejection', reason => console.error('error: unhandled rejection (the server keeps running):', reason));
process.on('uncaughtException', error => console.error('error: uncaught exception (the server keeps running):', error));

/** Whether the page can send to DHIS2, and where: a manager asks this first. */
const sendingLine = (dhis2: Config['dhis2']) => dhis2
  ? `Sending to DHIS2: on, to ${dhis2.url.origin}${dhis2.url.pathname.replace(/\/$/, '')} (${'token' in dhis2.auth ? 'personal access token' : `user ${dhis2.auth.user}`})`
  : 'Sending to DHIS2: off (set DHIS2_URL and DHIS2_TOKEN to send; the page downloads files meanwhile)';

const main = async () => {
  const config = readConfig();
  const server = await startServer(config);
  const lines = [
    `CHT DHIS2 export is running at ${server.url}`,
    config.couchUrl ? `Database: CouchDB at ${config.couchUrl.origin}${config.couchUrl.pathname} (served here as /medic)` : `Database: embedded, in ${config.dataDir}`,
  ];
  if (server.demoSeeded) {
    lines.push('Demo data written: 1 district, 5 health centres, 30 health workers, 6 months of targets, 3 DHIS2 data sets (one of them with mapping mistakes on purpose).');
  }
  lines.push(sendingLine(config.dhis2));
  if (server.demoUsers.length > 0) {
    lines.push('Log in as:');
    for (const user of server.demoUsers) {
      lines.push(`  ${user.name} / ${user.password}   (${user.description})`);
    }
  }
  if (!config.couchUrl) {
    lines.push(server.admin.file
      ? `Server admin: ${server.admin.user}, password in ${server.admin.file} (readable by you only)`
      : `Server admin: ${server.admin.user}, password from ADMIN_PASSWORD`);
  }
  console.log(lines.join('\n'));

  const stop = async () => {
    await server.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
};

const reasonOf = (error: unknown) => {
  // PouchDB's errors are plain objects with a status, a name and a message or reason.
  const { message: text, reason, name, status } = (typeof error === 'object' && error !== null ? error : {}) as Record<string, unknown>;
  const message = typeof text === 'string' && text ? text
    : typeof reason === 'string' && reason ? `${reason}${typeof status === 'number' ? ` (${status} ${String(name ?? '')})` : ''}`
      : String(error);
  return /LOCK/.test(message) ? 'the database in DATA_DIR is in use by another running server; stop it or choose another DATA_DIR' : message;
};

main().catch(error => {
  console.error(error instanceof ConfigError ? error.message : `Could not start: ${reasonOf(error)}`);
  process.exit(1);
});
