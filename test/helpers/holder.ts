/**
 * A holder built in the test, sharing no code with Proofline: an Ed25519 did:key, presentations signed with
 * @digitalbazaar/vc `signPresentation` (eddsa-rdfc-2022, proofPurpose authentication) or as `vp+jwt` with jose.
 */
import * as vc from '@digitalbazaar/vc';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import * as jose from 'jose';
import { independentLoader } from './independent-verifier.ts';

export interface Holder {
  did: string;
  /** The verification method id: did#fingerprint. */
  keyId: string;
  signPresentation(credentials: object[], options: { challenge: string; domain?: string; holder?: string }): Promise<Record<string, unknown>>;
  signVpJwt(payload: Record<string, unknown>, options?: { typ?: string }): Promise<string>;
}

export async function createHolder(): Promise<Holder> {
  const generated = await Ed25519Multikey.generate();
  const did = `did:key:${generated.publicKeyMultibase}`;
  const keyId = `${did}#${generated.publicKeyMultibase}`;
  const exported = await generated.export({ publicKey: true, secretKey: true });
  const keyPair = await Ed25519Multikey.from({ ...exported, id: keyId, controller: did });
  const secret = keyPair.secretKey!.slice(0, 32);
  const joseKey = await jose.importJWK(
    { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(keyPair.publicKey).toString('base64url'), d: Buffer.from(secret).toString('base64url') },
    'EdDSA',
  );
  return {
    did,
    keyId,
    async signPresentation(credentials, { challenge, domain, holder = did }) {
      const presentation = vc.createPresentation({ verifiableCredential: credentials, holder });
      const suite = new DataIntegrityProof({ signer: keyPair.signer(), cryptosuite: eddsaRdfc2022 });
      return vc.signPresentation({ presentation, suite, challenge, ...(domain ? { domain } : {}), documentLoader: independentLoader() });
    },
    signVpJwt(payload, { typ = 'vp+jwt' } = {}) {
      return new jose.SignJWT(payload).setProtectedHeader({ alg: 'EdDSA', typ, kid: keyId }).setIssuedAt().setExpirationTime('5m').sign(joseKey);
    },
  };
}

/** A vc+jwt inside a VC 2.0 presentation (VC-JOSE-COSE §3.2: EnvelopedVerifiableCredential). */
export function envelope(jwt: string): Record<string, unknown> {
  return { '@context': ['https://www.w3.org/ns/credentials/v2'], type: 'EnvelopedVerifiableCredential', id: `data:application/vc+jwt,${jwt}` };
}
