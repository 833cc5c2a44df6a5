/**
 * Opens the database named by the configuration (DESIGN.md §4): embedded PGlite under `<dataDir>/pgdata` (or in
 * memory for ':memory:') when no `databaseUrl` is given, a PostgreSQL server through a node-postgres pool otherwise.
 * Migrations are applied before the store is returned.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import pg from 'pg';
import { ProoflineError } from '../core/errors.ts';
import type { Store } from '../core/ports.ts';
import { createStore } from './create-store.ts';
import { lockDataDir } from './data-dir-lock.ts';
import { migratePgliteDatabase, migratePostgresDatabase } from './migrate.ts';
import { createSerialQueue } from './serial-queue.ts';

export interface OpenStoreOptions {
  /** postgres://... ; unset = embedded PGlite. */
  databaseUrl?: string;
  /** PROOFLINE_DATA_DIR; PGlite keeps its files in `<dataDir>/pgdata`. ':memory:' = nothing on disk. */
  dataDir: string;
  /** Connections in the node-postgres pool (default 10). */
  poolSize?: number;
}

export async function openStore(options: OpenStoreOptions): Promise<Store> {
  try {
    return options.databaseUrl
      ? await openPostgresStore(options.databaseUrl, options.poolSize ?? 10)
      : await openPgliteStore(options.dataDir);
  } catch (error) {
    throw new ProoflineError('INTERNAL', 'The database could not be opened or migrated.', { cause: error });
  }
}

async function openPgliteStore(dataDir: string): Promise<Store> {
  let directory: string | undefined;
  let unlock = () => {};
  if (dataDir !== ':memory:') {
    directory = join(dataDir, 'pgdata');
    await mkdir(directory, { recursive: true });
    unlock = lockDataDir(join(dataDir, 'pgdata.lock'));
  }
  let client: PGlite;
  try {
    client = await PGlite.create(directory);
  } catch (error) {
    unlock();
    throw error;
  }
  try {
    await migratePgliteDatabase(client);
  } catch (error) {
    await client.close();
    unlock();
    throw error;
  }
  // One connection: every root-level statement and every transaction takes its turn (see serial-queue.ts).
  const queue = createSerialQueue();
  return createStore({
    kind: 'pglite',
    db: drizzlePglite(client),
    gate: queue.run,
    close: async () => {
      await queue.drain();
      if (!client.closed) await client.close();
      unlock();
    },
  });
}

async function openPostgresStore(databaseUrl: string, poolSize: number): Promise<Store> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: poolSize });
  // An idle connection dropped by the server emits 'error' on the pool; without a listener that would crash the
  // process. The pool discards the connection and the next query opens a new one.
  pool.on('error', () => undefined);
  try {
    await migratePostgresDatabase(pool);
  } catch (error) {
    await pool.end();
    throw error;
  }
  let closing: Promise<void> | undefined;
  return createStore({
    kind: 'postgres',
    db: drizzlePg(pool),
    gate: (operation) => operation(),
    close: () => (closing ??= pool.end()),
  });
}
