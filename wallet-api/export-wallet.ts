import type { Store } from '../core/ports.ts';
import { getHolderAccount, type HolderAccount } from './holder-account.ts';
import { toDetail, type WalletCredentialDetail } from './wallet-credential-view.ts';

export interface WalletExport {
  format: 'proofline-wallet-export/1';
  exportedAt: string;
  account: HolderAccount;
  /** Every credential with its exact kept bytes (`secured`), parsed form and last verification. */
  credentials: (WalletCredentialDetail & { secured: string; digest: string })[];
}

/** Everything the wallet holds for this holder, as one JSON bundle (the learner can leave with their data). */
export async function exportWallet(deps: { store: Store; clock: () => Date }, holderId: string): Promise<WalletExport> {
  const records = await deps.store.walletCredentials.list(holderId);
  return {
    format: 'proofline-wallet-export/1',
    exportedAt: deps.clock().toISOString(),
    account: await getHolderAccount(deps.store, holderId),
    credentials: records.map((r) => ({ ...toDetail(r), secured: r.secured, digest: r.digest })),
  };
}
