import { and, desc, eq, getTableColumns, gt, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import type { WalletCredentialFilter, WalletCredentialRepository } from '../core/ports.ts';
import type { Db } from './db.ts';
import { walletCredentials as wc } from './schema.ts';

function matching(holderId: string, filter: WalletCredentialFilter): SQL | undefined {
  const conditions: (SQL | undefined)[] = [eq(wc.holderId, holderId)];
  if (filter.issuer !== undefined) conditions.push(eq(wc.issuer, filter.issuer));
  if (filter.achievement !== undefined) conditions.push(eq(wc.achievementId, filter.achievement));
  if (filter.skill !== undefined) conditions.push(sql`${filter.skill} = any(${wc.skills})`);
  if (filter.status !== undefined) conditions.push(eq(wc.status, filter.status));
  if (filter.expiresBefore !== undefined) conditions.push(lt(wc.validUntil, filter.expiresBefore));
  if (filter.expiresAfter !== undefined) conditions.push(or(isNull(wc.validUntil), gt(wc.validUntil, filter.expiresAfter)));
  return and(...conditions);
}

export function createWalletCredentialRepository(db: Db): WalletCredentialRepository {
  // Every query names the holder: a row of another holder is never read, changed or deleted.
  const mine = (holderId: string, id: string) => and(eq(wc.holderId, holderId), eq(wc.id, id));
  return {
    async insert(credential) {
      const inserted = await db.insert(wc).values(credential).onConflictDoNothing().returning({ id: wc.id });
      return inserted.length > 0;
    },
    async get(holderId, id) {
      const [row] = await db.select().from(wc).where(mine(holderId, id));
      return row ?? null;
    },
    async getByDigest(holderId, digest) {
      const [row] = await db
        .select()
        .from(wc)
        .where(and(eq(wc.holderId, holderId), eq(wc.digest, digest)));
      return row ?? null;
    },
    list(holderId, filter = {}) {
      return db
        .select()
        .from(wc)
        .where(matching(holderId, filter))
        .orderBy(desc(wc.addedAt), desc(wc.id));
    },
    listSummaries(holderId, filter = {}) {
      const { secured: _secured, verification: _verification, ...summary } = getTableColumns(wc);
      return db
        .select(summary)
        .from(wc)
        .where(matching(holderId, filter))
        .orderBy(desc(wc.addedAt), desc(wc.id));
    },
    async updateCheck(holderId, id, check) {
      const updated = await db.update(wc).set(check).where(mine(holderId, id)).returning({ id: wc.id });
      return updated.length > 0;
    },
    async delete(holderId, id) {
      const deleted = await db.delete(wc).where(mine(holderId, id)).returning({ id: wc.id });
      return deleted.length > 0;
    },
  };
}
