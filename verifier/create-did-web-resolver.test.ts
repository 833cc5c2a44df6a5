/**
 * did:web and status lists of other issuers through the guarded client, end to end: a credential signed here by
 * @digitalbazaar/vc with a did:web key whose DID document and status list an https server on 127.0.0.1 serves (the
 * guard's test-only `allowAddresses` and `ca` make it reachable).
 */
import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import * as vc from '@digitalbazaar/vc';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import { encodeBitstring, MIN_STATUS_LIST_LENGTH } from '../core/status-bitstring.ts';
import { independentLoader } from '../test/helpers/independent-verifier.ts';
import { startTestHttpsServer, type TestHttpsServer } from '../test/helpers/tls-test-server.ts';
import { DidResolutionError } from './create-did-resolver.ts';
import { createDidWebResolver } from './create-did-web-resolver.ts';
import { createRemoteStatusListFetcher } from './create-remote-status-list-fetcher.ts';
import { createGuardedFetch, GuardedFetchError, type GuardedFetch, type LookupAddresses } from './guarded-fetch.ts';
import { verifyCredential } from './index.ts';

const NOW = new Date('2026-06-01T00:00:00Z');
const EXAMPLES_V2 = 'https://www.w3.org/ns/credentials/examples/v2';
const signingLoader = independentLoader({ [EXAMPLES_V2]: JSON.parse(readFileSync('/work/shared/vectors/contexts/www.w3.org/ns/credentials/examples/v2.json', 'utf8')) });

describe('createDidWebResolver and createRemoteStatusListFetcher', function () {
  this.timeout(30_000);
  let server: TestHttpsServer;
  let did: string;
  let origin: string;
  const documents = new Map<string, object>();
  const lookups: string[] = [];
  const lookup: LookupAddresses = async (hostname) => {
    lookups.push(hostname);
    if (hostname === 'issuer.test') return [{ address: '127.0.0.1', family: 4 }];
    if (hostname === 'intranet.test') return [{ address: '10.0.0.5', family: 4 }];
    throw new Error(`ENOTFOUND ${hostname}`);
  };
  let guard: GuardedFetch;
  let signer: Awaited<ReturnType<typeof Ed25519Multikey.generate>>;

  const sign = (credential: object) =>
    vc.issue({
      credential,
      suite: new DataIntegrityProof({ signer: signer.signer() as never, date: '2026-01-02T00:00:00Z', cryptosuite: eddsaRdfc2022 }),
      documentLoader: signingLoader,
      now: '2026-01-02T00:00:00Z',
    });
  const credential = (statusListIndex: string, statusUrl = `${origin}/status/1`) => ({
    '@context': ['https://www.w3.org/ns/credentials/v2', EXAMPLES_V2],
    id: `urn:uuid:0b6f4c2e-8d1b-4a53-9a0e-6c1d2e3f40${statusListIndex.padStart(2, '0')}`,
    type: ['VerifiableCredential', 'ExampleAlumniCredential'],
    issuer: did,
    validFrom: '2026-01-01T00:00:00Z',
    credentialSubject: { id: 'did:example:learner', alumniOf: 'The School of Examples' },
    credentialStatus: { id: `${statusUrl}#${statusListIndex}`, type: 'BitstringStatusListEntry', statusPurpose: 'revocation', statusListIndex, statusListCredential: statusUrl },
  });

  before(async () => {
    server = await startTestHttpsServer(['issuer.test'], (req, res) => {
      const document = documents.get(req.url ?? '');
      res.writeHead(document ? 200 : 404, { 'content-type': 'application/json' });
      res.end(JSON.stringify(document ?? { error: 'not found' }));
    });
    origin = `https://issuer.test:${server.port}`;
    did = `did:web:issuer.test%3A${server.port}`;
    signer = await Ed25519Multikey.generate({ id: `${did}#key-1`, controller: did });
    documents.set('/.well-known/did.json', {
      '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1'],
      id: did,
      verificationMethod: [{ id: `${did}#key-1`, type: 'Multikey', controller: did, publicKeyMultibase: signer.publicKeyMultibase }],
      assertionMethod: [`${did}#key-1`],
    });
    documents.set('/impostor/did.json', { id: 'did:web:elsewhere.test' });
    documents.set(
      '/status/1',
      await sign({
        '@context': ['https://www.w3.org/ns/credentials/v2'],
        id: `${origin}/status/1`,
        type: ['VerifiableCredential', 'BitstringStatusListCredential'],
        issuer: did,
        validFrom: '2026-01-01T00:00:00Z',
        credentialSubject: { id: `${origin}/status/1#list`, type: 'BitstringStatusList', statusPurpose: 'revocation', encodedList: encodeBitstring(MIN_STATUS_LIST_LENGTH, [7]) },
      }),
    );
  });
  after(() => server.close());
  beforeEach(() => {
    guard = createGuardedFetch({ lookup, allowAddresses: ['127.0.0.1'], ca: server.ca });
    lookups.length = 0;
  });

  it('resolves another host\'s did:web at the URL the did:web spec names', async () => {
    const resolveDid = createDidWebResolver(guard);
    expect(await resolveDid(did)).to.have.property('id', did);
    expect(server.requests.at(-1)).to.equal('/.well-known/did.json');
  });

  it('refuses a document that names another DID', async () => {
    const resolveDid = createDidWebResolver(guard);
    try {
      await resolveDid(`${did}:impostor`);
      expect.fail('resolved');
    } catch (error) {
      expect(error).to.be.instanceOf(DidResolutionError);
    }
  });

  it('answers this server\'s DIDs locally, and neither fetches its own origin nor other DID methods', async () => {
    const own = { id: 'did:web:proofline.example' };
    const resolveDid = createDidWebResolver(guard, { ownResolver: async (d) => (d === own.id ? own : null), publicUrl: 'https://proofline.example' });
    expect(await resolveDid(own.id)).to.equal(own);
    expect(await resolveDid('did:web:proofline.example:issuers:unknown')).to.equal(null);
    expect(await resolveDid('did:jwk:eyJrdHkiOiJPS1AifQ')).to.equal(null);
    expect(lookups).to.deep.equal([]);
  });

  it('passes the guard\'s refusal on for a did:web whose host resolves to a private address', async () => {
    const resolveDid = createDidWebResolver(guard);
    try {
      await resolveDid('did:web:intranet.test');
      expect.fail('resolved');
    } catch (error) {
      expect(error).to.be.instanceOf(GuardedFetchError);
      expect((error as GuardedFetchError).code).to.equal('FORBIDDEN_ADDRESS');
    }
  });

  it('reads this server\'s status lists locally and other issuers\' through the guard', async () => {
    const local: string[] = [];
    const fetchStatusList = createRemoteStatusListFetcher(guard, { publicUrl: 'https://proofline.example', local: async (url) => (local.push(url), { id: url }) });
    expect(await fetchStatusList('https://proofline.example/status-lists/abc')).to.deep.equal({ id: 'https://proofline.example/status-lists/abc' });
    expect(lookups).to.deep.equal([]);
    expect(await fetchStatusList(`${origin}/status/1`)).to.have.property('id', `${origin}/status/1`);
    expect(local).to.deep.equal(['https://proofline.example/status-lists/abc']);
  });

  describe('verifyCredential with the guarded resolver and status fetcher', () => {
    const options = () => ({ now: NOW, resolveDid: createDidWebResolver(guard), fetchStatusList: createRemoteStatusListFetcher(guard) });

    it('verifies a credential of another did:web issuer, its remote status list verified and read', async () => {
      const result = await verifyCredential(await sign(credential('8')), options());
      expect(result.verified, JSON.stringify(result.problemDetails)).to.equal(true);
      expect(result.issuer).to.equal(did);
      expect(result.status).to.deep.equal({ revoked: false, suspended: false });
    });

    it('fails a credential revoked in its remote status list with REVOKED', async () => {
      const result = await verifyCredential(await sign(credential('7')), options());
      expect(result.problemDetails.map((p) => p.code)).to.deep.equal(['REVOKED']);
    });

    it('does not report verified when the remote status list cannot be fetched, or is on a forbidden host', async () => {
      const missing = await verifyCredential(await sign(credential('8', `${origin}/status/404`)), options());
      expect(missing.problemDetails.map((p) => p.code)).to.deep.equal(['STATUS_UNAVAILABLE']);
      const forbidden = await verifyCredential(await sign(credential('8', 'https://intranet.test/status/1')), options());
      expect(forbidden.problemDetails.map((p) => p.code)).to.deep.equal(['STATUS_UNAVAILABLE']);
      expect(forbidden.status.revoked).to.equal(null);
    });

    it('fails the proof when the issuer\'s DID document cannot be resolved through the guard', async () => {
      const credentialOfIntranet = await sign(credential('8'));
      const result = await verifyCredential(credentialOfIntranet, { now: NOW, resolveDid: createDidWebResolver(createGuardedFetch({ lookup, ca: server.ca })) });
      expect(result.verified).to.equal(false);
      expect(result.problemDetails.map((p) => p.code)).to.deep.equal(['PROOF_VERIFICATION_ERROR']);
    });
  });
});
