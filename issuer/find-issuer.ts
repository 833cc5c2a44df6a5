/** Which of this server's issuers a DID belongs to (did:key issuers have one DID per key algorithm). */
import type { IssuerRecord, Store } from '../core/ports.ts';
import { controllerOf } from './signing-keys.ts';

export interface IssuerMatch {
  issuer: IssuerRecord;
  /** Key algorithms whose keys are controlled by this DID. */
  algorithms: Set<'Ed25519' | 'P-256'>;
}

export async function findIssuerByDid(store: Store, did: string): Promise<IssuerMatch | null> {
  for (const issuer of await store.issuers.list()) {
    if (issuer.didMethod === 'web' && issuer.did !== did) continue;
    const keys = await store.keys.listByIssuer(issuer.id);
    const algorithms = new Set(keys.filter((k) => controllerOf(k.id) === did && k.purpose === 'assertion').map((k) => k.algorithm));
    if (algorithms.size > 0) return { issuer, algorithms };
  }
  return null;
}

/** Every DID an issuer signs as, current key first. */
export async function didsOf(store: Store, issuer: IssuerRecord): Promise<string[]> {
  const keys = await store.keys.listByIssuer(issuer.id);
  const dids = [issuer.did, ...keys.filter((k) => k.purpose === 'assertion').map((k) => controllerOf(k.id))];
  return [...new Set(dids)];
}
