/**
 * did:jwk (https://github.com/quartzjer/did-jwk/blob/main/spec.md) resolved locally through
 * @digitalbazaar/did-method-jwk: the DID is the base64url JSON of a public JWK, its one method is `#0`. Only Ed25519,
 * P-256 and P-384 public keys; a JWK carrying a private member is refused.
 */
import { driver } from '@digitalbazaar/did-method-jwk';
import { ValidationError } from '../core/errors.ts';

const didJwkDriver = driver();
const ACCEPTED = new Set(['OKP/Ed25519', 'EC/P-256', 'EC/P-384']);

/** The DID document of a did:jwk (one `JsonWebKey` method `#0`, referenced by every relationship). No network. */
export async function resolveDidJwk(did: string): Promise<Record<string, unknown>> {
  if (!did.startsWith('did:jwk:') || /[#?]/.test(did)) throw new ValidationError(`"${did}" is not a did:jwk DID.`);
  let document: Record<string, unknown>;
  try {
    document = await didJwkDriver.get({ did });
  } catch (error) {
    throw new ValidationError(`"${did}" is not a resolvable did:jwk.`, [], error);
  }
  const methods = document.verificationMethod as Array<{ publicKeyJwk?: Record<string, unknown> }> | undefined;
  const jwk = methods?.[0]?.publicKeyJwk;
  if (!jwk || jwk.d !== undefined || !ACCEPTED.has(`${String(jwk.kty)}/${String(jwk.crv)}`)) {
    throw new ValidationError(`"${did}" does not hold an Ed25519, P-256 or P-384 public key.`);
  }
  return document;
}
