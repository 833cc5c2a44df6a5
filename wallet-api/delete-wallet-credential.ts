import { NotFoundError } from '../core/errors.ts';
import type { Store } from '../core/ports.ts';

export async function deleteWalletCredential(store: Store, holderId: string, id: string): Promise<void> {
  if (!(await store.walletCredentials.delete(holderId, id))) throw new NotFoundError(`No credential "${id}" in this wallet.`);
}
