import { NotFoundError } from '../core/errors.ts';
import { checkWalletCredential } from './check-wallet-credential.ts';
import { getWalletCredential } from './get-wallet-credential.ts';
import { toDetail, type WalletCredentialDetail } from './wallet-credential-view.ts';
import type { WalletDeps } from './wallet-deps.ts';

/**
 * Verifies a kept credential again now (status lists read afresh): reports revoked, suspended, expired; the log
 * receipt is fetched again, so it gains its inclusion proof once a checkpoint covers the entry.
 */
export async function recheckCredential(deps: WalletDeps, holderId: string, id: string): Promise<WalletCredentialDetail> {
  const record = await getWalletCredential(deps.store, holderId, id);
  const check = await checkWalletCredential(deps, record.secured, record.verification.logReceipt);
  if (!check) throw new NotFoundError(`No credential "${id}" in this wallet.`);
  const { status, verification, checkedAt } = check;
  if (!(await deps.store.walletCredentials.updateCheck(holderId, id, { status, verification, checkedAt }))) {
    throw new NotFoundError(`No credential "${id}" in this wallet.`);
  }
  return toDetail({ ...record, status, verification, checkedAt });
}
