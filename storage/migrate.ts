/**
 * Applies the committed drizzle-kit migrations (storage/migrations/) at start-up. On a PostgreSQL server several
 * processes may start at once: a session-level advisory lock makes them take turns, and the later ones find the
 * migrations applied (drizzle's bookkeeping table) and do nothing.
 */
import { fileURLToPath } from 'node:url';
import type { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import type { Pool } from 'pg';

export const migrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url));

const MIGRATION_LOCK = `hashtextextended('proofline:migrate', 0)`;

export async function migratePgliteDatabase(client: PGlite): Promise<void> {
  await migratePglite(drizzlePglite(client), { migrationsFolder });
}

export async function migratePostgresDatabase(pool: Pool): Promise<void> {
  const connection = await pool.connect();
  try {
    await connection.query(`select pg_advisory_lock(${MIGRATION_LOCK})`);
    try {
      await migratePg(drizzlePg(connection), { migrationsFolder });
    } finally {
      await connection.query(`select pg_advisory_unlock(${MIGRATION_LOCK})`);
    }
  } finally {
    connection.release();
  }
}
