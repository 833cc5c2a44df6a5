/**
 * `proofline verify <file|->`: offline on credentials signed here by @digitalbazaar/vc and by jose (Data Integrity and
 * vc+jwt), tampered ones rejected with the failed check named; `--url` against a real listening server on an award
 * it issued. Exit code 0 only when verified.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import request from 'supertest';
import * as vc from '@digitalbazaar/vc';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import * as EcdsaMultikey from '@digitalbazaar/ecdsa-multikey';
import { CompactSign, exportJWK, generateKeyPair } from 'jose';
import { verifyFile } from '../cli/verify-command.ts';
import { awardBody } from './awards.http.test.ts';
import { independentLoader } from './helpers/independent-verifier.ts';
import { bearer, forEachPlatform } from './helpers/platform.ts';
import { uniqueId } from './helpers/store.ts';
import { listenOnLoopback } from './helpers/listen.ts';
import { captureStream } from './helpers/capture-stream.ts';

const NOW = new Date('2026-06-01T00:00:00Z');
const EXAMPLES_V2 = 'https://www.w3.org/ns/credentials/examples/v2';
const signingLoader = independentLoader({ [EXAMPLES_V2]: JSON.parse(readFileSync('/work/shared/vectors/contexts/www.w3.org/ns/credentials/examples/v2.json', 'utf8')) });
const dir = mkdtempSync(path.join(os.tmpdir(), 'proofline-cli-verify-'));

async function run(content: string | object, options: Parameters<typeof verifyFile>[1] = {}): Promise<{ code: number; output: string }> {
  const file = path.join(dir, `${uniqueId('credential')}.json`);
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  const out = captureStream();
  const code = await verifyFile(file, { now: NOW, ...options }, out.stream);
  return { code, output: out.text() };
}

const unsigned = (issuer: string) => ({
  '@context': ['https://www.w3.org/ns/credentials/v2', EXAMPLES_V2],
  type: ['VerifiableCredential', 'ExampleAlumniCredential'],
  issuer,
  validFrom: '2026-01-01T00:00:00Z',
  validUntil: '2027-01-01T00:00:00Z',
  credentialSubject: { id: 'did:example:learner', alumniOf: 'The School of Examples' },
});

describe('proofline verify (offline)', () => {
  let signed: Record<string, unknown>;
  let sign: (extra?: object) => Promise<Record<string, unknown>>;
  before(async () => {
    const key = await Ed25519Multikey.generate();
    const did = `did:key:${key.publicKeyMultibase}`;
    key.id = `${did}#${key.publicKeyMultibase}`;
    key.controller = did;
    const suite = new DataIntegrityProof({ signer: key.signer() as never, date: '2026-01-02T00:00:00Z', cryptosuite: eddsaRdfc2022 });
    sign = (extra = {}) => vc.issue({ credential: { ...unsigned(did), ...extra }, suite, documentLoader: signingLoader, now: '2026-01-02T00:00:00Z' });
    signed = await sign();
  });

  it('verifies a Data Integrity credential and prints issuer, trust, validity, status and each check; exit 0', async () => {
    const { code, output } = await run(signed);
    expect(code, output).to.equal(0);
    expect(output).to.match(/^VERIFIED\n/);
    expect(output).to.include(`issuer      ${String(signed.issuer)}`);
    expect(output).to.include('trusted     not checked');
    expect(output).to.include('validity    2026-01-01T00:00:00Z .. 2027-01-01T00:00:00Z');
    expect(output).to.include('status      no status entry');
    expect(output).to.match(/ok {3}proof/);
  });

  it('rejects a tampered credential naming the failed check; exit 1', async () => {
    const { code, output } = await run({ ...signed, credentialSubject: { id: 'did:example:learner', alumniOf: 'Another School' } });
    expect(code).to.equal(1);
    expect(output).to.match(/^NOT VERIFIED\n/);
    expect(output).to.match(/FAIL proof\n\s+PROOF_VERIFICATION_ERROR: /);
  });

  it('rejects an expired credential with EXPIRED under validity', async () => {
    const { code, output } = await run(signed, { now: new Date('2027-06-01T00:00:00Z') });
    expect(code).to.equal(1);
    expect(output).to.match(/FAIL validity\n\s+EXPIRED: /);
  });

  it('prints the whole result with --json', async () => {
    const { code, output } = await run(signed, { json: true });
    expect(code).to.equal(0);
    const result = JSON.parse(output);
    expect(result).to.include({ verified: true, format: 'data-integrity', issuer: signed.issuer });
  });

  it('verifies a vc+jwt credential signed by jose (ES256, did:key)', async () => {
    const { publicKey, privateKey } = await generateKeyPair('ES256', { extractable: true });
    const keyPair = await EcdsaMultikey.fromJwk({ jwk: await exportJWK(publicKey) });
    const did = `did:key:${keyPair.publicKeyMultibase}`;
    const jws = await new CompactSign(new TextEncoder().encode(JSON.stringify(unsigned(did))))
      .setProtectedHeader({ alg: 'ES256', typ: 'vc+jwt', kid: `${did}#${keyPair.publicKeyMultibase}` })
      .sign(privateKey);
    const { code, output } = await run(jws);
    expect(code, output).to.equal(0);
    expect(output).to.match(/format {6}vc\+jwt/);
    expect(output).to.include(`issuer      ${did}`);
  });

  it('names a credential it cannot parse (PARSING_ERROR); exit 1', async () => {
    const { code, output } = await run('this is not a credential');
    expect(code).to.equal(1);
    expect(output).to.include('PARSING_ERROR');
  });

  it('with --no-fetch, reads no remote status list: STATUS_UNAVAILABLE', async () => {
    const withStatus = await sign({ credentialStatus: { type: 'BitstringStatusListEntry', statusPurpose: 'revocation', statusListIndex: '1', statusListCredential: 'https://status.example/1' } });
    const { code, output } = await run(withStatus, { fetch: false });
    expect(code).to.equal(1);
    expect(output).to.include('STATUS_UNAVAILABLE');
  });
});

forEachPlatform('proofline verify --url', (platform) => {
  let url: string;
  let close: () => Promise<void>;
  before(async () => {
    ({ url, close } = await listenOnLoopback(platform().app));
  });
  after(() => close());

  it('verifies an award with the server that issued it (its own status list, trust registry, schema); exit 0', async () => {
    const res = await request(platform().app)
      .post('/awards')
      .set(...bearer())
      .send(awardBody({ evidence: { assessmentId: uniqueId('cli-verify') } }))
      .expect(201);
    const credential = res.body.verifiableCredential;
    const { code, output } = await run(credential, { url, now: undefined });
    expect(code, output).to.equal(0);
    expect(output).to.include('trusted     yes');
    expect(output).to.include('status      revoked: no, suspended: no');
    expect(output).to.match(/skills {6}\S/);
    // Offline, the same award's status list (http://academy.test/...) is not fetched: https only.
    const offline = await run(credential, { now: undefined });
    expect(offline.code).to.equal(1);
    expect(offline.output).to.match(/STATUS_UNAVAILABLE: .*\(NOT_HTTPS\)/);
  });
});
