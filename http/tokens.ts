/** Creating bearer tokens: shown once to whoever creates them, stored only as a SHA-256 hash. */
import type { Scope, Store, TokenRecord } from '../core/ports.ts';
import { hashToken } from './auth.ts';

export const SCOPES: readonly Scope[] = ['admin', 'issue', 'status', 'catalog', 'keys', 'match'];

export function newTokenSecret(): string {
  return `pl_${Buffer.from(globalThis.crypto.getRandomValues(new Uint8Array(32))).toString('base64url')}`;
}

export async function createToken(
  store: Store,
  options: { label: string; scopes: Scope[]; now: Date; secret?: string },
): Promise<{ token: string; record: TokenRecord }> {
  const token = options.secret ?? newTokenSecret();
  const record: TokenRecord = {
    id: globalThis.crypto.randomUUID(),
    label: options.label,
    hash: hashToken(token),
    scopes: [...new Set(options.scopes)],
    createdAt: options.now,
    revokedAt: null,
  };
  await store.tokens.insert(record);
  return { token, record };
}

/**
 * The bootstrap admin token (DESIGN.md §6): PROOFLINE_ADMIN_TOKEN when set (registered if new), otherwise one is
 * generated at the first start and returned so the caller prints it once. Returns null when nothing is to print.
 */
export async function ensureAdminToken(store: Store, configured: string | null, now: Date): Promise<string | null> {
  if (configured) {
    // Several processes may start at once on a fresh database: one inserts, the others find it.
    await store.transaction(async (tx) => {
      await tx.lock('bootstrap-admin-token');
      if (!(await tx.tokens.findByHash(hashToken(configured)))) {
        await createToken(tx, { label: 'bootstrap admin (PROOFLINE_ADMIN_TOKEN)', scopes: ['admin'], now, secret: configured });
      }
    });
    return null;
  }
  return store.transaction(async (tx) => {
    await tx.lock('bootstrap-admin-token');
    if ((await tx.tokens.list()).some((t) => t.scopes.includes('admin') && !t.revokedAt)) return null;
    return (await createToken(tx, { label: 'bootstrap admin (generated)', scopes: ['admin'], now })).token;
  });
}
