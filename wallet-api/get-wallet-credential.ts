import { NotFoundError } from '../core/errors.ts';
import type { Store, WalletCredentialRecord } from '../core/ports.ts';

/** The holder's credential; NotFound for an unknown id and for another holder's (existence is not disclosed). */
export async function getWalletCredential(store: Store, holderId: string, id: string): Promise<WalletCredentialRecord> {
  const record = await store.walletCredentials.get(holderId, id);
  if (!record) throw new NotFoundError(`No credential "${id}" in this wallet.`);
  return record;
}
