import { and, asc, count, eq } from 'drizzle-orm';
import { ConflictError, NotFoundError } from '../core/errors.ts';
import type { CredentialRecord, CredentialRepository } from '../core/ports.ts';
import type { Db } from './db.ts';
import { credentials } from './schema.ts';

type CredentialRow = typeof credentials.$inferSelect;

function toRow({ revocation, suspension, ...rest }: CredentialRecord): CredentialRow {
  return {
    ...rest,
    revocationListId: revocation.listId,
    revocationIndex: revocation.index,
    suspensionListId: suspension.listId,
    suspensionIndex: suspension.index,
  };
}

function toRecord(row: CredentialRow): CredentialRecord {
  const { revocationListId, revocationIndex, suspensionListId, suspensionIndex, ...rest } = row;
  return {
    ...rest,
    revocation: { listId: revocationListId, index: revocationIndex },
    suspension: { listId: suspensionListId, index: suspensionIndex },
  };
}

export function createCredentialRepository(db: Db): CredentialRepository {
  const first = async (rows: Promise<CredentialRow[]>) => {
    const [row] = await rows;
    return row ? toRecord(row) : null;
  };
  return {
    async insert(credential) {
      // ON CONFLICT keeps the caller's transaction usable; (issuer, idempotency key) is a partial unique index.
      const inserted = await db
        .insert(credentials)
        .values(toRow(credential))
        .onConflictDoNothing()
        .returning({ id: credentials.id });
      if (inserted.length === 0) {
        throw new ConflictError('A credential with this id, or this idempotency key for the issuer, exists already.');
      }
    },
    getById: (id) => first(db.select().from(credentials).where(eq(credentials.id, id))),
    getByIdempotencyKey: (issuerId, key) =>
      first(
        db
          .select()
          .from(credentials)
          .where(and(eq(credentials.issuerId, issuerId), eq(credentials.idempotencyKey, key))),
      ),
    async updateStatus(id, change) {
      const set: Partial<Pick<CredentialRow, 'revokedAt' | 'suspended'>> = {};
      if (change.revokedAt !== undefined) set.revokedAt = change.revokedAt;
      if (change.suspended !== undefined) set.suspended = change.suspended;
      const updated =
        Object.keys(set).length > 0
          ? await db.update(credentials).set(set).where(eq(credentials.id, id)).returning({ id: credentials.id })
          : await db.select({ id: credentials.id }).from(credentials).where(eq(credentials.id, id));
      if (updated.length === 0) throw new NotFoundError(`No credential with id "${id}".`);
    },
    async count(filter = {}) {
      const [row] = await db
        .select({ n: count() })
        .from(credentials)
        .where(filter.issuerId === undefined ? undefined : eq(credentials.issuerId, filter.issuerId));
      return row?.n ?? 0;
    },
    async listByRecipient(recipient) {
      const rows = await db.select().from(credentials).where(eq(credentials.recipient, recipient)).orderBy(asc(credentials.issuedAt), asc(credentials.id));
      return rows.map(toRecord);
    },
  };
}
