/**
 * A new, empty database on the PostgreSQL server of `serverUrl` (tests and benches that need rows of their own): its
 * URL, and `drop` to remove it (WITH (FORCE): whatever is still connected is ended).
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';

export async function scratchDatabase(serverUrl: string, prefix = 'proofline_scratch'): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `${prefix}_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return { url: url.href, drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}
