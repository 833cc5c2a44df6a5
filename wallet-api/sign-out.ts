import type { HolderPrincipal } from './authenticate-holder.ts';
import type { WalletDeps } from './wallet-deps.ts';

/** Revokes the current session family: its access token and every refresh token descended from its sign-in. */
export async function signOut(deps: Pick<WalletDeps, 'store' | 'clock'>, principal: HolderPrincipal): Promise<void> {
  await deps.store.holderSessions.revokeFamily(principal.session.familyId, deps.clock());
}
