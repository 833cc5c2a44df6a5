/**
 * The trust registry as verifyCredential's `trustedIssuers` option: this server's own issuers are always trusted (for
 * anything); other issuers as the `trusted_issuers` table says, within their scope.
 */
import type { Store } from '../core/ports.ts';
import type { TrustedIssuers } from './verify-credential.ts';

export interface TrustedIssuersFromStoreOptions {
  /** Whether a DID is one of this server's issuers (server.ts passes the issuer role's lookup). */
  ownIssuers: (did: string) => Promise<boolean>;
}

export function trustedIssuersFromStore(store: Pick<Store, 'trustedIssuers'>, { ownIssuers }: TrustedIssuersFromStoreOptions): TrustedIssuers {
  return async (did) => {
    if (await ownIssuers(did)) return { trusted: true };
    const entry = await store.trustedIssuers.get(did);
    return entry ? { trusted: true, scope: entry.scope } : { trusted: false };
  };
}
