/**
 * One database handle type for both drivers (DESIGN.md §4): a drizzle PGlite database, a node-postgres database, or a
 * transaction of either. Repositories are written once against it.
 */
import type { SQL } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';

export type Db = PgDatabase<PgQueryResultHKT>;

/** Runs raw SQL and returns its rows; both drivers answer `{rows}`. */
export async function queryRows<Row extends Record<string, unknown>>(db: Db, query: SQL): Promise<Row[]> {
  const result = (await db.execute(query)) as unknown as { rows: Row[] };
  return result.rows;
}
