/** What the HTTP benches share: a platform on a throwaway data dir (PGlite, or a PostgreSQL URL) and scratch databases. */
import os from 'node:os';
import path from 'node:path';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadConfig } from '../config/load-config.ts';
import { createLogger } from '../http/logger.ts';
import { openPlatform, type Platform } from '../server.ts';

export const BENCH_ADMIN_TOKEN = 'bench-admin-token-0123456789abcdef';

/** A platform with its own data dir (removed by `cleanup`), on PGlite or on `databaseUrl`. */
export async function openBenchPlatform(databaseUrl: string | undefined, prefix = 'proofline-bench-'): Promise<{ platform: Platform; cleanup: () => void }> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), prefix));
  const config = loadConfig({
    PUBLIC_URL: 'http://bench.test',
    PROOFLINE_DATA_DIR: dataDir,
    PROOFLINE_ADMIN_TOKEN: BENCH_ADMIN_TOKEN,
    PROOFLINE_KEK: '5a'.repeat(32),
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
  });
  const platform = await openPlatform(config, { logger: createLogger({ level: 'silent' }) });
  return { platform, cleanup: () => rmSync(dataDir, { recursive: true, force: true }) };
}

/** Scratch databases for the PostgreSQL rows: test/helpers/scratch-database.ts. */
export { scratchDatabase } from '../test/helpers/scratch-database.ts';
