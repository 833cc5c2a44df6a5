import { NotFoundError } from '../core/errors.ts';
import { createHolderKey } from './create-holder-key.ts';
import { getHolderAccount, type HolderAccount } from './holder-account.ts';
import type { WalletDeps } from './wallet-deps.ts';

/**
 * A new did:key becomes the holder's current DID; the old key is retired in the same transaction (under a per-holder
 * lock, so two rotations cannot race). Retired keys are kept: a credential issued to an earlier DID is still presented
 * with that DID's key, since holder binding asks the presenter to be the credential's subject.
 */
export async function rotateHolderDid(deps: WalletDeps, holderId: string): Promise<HolderAccount> {
  await deps.store.transaction(async (tx) => {
    await tx.lock(`holder-key:${holderId}`);
    const active = await tx.holderKeys.getActive(holderId);
    if (!active) throw new NotFoundError('No such holder.');
    await tx.holderKeys.retire(active.id, deps.clock());
    await createHolderKey(deps, tx, holderId);
  });
  return getHolderAccount(deps.store, holderId);
}
