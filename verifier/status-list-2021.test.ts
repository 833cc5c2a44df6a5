/**
 * StatusList2021 (VC 1.1, W3C CCG VC Status List 2021) read like Bitstring Status List: VC 1.1 JWT credentials with a
 * `StatusList2021Entry`, whose `StatusList2021Credential` lists are VC 1.1 JWTs made here with did-jwt-vc and served
 * as application/jwt by an https server on 127.0.0.1 through the guarded client. A set bit is REVOKED / SUSPENDED;
 * a list that cannot be read or verified leaves the credential unverified. The StatusList2021 JSON-LD context is not
 * bundled, so a Data Integrity credential naming it is refused before any processing.
 */
import { expect } from 'chai';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import { EdDSASigner } from 'did-jwt';
import { createVerifiableCredentialJwt, type JwtCredentialPayload } from 'did-jwt-vc';
import { decodeStatusList2021Bitstring, encodeBitstring, encodeStatusList2021Bitstring, isBitSet, MIN_STATUS_LIST_LENGTH } from '../core/status-bitstring.ts';
import { startTestHttpsServer, type TestHttpsServer } from '../test/helpers/tls-test-server.ts';
import { createRemoteStatusListFetcher } from './create-remote-status-list-fetcher.ts';
import { createGuardedFetch, type LookupAddresses } from './guarded-fetch.ts';
import { verifyCredential, type VerificationResult } from './index.ts';
import { statusListCacheStats } from './status-list-cache.ts';

const NOW = new Date('2026-06-01T00:00:00Z');
const NBF = Math.floor(Date.parse('2026-01-01T00:00:00Z') / 1000);
const V1 = 'https://www.w3.org/2018/credentials/v1';
const SL2021 = 'https://w3id.org/vc/status-list/2021/v1';
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
    // A JSON-LD StatusList2021Credential would need the unbundled context: it cannot be verified here.
    bodies.set('/json-ld', { type: 'application/json', body: JSON.stringify({ '@context': [V1, SL2021], type: ['VerifiableCredential', 'StatusList2021Credential'] }) });
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

  it('never verifies a credential whose list is missing, forged, garbled, of another type or JSON-LD', async () => {
    const cases: Array<[string, string, string]> = [
      ['/missing', 'STATUS_UNAVAILABLE', 'BAD_STATUS'],
      ['/tampered', 'STATUS_VERIFICATION_ERROR', 'PROOF_VERIFICATION_ERROR'],
      ['/garbled', 'STATUS_VERIFICATION_ERROR', 'does not decode'],
      ['/bitstring-type', 'STATUS_VERIFICATION_ERROR', 'not a StatusList2021Credential'],
      ['/json-ld', 'STATUS_VERIFICATION_ERROR', 'UNSUPPORTED_CONTEXT'],
    ];
    for (const [path, code, detail] of cases) {
      const result = await verifyCredential(await credential(entry('revocation', 1, path)), options());
      expect(result.verified, path).to.equal(false);
      expect(codes(result), `${path}: ${explain(result)}`).to.deep.equal([code]);
      expect(result.problemDetails[0]?.detail, path).to.include(detail);
      expect(result.status.revoked, path).to.equal(null);
    }
  });

  it('refuses a Data Integrity credential naming the StatusList2021 context (not bundled) before any processing', async () => {
    const requests = server.requests.length;
    const result = await verifyCredential(
      {
        '@context': [V1, SL2021],
        type: ['VerifiableCredential'],
        issuer: issuer.did,
        issuanceDate: '2026-01-01T00:00:00Z',
        credentialSubject: { id: 'did:example:learner' },
        credentialStatus: entry('revocation', 7, '/revocation'),
        proof: { type: 'DataIntegrityProof', cryptosuite: 'eddsa-rdfc-2022', proofPurpose: 'assertionMethod', verificationMethod: `${issuer.did}#key`, proofValue: 'z1' },
      },
      options(),
    );
    expect(codes(result)).to.deep.equal(['UNSUPPORTED_CONTEXT']);
    expect(server.requests.length).to.equal(requests); // its status list was never fetched
  });
});
