/**
 * A store of its own, for tests that tamper with rows or count them exactly (the shared test stores hold every other
 * suite's rows): a fresh in-memory PGlite, or a fresh database on the DATABASE_URL server, dropped at the end.
 * `sql` runs raw SQL beside the Store, as an attacker with database access would.
 */
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import pg from 'pg';
import type { Store } from '../../core/ports.ts';
import { createStore } from '../../storage/create-store.ts';
import { migratePgliteDatabase } from '../../storage/migrate.ts';
import { openStore } from '../../storage/open-store.ts';
import { createSerialQueue } from '../../storage/serial-queue.ts';
import { scratchDatabase } from './scratch-database.ts';
import type { StoreName } from './store.ts';

export interface IsolatedStore {
  store: Store;
  /** postgres:// URL of the fresh database (server only), for spawned server processes. */
  databaseUrl?: string;
  sql<Row = Record<string, unknown>>(text: string, params?: unknown[]): Promise<Row[]>;
  /** Closes the store and drops the database. */
  dispose(): Promise<void>;
}

export async function openIsolatedStore(kind: StoreName): Promise<IsolatedStore> {
  return kind === 'pglite' ? openIsolatedPglite() : openIsolatedPostgres();
}

async function openIsolatedPglite(): Promise<IsolatedStore> {
  const client = await PGlite.create();
  await migratePgliteDatabase(client);
  const queue = createSerialQueue();
  const store = createStore({
    kind: 'pglite',
    db: drizzlePglite(client),
    gate: queue.run,
    close: async () => {
      await queue.drain();
      if (!client.closed) await client.close();
    },
  });
  return {
    store,
    sql: async <Row>(text: string, params: unknown[] = []) =>
      (await queue.run(() => client.query<Row>(text, params))).rows,
    dispose: () => store.close(),
  };
}

async function openIsolatedPostgres(): Promise<IsolatedStore> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) throw new Error('DATABASE_URL is not set');
  const { url: databaseUrl, drop } = await scratchDatabase(serverUrl, 'proofline_test');
  const store = await openStore({ databaseUrl, dataDir: ':memory:', poolSize: 20 });
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  // The final DROP ... WITH (FORCE) terminates whatever is still connected; an idle client's 'error' must not be fatal.
  pool.on('error', () => undefined);
  return {
    store,
    databaseUrl,
    sql: async <Row>(text: string, params: unknown[] = []) => (await pool.query(text, params)).rows as Row[],
    async dispose() {
      await store.close();
      await pool.end();
      await drop();
    },
  };
}
