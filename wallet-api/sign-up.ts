import { ConflictError } from '../core/errors.ts';
import { normalizeEmail } from '../core/normalize-email.ts';
import { hashPassword } from '../crypto/password-hash.ts';
import { createHolderKey } from './create-holder-key.ts';
import { toHolderAccount, type HolderAccount } from './holder-account.ts';
import type { WalletDeps } from './wallet-deps.ts';

/** Creates a holder account with its first did:key. ConflictError when the email is taken. */
export async function signUp(deps: WalletDeps, { email, password }: { email: string; password: string }): Promise<HolderAccount> {
  // scrypt runs before the transaction: a slow hash must not hold a database connection.
  const passwordHash = await hashPassword(password);
  return deps.store.transaction(async (tx) => {
    const holder = { id: deps.newId(), email: normalizeEmail(email), passwordHash, failedSignIns: 0, lockedUntil: null, createdAt: deps.clock() };
    if (!(await tx.holders.create(holder))) throw new ConflictError('An account with this email exists already.');
    const key = await createHolderKey(deps, tx, holder.id);
    return toHolderAccount(holder, [key]);
  });
}
