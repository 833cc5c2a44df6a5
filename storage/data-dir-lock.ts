/**
 * PGlite is one process's database: a second process opening the same files (say `proofline tokens create` while
 * `npm start` runs) would corrupt them. A lock file holding the owner's pid keeps the second one out; a lock left by a
 * dead process is taken over.
 */
import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { ProoflineError } from '../core/errors.ts';

export function lockDataDir(lockPath: string): () => void {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockPath, 'wx', 0o600);
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(lockPath, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number(readFileSync(lockPath, 'utf8').trim());
      if (Number.isInteger(owner) && owner > 0 && owner !== process.pid && isAlive(owner)) {
        throw new ProoflineError(
          'CONFLICT',
          `The embedded database is in use by process ${owner}. Stop it first, or use a PostgreSQL server (DATABASE_URL) to run several processes.`,
        );
      }
      rmSync(lockPath, { force: true });
    }
  }
  throw new ProoflineError('CONFLICT', 'The embedded database lock could not be taken.');
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
