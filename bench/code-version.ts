import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '..');

const git = (...args: string[]) =>
  execFileSync('git', args, { cwd: REPO_ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 64 * 1024 * 1024 }).trim();

/**
 * Which server code a process runs: the commit, and a fingerprint of uncommitted changes under
 * server/ (so two different work-in-progress states read differently). The server may change
 * while a long run goes on; each server process started is stamped with this.
 */
export const serverCodeVersion = (): string => {
  try {
    const commit = git('rev-parse', '--short', 'HEAD');
    const status = git('status', '--porcelain', '--', 'server', 'package.json');
    if (status === '') {
      return commit;
    }
    const fingerprint = createHash('sha1').update(status).update(git('diff', 'HEAD', '--', 'server', 'package.json')).digest('hex').slice(0, 8);
    return `${commit} + uncommitted server changes (${fingerprint})`;
  } catch {
    return 'unknown (not a git checkout)';
  }
};
