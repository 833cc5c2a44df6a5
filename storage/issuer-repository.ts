import { asc, eq } from 'drizzle-orm';
import { ConflictError, NotFoundError } from '../core/errors.ts';
import type { IssuerRecord, IssuerRepository } from '../core/ports.ts';
import type { Db } from './db.ts';
import { issuers } from './schema.ts';
import { sqlStateOf } from './storage-error.ts';

export function createIssuerRepository(db: Db): IssuerRepository {
  const first = async (rows: Promise<IssuerRecord[]>) => (await rows)[0] ?? null;
  return {
    async create(issuer) {
      // ON CONFLICT instead of catching the violation: an error would abort the caller's transaction.
      const inserted = await db.insert(issuers).values(issuer).onConflictDoNothing().returning({ id: issuers.id });
      if (inserted.length === 0) throw new ConflictError(`An issuer with this id, slug or DID exists already.`);
    },
    getById: (id) => first(db.select().from(issuers).where(eq(issuers.id, id))),
    getBySlug: (slug) => first(db.select().from(issuers).where(eq(issuers.slug, slug))),
    getByDid: (did) => first(db.select().from(issuers).where(eq(issuers.did, did))),
    list: () => db.select().from(issuers).orderBy(asc(issuers.createdAt), asc(issuers.id)),
    async updateDid(id, did) {
      let updated: unknown[];
      try {
        updated = await db.update(issuers).set({ did }).where(eq(issuers.id, id)).returning({ id: issuers.id });
      } catch (error) {
        if (sqlStateOf(error) === '23505') throw new ConflictError('Another issuer has this DID already.');
        throw error;
      }
      if (updated.length === 0) throw new NotFoundError(`No issuer with id "${id}".`);
    },
  };
}
