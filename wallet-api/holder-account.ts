import { NotFoundError } from '../core/errors.ts';
import type { HolderKeyRecord, HolderRecord, Store } from '../core/ports.ts';

/** What a holder may see of their account: never the password hash, never a secret key. */
export interface HolderAccount {
  id: string;
  email: string;
  /** The current DID: presentations are signed by its key. */
  did: string;
  dids: { did: string; status: HolderKeyRecord['status']; createdAt: string; retiredAt: string | null }[];
  createdAt: string;
}

export function toHolderAccount(holder: HolderRecord, keys: HolderKeyRecord[]): HolderAccount {
  const active = keys.find((k) => k.status === 'active');
  return {
    id: holder.id,
    email: holder.email,
    did: active?.did ?? '',
    dids: keys.map((k) => ({ did: k.did, status: k.status, createdAt: k.createdAt.toISOString(), retiredAt: k.retiredAt?.toISOString() ?? null })),
    createdAt: holder.createdAt.toISOString(),
  };
}

export async function getHolderAccount(store: Store, holderId: string): Promise<HolderAccount> {
  const holder = await store.holders.getById(holderId);
  if (!holder) throw new NotFoundError('No such holder.');
  return toHolderAccount(holder, await store.holderKeys.listByHolder(holderId));
}
