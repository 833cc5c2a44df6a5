import { and, asc, desc, eq, gt, isNull, lt, or, sql } from 'drizzle-orm';
import type { WalletShareRecord, WalletShareRepository } from '../core/ports.ts';
import type { Db } from './db.ts';
import { walletShareAccesses as wsa, walletShares as ws } from './schema.ts';

export function createWalletShareRepository(db: Db): WalletShareRepository {
  return {
    async insert(share) {
      await db.insert(ws).values(share);
    },
    async getByTokenHash(tokenHash) {
      const [row] = await db.select().from(ws).where(eq(ws.tokenHash, tokenHash));
      return row ?? null;
    },
    async consumeView(tokenHash, now) {
      // One statement: the conditions and the increment are checked and applied together, so maxViews holds.
      const [served] = await db
        .update(ws)
        .set({ views: sql`${ws.views} + 1` })
        .where(
          and(
            eq(ws.tokenHash, tokenHash),
            isNull(ws.revokedAt),
            gt(ws.expiresAt, now),
            or(isNull(ws.maxViews), lt(ws.views, ws.maxViews)),
          ),
        )
        .returning();
      if (served) return { served: true, share: served };
      const [share] = await db.select().from(ws).where(eq(ws.tokenHash, tokenHash));
      return { served: false, reason: share ? refusal(share, now) : 'unknown', share: share ?? null };
    },
    async recordAccess(access) {
      await db.insert(wsa).values(access);
    },
    list(holderId) {
      return db.select().from(ws).where(eq(ws.holderId, holderId)).orderBy(desc(ws.createdAt), desc(ws.id));
    },
    async listAccesses(holderId) {
      const rows = await db
        .select({ access: wsa })
        .from(wsa)
        .innerJoin(ws, eq(ws.id, wsa.shareId))
        .where(eq(ws.holderId, holderId))
        .orderBy(asc(wsa.accessedAt), asc(wsa.id));
      return rows.map((r) => r.access);
    },
    async revoke(holderId, id, at) {
      const mine = and(eq(ws.holderId, holderId), eq(ws.id, id));
      const updated = await db
        .update(ws)
        .set({ revokedAt: sql`coalesce(${ws.revokedAt}, ${at.toISOString()}::timestamptz)` })
        .where(mine)
        .returning({ id: ws.id });
      return updated.length > 0;
    },
  };
}

function refusal(share: WalletShareRecord, now: Date): 'expired' | 'revoked' | 'exhausted' {
  if (share.revokedAt !== null) return 'revoked';
  if (share.expiresAt.getTime() <= now.getTime()) return 'expired';
  return 'exhausted';
}
