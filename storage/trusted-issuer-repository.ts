import { asc, eq } from 'drizzle-orm';
import type { TrustedIssuerRepository } from '../core/ports.ts';
import type { Db } from './db.ts';
import { trustedIssuers } from './schema.ts';

export function createTrustedIssuerRepository(db: Db): TrustedIssuerRepository {
  return {
    async put(issuer) {
      const { did: _did, ...rest } = issuer;
      await db.insert(trustedIssuers).values(issuer).onConflictDoUpdate({ target: trustedIssuers.did, set: rest });
    },
    async get(did) {
      const rows = await db.select().from(trustedIssuers).where(eq(trustedIssuers.did, did));
      return rows[0] ?? null;
    },
    list: () => db.select().from(trustedIssuers).orderBy(asc(trustedIssuers.addedAt), asc(trustedIssuers.did)),
    async remove(did) {
      const removed = await db.delete(trustedIssuers).where(eq(trustedIssuers.did, did)).returning({ did: trustedIssuers.did });
      return removed.length > 0;
    },
  };
}
