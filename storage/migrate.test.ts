import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { expect } from 'chai';
import { getTableName } from 'drizzle-orm';
import pg from 'pg';
import { migratePgliteDatabase, migrationsFolder } from './migrate.ts';
import { openStore } from './open-store.ts';
import { newIssuer, uniqueId } from '../test/helpers/store.ts';

// Every table of storage/schema.ts and storage/schema-<area>.ts (what drizzle-kit generates migrations from).
const schemaFiles = (await readdir(new URL('.', import.meta.url))).filter((name) => /^schema(-[a-z0-9-]+)?\.ts$/.test(name));
const schemaModules = await Promise.all(schemaFiles.map((name) => import(`./${name}`) as Promise<Record<string, unknown>>));
const tableNames = schemaModules
  .flatMap((module) => Object.values(module))
  .filter((value): value is Parameters<typeof getTableName>[0] => typeof value === 'object' && value !== null && Symbol.for('drizzle:IsDrizzleTable') in value)
  .map((table) => getTableName(table))
  .sort();

async function journalLength(): Promise<number> {
  const journal = JSON.parse(await readFile(join(migrationsFolder, 'meta', '_journal.json'), 'utf8'));
  return journal.entries.length;
}

async function publicTables(query: (text: string) => Promise<{ rows: unknown[] }>): Promise<string[]> {
  const { rows } = await query(
    `select table_name from information_schema.tables where table_schema = 'public' order by table_name`,
  );
  return (rows as { table_name: string }[]).map((row) => row.table_name);
}

async function appliedMigrations(query: (text: string) => Promise<{ rows: unknown[] }>): Promise<number> {
  const { rows } = await query('select count(*)::int as n from drizzle.__drizzle_migrations');
  return (rows[0] as { n: number }).n;
}

describe('migrations', function () {
  this.timeout(120_000);

  it('give a fresh PGlite every table of the schema, once, persisted under <dataDir>/pgdata', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'proofline-migrate-'));
    try {
      const issuer = newIssuer();
      const store = await openStore({ dataDir });
      expect(store.kind).to.equal('pglite');
      await store.issuers.create(issuer);
      await store.close();

      const reopened = await PGlite.create(join(dataDir, 'pgdata'));
      const query = (text: string) => reopened.query(text);
      expect(await publicTables(query)).to.deep.equal(tableNames);
      expect((await reopened.query('select id from issuers')).rows).to.deep.equal([{ id: issuer.id }]);
      expect(await appliedMigrations(query)).to.equal(await journalLength());
      await migratePgliteDatabase(reopened);
      expect(await appliedMigrations(query)).to.equal(await journalLength());
      await reopened.close();
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  const databaseUrl = process.env.DATABASE_URL;
  (databaseUrl ? it : it.skip)('let several processes start at once on a fresh PostgreSQL database', async () => {
    const admin = new pg.Client({ connectionString: databaseUrl });
    await admin.connect();
    const database = uniqueId('proofline_migrate').replace(/-/g, '_');
    await admin.query(`create database "${database}"`);
    const url = new URL(databaseUrl!);
    url.pathname = `/${database}`;
    try {
      // Separate pools are separate sessions, as separate processes would be.
      const open = () => openStore({ databaseUrl: url.href, dataDir: ':memory:' });
      const stores = await Promise.all([open(), open(), open(), open()]);
      expect(stores.every((store) => store.kind === 'postgres')).to.equal(true);
      await Promise.all(stores.map((store) => store.close()));
      const check = new pg.Client({ connectionString: url.href });
      await check.connect();
      try {
        expect(await publicTables((text) => check.query(text))).to.deep.equal(tableNames);
        expect(await appliedMigrations((text) => check.query(text))).to.equal(await journalLength());
      } finally {
        await check.end(); // an open session would make the drop below fail and hide this test's own failure
      }
    } finally {
      await admin.query(`drop database if exists "${database}"`);
      await admin.end();
    }
  });
});
