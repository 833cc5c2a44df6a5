/**
 * did:key for Ed25519 and P-256 Multikeys (did:key spec v0.7, Multikey documents), resolved locally. P-384 did:keys
 * (`z82L...`) also resolve, so credentials of other issuers verify; we never sign with P-384.
 */
import { driver } from '@digitalbazaar/did-method-key';
import * as EcdsaMultikey from '@digitalbazaar/ecdsa-multikey';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import { NotFoundError, ValidationError } from '../core/errors.ts';
import { decodePublicKeyMultibase } from './multibase.ts';

const didKeyDriver = driver();
didKeyDriver.use({ multibaseMultikeyHeader: 'z6Mk', fromMultibase: Ed25519Multikey.from });
didKeyDriver.use({ multibaseMultikeyHeader: 'zDna', fromMultibase: EcdsaMultikey.from });
didKeyDriver.use({ multibaseMultikeyHeader: 'z82L', fromMultibase: EcdsaMultikey.from });

/** Multikey header of a P-384 public key (multicodec p384-pub 0x1201, compressed point). */
const P384_HEADER = 'z82L';

const PREFIX = 'did:key:';

export function didKeyFromMultibase(publicKeyMultibase: string): string {
  decodePublicKeyMultibase(publicKeyMultibase); // throws ValidationError unless Ed25519 or P-256
  return `${PREFIX}${publicKeyMultibase}`;
}

/** `did:key:z…` → `did:key:z…#z…`: a did:key's one verification method is named after its key. */
export function verificationMethodIdForDidKey(did: string): string {
  return `${did}#${fingerprintOf(did)}`;
}

function fingerprintOf(did: string): string {
  if (!did.startsWith(PREFIX) || did.includes('#')) throw new ValidationError(`"${did}" is not a did:key DID.`);
  const fingerprint = did.slice(PREFIX.length);
  // P-384 keys are checked by the driver when it imports them (see resolveDidKey).
  if (!fingerprint.startsWith(P384_HEADER)) decodePublicKeyMultibase(fingerprint);
  return fingerprint;
}

/**
 * The DID document of a did:key (context [did v1, multikey v1], one Multikey method), or the verification method
 * (with its `@context`) when given a DID URL with the key's fragment. No network. Throws ValidationError for a
 * malformed or unsupported did:key, NotFoundError for another fragment.
 */
export async function resolveDidKey(didOrDidUrl: string): Promise<Record<string, unknown>> {
  const [did = '', fragment] = didOrDidUrl.split('#', 2);
  const fingerprint = fingerprintOf(did);
  if (fragment !== undefined && fragment !== fingerprint) {
    throw new NotFoundError(`${didOrDidUrl} names no verification method of ${did}.`);
  }
  try {
    return await didKeyDriver.get({ did: didOrDidUrl });
  } catch (error) {
    throw new ValidationError(`"${did}" is not a resolvable did:key.`, [], error);
  }
}
