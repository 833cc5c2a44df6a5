/**
 * StatusList2021 (VC 1.1, W3C CCG VC Status List 2021) read like Bitstring Status List, for credentials and lists that
 * are VC 1.1 JWTs (made here with did-jwt-vc, served as application/jwt) or Data Integrity JSON-LD (signed here with
 * @digitalbazaar/vc: Ed25519Signature2020 and eddsa-rdfc-2022, the StatusList2021 context being bundled), served by an
 * https server on 127.0.0.1 through the guarded client. A set bit is REVOKED / SUSPENDED; a list that cannot be read or
 * verified leaves the credential unverified; an unknown context is refused before any processing.
 */
import { expect } from 'chai';
import * as vc from '@digitalbazaar/vc';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { Ed25519Signature2020 } from '@digitalbazaar/ed25519-signature-2020';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import { contexts as statusList2021Contexts } from '@digitalbazaar/vc-status-list-context';
import { EdDSASigner } from 'did-jwt';
import { createVerifiableCredentialJwt, type JwtCredentialPayload } from 'did-jwt-vc';
import { bundledContexts } from '../contexts/bundled-contexts.ts';
import { createDocumentLoader } from '../contexts/document-loader.ts';
import { decodeStatusList2021Bitstring, encodeBitstring, encodeStatusList2021Bitstring, isBitSet, MIN_STATUS_LIST_LENGTH } from '../core/status-bitstring.ts';
import { resolveDidKey } from '../crypto/did-key.ts';
import { createFastCanonize, type Canonize, type CanonizeOptions } from '../crypto/fast-canonize.ts';
import { defaultCanonize } from '../crypto/verify-data-integrity.ts';
import { independentLoader } from '../test/helpers/independent-verifier.ts';
import { startTestHttpsServer, type TestHttpsServer } from '../test/helpers/tls-test-server.ts';
import { createRemoteStatusListFetcher } from './create-remote-status-list-fetcher.ts';
import { createGuardedFetch, type LookupAddresses } from './guarded-fetch.ts';
import { verifyCredential, type VerificationResult, type VerifyCredentialOptions } from './index.ts';
import { statusListCacheStats } from './status-list-cache.ts';

const NOW = new Date('2026-06-01T00:00:00Z');
const NBF = Math.floor(Date.parse('2026-01-01T00:00:00Z') / 1000);
const V1 = 'https://www.w3.org/2018/credentials/v1';
const V2 = 'https://www.w3.org/ns/credentials/v2';
const SL2021 = 'https://w3id.org/vc/status-list/2021/v1';
const ED25519_2020 = 'https://w3id.org/security/suites/ed25519-2020/v1';
const DATA_INTEGRITY_V2 = 'https://w3id.org/security/data-integrity/v2';
const SUITES = ['eddsa-rdfc-2022', 'Ed25519Signature2020'] as const;
type Suite = (typeof SUITES)[number];
/**
 * The Ed25519Signature2020 context as we bundle it (the W3C vectors' copy). Not the npm package's newer copy: jsonld.js
 * keeps resolved contexts process-wide by URL whatever the loader, so two documents under one URL would make later
 * tests in the same mocha process read whichever was loaded first.
 */
const ed25519Context = () => bundledContexts.get(ED25519_2020) as object;
const codes = (result: VerificationResult) => result.problemDetails.map((p) => p.code);
const explain = (result: VerificationResult) => JSON.stringify(result.problemDetails.map((p) => `${p.code}: ${p.detail}`));

describe('StatusList2021 (VC 1.1 JWT credentials and lists)', function () {
  this.timeout(30_000);
  let server: TestHttpsServer;
  let origin: string;
  let issuer: { did: string; signer: ReturnType<typeof EdDSASigner>; alg: 'EdDSA' };
  const bodies = new Map<string, { type: string; body: string }>();
  const lookup: LookupAddresses = async (hostname) => {
    if (hostname === 'issuer.test') return [{ address: '127.0.0.1', family: 4 }];
    throw new Error(`ENOTFOUND ${hostname}`);
  };
  const options = () => {
    const guard = createGuardedFetch({ lookup, allowAddresses: ['127.0.0.1'], ca: server.ca });
    return { now: NOW, fetchStatusList: createRemoteStatusListFetcher(guard), statusListCacheTtlSeconds: 0 };
  };

  const list = (path: string, statusPurpose: string, setIndices: number[], overrides: Record<string, unknown> = {}) =>
    createVerifiableCredentialJwt(
      {
        sub: `${origin}${path}#list`,
        nbf: NBF,
        vc: {
          '@context': [V1, SL2021],
          id: `${origin}${path}`,
          type: ['VerifiableCredential', 'StatusList2021Credential'],
          credentialSubject: { type: 'StatusList2021', statusPurpose, encodedList: encodeStatusList2021Bitstring(MIN_STATUS_LIST_LENGTH, setIndices) },
          ...overrides,
        },
      },
      issuer,
    );
  const entry = (statusPurpose: string, index: number, path: string) => ({
    id: `${origin}${path}#${index}`,
    type: 'StatusList2021Entry',
    statusPurpose,
    statusListIndex: String(index),
    statusListCredential: `${origin}${path}`,
  });
  const credential = (credentialStatus: ReturnType<typeof entry> | ReturnType<typeof entry>[]) =>
    createVerifiableCredentialJwt(
      {
        sub: 'did:example:learner',
        nbf: NBF,
        vc: { '@context': [V1, SL2021], type: ['VerifiableCredential'], credentialSubject: { name: 'Ada' }, credentialStatus },
        // did-jwt-vc types credentialStatus as one entry; VC 1.1 allows several.
      } as unknown as JwtCredentialPayload,
      issuer,
    );

  before(async () => {
    const pair = await Ed25519Multikey.generate();
    issuer = { did: `did:key:${pair.publicKeyMultibase}`, signer: EdDSASigner(pair.secretKey as Uint8Array), alg: 'EdDSA' };
    server = await startTestHttpsServer(['issuer.test'], (req, res) => {
      const found = bodies.get(req.url ?? '');
      res.writeHead(found ? 200 : 404, { 'content-type': found?.type ?? 'application/json' });
      res.end(found?.body ?? '{"error":"not found"}');
    });
    origin = `https://issuer.test:${server.port}`;
    const jwt = (body: string) => ({ type: 'application/jwt', body });
    bodies.set('/revocation', jwt(await list('/revocation', 'revocation', [7])));
    bodies.set('/suspension', jwt(await list('/suspension', 'suspension', [9])));
    const tampered = await list('/tampered', 'revocation', []);
    bodies.set('/tampered', jwt(tampered.slice(0, -4) + (tampered.endsWith('AAAA') ? 'BBBB' : 'AAAA')));
    bodies.set('/garbled', jwt(await list('/garbled', 'revocation', [], { credentialSubject: { type: 'StatusList2021', statusPurpose: 'revocation', encodedList: 'not*base64' } })));
    bodies.set('/bitstring-type', jwt(await list('/bitstring-type', 'revocation', [], { type: ['VerifiableCredential', 'BitstringStatusListCredential'] })));
    // A JSON-LD StatusList2021Credential is read like the JWT ones, but this one carries no proof.
    const unsigned = {
      '@context': [V1, SL2021],
      id: `${origin}/json-ld`,
      type: ['VerifiableCredential', 'StatusList2021Credential'],
      issuer: issuer.did,
      issuanceDate: '2026-01-01T00:00:00Z',
      credentialSubject: { id: `${origin}/json-ld#list`, type: 'StatusList2021', statusPurpose: 'revocation', encodedList: encodeStatusList2021Bitstring(MIN_STATUS_LIST_LENGTH, []) },
    };
    bodies.set('/json-ld', { type: 'application/json', body: JSON.stringify(unsigned) });
  });
  after(() => server.close());

  it('decodes the StatusList2021 encoding (base64, no multibase prefix), either alphabet', () => {
    const encoded = encodeStatusList2021Bitstring(MIN_STATUS_LIST_LENGTH, [0, 131_071]);
    expect(encoded).to.equal(encodeBitstring(MIN_STATUS_LIST_LENGTH, [0, 131_071]).slice(1));
    for (const text of [encoded, Buffer.from(encoded, 'base64url').toString('base64')]) {
      const bits = decodeStatusList2021Bitstring(text);
      expect([isBitSet(bits, 0), isBitSet(bits, 1), isBitSet(bits, 131_071)]).to.deep.equal([true, false, true]);
    }
    expect(() => decodeStatusList2021Bitstring('not*base64')).to.throw(RangeError);
  });

  it('verifies a credential whose revocation and suspension bits are clear', async () => {
    const result = await verifyCredential(await credential([entry('revocation', 3, '/revocation'), entry('suspension', 3, '/suspension')]), options());
    expect(result.verified, explain(result)).to.equal(true);
    expect(result.checks).to.include('status');
    expect(result.status).to.deep.equal({ revoked: false, suspended: false });
  });

  it('fails a revoked credential as REVOKED', async () => {
    const result = await verifyCredential(await credential(entry('revocation', 7, '/revocation')), options());
    expect(codes(result), explain(result)).to.deep.equal(['REVOKED']);
    expect(result.status.revoked).to.equal(true);
  });

  it('fails a suspended credential as SUSPENDED', async () => {
    const result = await verifyCredential(await credential([entry('revocation', 9, '/revocation'), entry('suspension', 9, '/suspension')]), options());
    expect(codes(result), explain(result)).to.deep.equal(['SUSPENDED']);
    expect(result.status).to.deep.equal({ revoked: false, suspended: true });
  });

  it('keeps a verified JWT list like a JSON one (by URL and hash) and still reads its bits on a hit', async () => {
    const cached = { ...options(), statusListCacheTtlSeconds: 300 };
    const hits = statusListCacheStats.hits;
    for (let i = 0; i < 2; i++) {
      expect(codes(await verifyCredential(await credential(entry('revocation', 7, '/revocation')), cached))).to.deep.equal(['REVOKED']);
      const clear = await verifyCredential(await credential(entry('revocation', 8, '/revocation')), cached);
      expect(clear.verified, explain(clear)).to.equal(true);
    }
    expect(statusListCacheStats.hits - hits).to.be.at.least(3);
  });

  it('never verifies a credential whose list is missing, forged, garbled, of another type or unsigned JSON-LD', async () => {
    const cases: Array<[string, string, string]> = [
      ['/missing', 'STATUS_UNAVAILABLE', 'BAD_STATUS'],
      ['/tampered', 'STATUS_VERIFICATION_ERROR', 'PROOF_VERIFICATION_ERROR'],
      ['/garbled', 'STATUS_VERIFICATION_ERROR', 'does not decode'],
      ['/bitstring-type', 'STATUS_VERIFICATION_ERROR', 'not a StatusList2021Credential'],
      ['/json-ld', 'STATUS_VERIFICATION_ERROR', 'PROOF_MISSING'],
    ];
    for (const [path, code, detail] of cases) {
      const result = await verifyCredential(await credential(entry('revocation', 1, path)), options());
      expect(result.verified, path).to.equal(false);
      expect(codes(result), `${path}: ${explain(result)}`).to.deep.equal([code]);
      expect(result.problemDetails[0]?.detail, `${path}: ${explain(result)}`).to.include(detail);
      expect(result.status.revoked, path).to.equal(null);
    }
  });
});

/**
 * Data Integrity VC 1.1 credentials and `StatusList2021Credential` lists, signed here with @digitalbazaar/vc (a fresh
 * did:key issuer, Ed25519Signature2020 and eddsa-rdfc-2022), the lists served as JSON-LD over https on 127.0.0.1
 * through the guarded client. eddsa-rdfc-2022 is verified through the canonicalization fast path (the default) and
 * through jsonld.js; the fast path must give jsonld.js's N-Quads for these documents or decline them.
 */
describe('StatusList2021 (Data Integrity VC 1.1 credentials and lists)', function () {
  this.timeout(60_000);
  let server: TestHttpsServer;
  let origin: string;
  let issuerDid: string;
  let suites: Record<Suite, () => object>;
  const bodies = new Map<string, string>();
  const lookup: LookupAddresses = async (hostname) => {
    if (hostname === 'issuer.test') return [{ address: '127.0.0.1', family: 4 }];
    throw new Error(`ENOTFOUND ${hostname}`);
  };
  const options = (extra: Partial<VerifyCredentialOptions> = {}): VerifyCredentialOptions => {
    const guard = createGuardedFetch({ lookup, allowAddresses: ['127.0.0.1'], ca: server.ca });
    return { now: NOW, fetchStatusList: createRemoteStatusListFetcher(guard), statusListCacheTtlSeconds: 0, ...extra };
  };
  // The signer's loader holds the published contexts from their npm packages only (test/helpers/independent-verifier.ts).
  const signingLoader = () => independentLoader({ [SL2021]: statusList2021Contexts.get(SL2021) as object, [ED25519_2020]: ed25519Context() });
  const suiteContext = (suite: Suite) => (suite === 'Ed25519Signature2020' ? ED25519_2020 : DATA_INTEGRITY_V2);
  const sign = (suite: Suite, credential: Record<string, unknown>) => vc.issue({ credential, suite: suites[suite](), documentLoader: signingLoader() });

  const listDocument = (suite: Suite, path: string, statusPurpose: string, setIndices: number[]) => ({
    '@context': [V1, SL2021, suiteContext(suite)],
    id: `${origin}${path}`,
    type: ['VerifiableCredential', 'StatusList2021Credential'],
    issuer: issuerDid,
    issuanceDate: '2026-01-01T00:00:00Z',
    credentialSubject: { id: `${origin}${path}#list`, type: 'StatusList2021', statusPurpose, encodedList: encodeStatusList2021Bitstring(MIN_STATUS_LIST_LENGTH, setIndices) },
  });
  const entry = (statusPurpose: string, index: number, path: string) => ({
    id: `${origin}${path}#${index}`,
    type: 'StatusList2021Entry',
    statusPurpose,
    statusListIndex: String(index),
    statusListCredential: `${origin}${path}`,
  });
  const credentialDocument = (suite: Suite, credentialStatus: object | object[]) => ({
    '@context': [V1, SL2021, suiteContext(suite)],
    id: `urn:uuid:${globalThis.crypto.randomUUID()}`,
    type: ['VerifiableCredential'],
    issuer: issuerDid,
    issuanceDate: '2026-01-01T00:00:00Z',
    // VC 1.1 defines no subject properties (`name` would fail jsonld.js's safe mode): the subject is only named.
    credentialSubject: { id: 'did:example:learner' },
    credentialStatus,
  });
  const credential = (suite: Suite, credentialStatus: object | object[]) => sign(suite, credentialDocument(suite, credentialStatus));

  before(async () => {
    const generated = await Ed25519Multikey.generate();
    issuerDid = `did:key:${generated.publicKeyMultibase}`;
    const exported = await generated.export({ publicKey: true, secretKey: true });
    const keyPair = await Ed25519Multikey.from({ ...exported, id: `${issuerDid}#${generated.publicKeyMultibase}`, controller: issuerDid });
    suites = {
      'eddsa-rdfc-2022': () => new DataIntegrityProof({ signer: keyPair.signer(), cryptosuite: eddsaRdfc2022 }),
      Ed25519Signature2020: () => new Ed25519Signature2020({ signer: keyPair.signer() }),
    };
    server = await startTestHttpsServer(['issuer.test'], (req, res) => {
      const found = bodies.get(req.url ?? '');
      res.writeHead(found ? 200 : 404, { 'content-type': 'application/json' });
      res.end(found ?? '{"error":"not found"}');
    });
    origin = `https://issuer.test:${server.port}`;
    for (const suite of SUITES) {
      const put = async (path: string, purpose: string, set: number[]) => bodies.set(`/${suite}${path}`, JSON.stringify(await sign(suite, listDocument(suite, `/${suite}${path}`, purpose, set))));
      await put('/revocation', 'revocation', [7]);
      await put('/suspension', 'suspension', [9]);
      // Forged: a signed clear list whose bits were then set (the proof no longer covers them).
      const forged = await sign(suite, listDocument(suite, `/${suite}/forged`, 'revocation', []));
      (forged.credentialSubject as Record<string, unknown>).encodedList = encodeStatusList2021Bitstring(MIN_STATUS_LIST_LENGTH, [1]);
      bodies.set(`/${suite}/forged`, JSON.stringify(forged));
      bodies.set(`/${suite}/unsigned`, JSON.stringify(listDocument(suite, `/${suite}/unsigned`, 'revocation', [])));
      bodies.set(`/${suite}/unreadable`, '{"@context": [');
      // Signed without the StatusList2021 context by an issuer who omitted it: refused by the context rules.
      const bare = listDocument(suite, `/${suite}/no-context`, 'revocation', []);
      bare['@context'] = [V1, suiteContext(suite)];
      bodies.set(`/${suite}/no-context`, JSON.stringify({ ...bare, proof: { type: 'DataIntegrityProof', proofValue: 'z1' } }));
    }
  });
  after(() => server.close());

  for (const suite of SUITES) {
    const canonizations: Array<[string, Partial<VerifyCredentialOptions>]> =
      suite === 'eddsa-rdfc-2022' ? [['fast path', {}], ['jsonld.js', { canonize: defaultCanonize('eddsa-rdfc-2022') }]] : [['jsonld.js', {}]];
    for (const [how, canonize] of canonizations) {
      describe(`${suite} (${how})`, () => {
        it('is verified independently by @digitalbazaar/vc, credential and list', async () => {
          for (const signed of [await credential(suite, entry('revocation', 3, `/${suite}/revocation`)), JSON.parse(bodies.get(`/${suite}/revocation`) as string)]) {
            const independent = await vc.verifyCredential({
              credential: signed,
              suite: suite === 'Ed25519Signature2020' ? new Ed25519Signature2020() : new DataIntegrityProof({ cryptosuite: eddsaRdfc2022 }),
              documentLoader: signingLoader(),
              checkStatus: async () => ({ verified: true }),
            });
            expect(independent.verified, JSON.stringify(independent.error ?? independent.results)).to.equal(true);
          }
        });

        it('verifies a credential whose revocation and suspension bits are clear', async () => {
          const result = await verifyCredential(await credential(suite, [entry('revocation', 3, `/${suite}/revocation`), entry('suspension', 3, `/${suite}/suspension`)]), options(canonize));
          expect(result.verified, explain(result)).to.equal(true);
          expect(result.format).to.equal('data-integrity');
          expect(result.checks).to.include.members(['context', 'proof', 'issuer-binding', 'status']);
          expect(result.status).to.deep.equal({ revoked: false, suspended: false });
        });

        it('fails a revoked credential as REVOKED and a suspended one as SUSPENDED', async () => {
          const revoked = await verifyCredential(await credential(suite, entry('revocation', 7, `/${suite}/revocation`)), options(canonize));
          expect(codes(revoked), explain(revoked)).to.deep.equal(['REVOKED']);
          expect(revoked.status.revoked).to.equal(true);
          const suspended = await verifyCredential(await credential(suite, [entry('revocation', 9, `/${suite}/revocation`), entry('suspension', 9, `/${suite}/suspension`)]), options(canonize));
          expect(codes(suspended), explain(suspended)).to.deep.equal(['SUSPENDED']);
          expect(suspended.status).to.deep.equal({ revoked: false, suspended: true });
        });

        it('never verifies a credential whose list is missing, unreadable, forged, unsigned or without its context', async () => {
          const cases: Array<[string, string, string]> = [
            ['/missing', 'STATUS_UNAVAILABLE', 'could not be retrieved'],
            ['/unreadable', 'STATUS_UNAVAILABLE', 'could not be retrieved'],
            ['/forged', 'STATUS_VERIFICATION_ERROR', 'PROOF_VERIFICATION_ERROR'],
            ['/unsigned', 'STATUS_VERIFICATION_ERROR', 'PROOF_MISSING'],
            ['/no-context', 'STATUS_VERIFICATION_ERROR', 'UNSUPPORTED_CONTEXT'],
          ];
          for (const [path, code, detail] of cases) {
            const result = await verifyCredential(await credential(suite, entry('revocation', 1, `/${suite}${path}`)), options(canonize));
            expect(result.verified, path).to.equal(false);
            expect(codes(result), `${path}: ${explain(result)}`).to.deep.equal([code]);
            expect(result.problemDetails[0]?.detail, path).to.include(detail);
            expect(result.status.revoked, path).to.equal(null);
          }
        });

        it('fails a credential whose StatusList2021 entry was tampered with (the proof covers it)', async () => {
          const signed = await credential(suite, entry('revocation', 7, `/${suite}/revocation`));
          (signed.credentialStatus as Record<string, unknown>).statusListIndex = '8';
          const requests = server.requests.length;
          const result = await verifyCredential(signed, options(canonize));
          expect(codes(result), explain(result)).to.deep.equal(['PROOF_VERIFICATION_ERROR']);
          expect(server.requests.length).to.equal(requests); // a forged credential drives no fetch
        });
      });
    }
  }

  it('refuses an unknown context before canonicalization, and a StatusList2021 entry without its context', async () => {
    const requests = server.requests.length;
    const proof = { type: 'DataIntegrityProof', cryptosuite: 'eddsa-rdfc-2022', proofPurpose: 'assertionMethod', verificationMethod: `${issuerDid}#key`, proofValue: 'z1' };
    const document = credentialDocument('eddsa-rdfc-2022', entry('revocation', 7, '/eddsa-rdfc-2022/revocation'));
    const lookAlike = { ...document, '@context': [V1, 'https://w3id.org/vc/status-list/2021/v2', DATA_INTEGRITY_V2], proof };
    const unknown = await verifyCredential(lookAlike, options());
    expect(codes(unknown)).to.deep.equal(['UNSUPPORTED_CONTEXT']);
    expect(unknown.problemDetails[0]?.detail).to.include('https://w3id.org/vc/status-list/2021/v2');
    const withoutContext = await verifyCredential({ ...document, '@context': [V2], issuanceDate: undefined, validFrom: '2026-01-01T00:00:00Z', proof }, options());
    expect(codes(withoutContext)).to.deep.equal(['UNSUPPORTED_CONTEXT']);
    expect(withoutContext.problemDetails[0]?.detail).to.include('StatusList2021Entry');
    expect(server.requests.length).to.equal(requests); // no status list was fetched
  });

  it('canonicalizes StatusList2021 credentials and lists on the fast path exactly as jsonld.js does (or declines)', async () => {
    const fast = createFastCanonize({ fallback: eddsaRdfc2022.canonize as unknown as Canonize });
    const loader = createDocumentLoader({ resolve: async (url) => (url.startsWith('did:key:') ? resolveDidKey(url) : null) }) as CanonizeOptions['documentLoader'];
    const canonizeOptions = { documentLoader: loader, base: null, safe: true };
    const documents: object[] = [];
    for (const suite of SUITES) {
      const signedCredential = await credential(suite, [entry('revocation', 3, `/${suite}/revocation`), entry('suspension', 3, `/${suite}/suspension`)]);
      const signedList = JSON.parse(bodies.get(`/${suite}/revocation`) as string) as Record<string, unknown>;
      for (const signed of [signedCredential, signedList]) {
        const { proof, ...unsigned } = signed;
        documents.push(signed, unsigned, { '@context': signed['@context'], ...(proof as object) });
      }
      documents.push(credentialDocument(suite, entry('revocation', 3, `/${suite}/revocation`)), listDocument(suite, `/${suite}/revocation`, 'revocation', [1, 2]));
    }
    for (const document of documents) {
      const before = { fast: fast.stats.fast, declined: fast.stats.declined };
      const reference = await (eddsaRdfc2022.canonize as unknown as Canonize)(structuredClone(document), canonizeOptions);
      const candidate = await fast(structuredClone(document), canonizeOptions);
      expect(candidate, JSON.stringify(document)).to.equal(reference);
      expect(fast.stats.fast + fast.stats.declined - before.fast - before.declined).to.equal(1);
    }
    // Declining is always safe (jsonld.js answers); today the fast path handles every one of these documents itself,
    // so the comparison above is not vacuous. Should contexts/fast-rdf/ start declining some, the reasons are named.
    expect(fast.stats.fast, `declined: ${JSON.stringify([...fast.stats.reasons])}`).to.be.at.least(1);
  });
});
