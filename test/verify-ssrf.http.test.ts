/**
 * POST /credentials/verify on the server as server.ts wires it: credentials whose issuer is a did:web, or whose status
 * list lives, on loopback, a private address or the metadata address are not verified, and the server makes no
 * connection at all (a local listener counts them; test/network-guard.ts records any outbound attempt).
 */
import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import request from 'supertest';
import * as vc from '@digitalbazaar/vc';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import { independentLoader } from './helpers/independent-verifier.ts';
import { forEachPlatform } from './helpers/platform.ts';
import { startTrapListener, type Listener } from './helpers/tls-test-server.ts';
import { outboundAttempts } from './network-guard.ts';

const EXAMPLES_V2 = 'https://www.w3.org/ns/credentials/examples/v2';
const signingLoader = independentLoader({ [EXAMPLES_V2]: JSON.parse(readFileSync('/work/shared/vectors/contexts/www.w3.org/ns/credentials/examples/v2.json', 'utf8')) });

async function signAs(issuer: string | null, statusListCredential?: string) {
  const key = await Ed25519Multikey.generate();
  const did = issuer ?? `did:key:${key.publicKeyMultibase}`;
  key.id = issuer ? `${did}#key-1` : `${did}#${key.publicKeyMultibase}`;
  key.controller = did;
  const credential = {
    '@context': ['https://www.w3.org/ns/credentials/v2', EXAMPLES_V2],
    type: ['VerifiableCredential', 'ExampleAlumniCredential'],
    issuer: did,
    validFrom: '2026-01-01T00:00:00Z',
    credentialSubject: { id: 'did:example:learner', alumniOf: 'The School of Examples' },
    ...(statusListCredential
      ? { credentialStatus: { id: `${statusListCredential}#3`, type: 'BitstringStatusListEntry', statusPurpose: 'revocation', statusListIndex: '3', statusListCredential } }
      : {}),
  };
  const suite = new DataIntegrityProof({ signer: key.signer() as never, date: '2026-01-02T00:00:00Z', cryptosuite: eddsaRdfc2022 });
  return vc.issue({ credential, suite, documentLoader: signingLoader, now: '2026-01-02T00:00:00Z' });
}

forEachPlatform('POST /credentials/verify refuses to fetch from forbidden addresses', (platform) => {
  let trap: Listener;
  before(async () => {
    trap = await startTrapListener();
  });
  after(() => trap.close());

  const verify = async (credential: object) => {
    const connections = trap.connections();
    const attempts = outboundAttempts.length;
    const res = await request(platform().app).post('/credentials/verify').send({ verifiableCredential: credential });
    expect(trap.connections(), 'connections to the local listener').to.equal(connections);
    expect(outboundAttempts.slice(attempts), 'outbound attempts').to.deep.equal([]);
    return res;
  };

  it('does not fetch status lists on loopback, private or metadata addresses: STATUS_UNAVAILABLE, not verified', async function () {
    this.timeout(30_000);
    for (const url of [
      `https://127.0.0.1:${trap.port}/status/1`,
      `https://[::1]:${trap.port}/status/1`,
      `https://localhost:${trap.port}/status/1`,
      'https://10.0.0.8/status/1',
      'https://169.254.169.254/latest/meta-data/',
      `http://localhost:${trap.port}/status/1`,
    ]) {
      const res = await verify(await signAs(null, url));
      expect(res.status, url).to.equal(422);
      expect(res.body.verified).to.equal(false);
      const status = res.body.problemDetails.find((p: { check: string }) => p.check === 'status');
      expect(status?.code, url).to.equal('STATUS_UNAVAILABLE');
      expect(status.detail, url).to.match(url.startsWith('http:') ? /\(NOT_HTTPS\)/ : /\(FORBIDDEN_ADDRESS\)/);
      expect(res.body.status.revoked).to.equal(null);
    }
  });

  it('does not resolve a did:web on loopback or an IP literal: the proof fails, nothing is fetched', async function () {
    this.timeout(30_000);
    for (const did of [`did:web:localhost%3A${trap.port}`, `did:web:127.0.0.1%3A${trap.port}`, 'did:web:169.254.169.254', `did:web:localhost%3A${trap.port}:issuers:x`]) {
      const res = await verify(await signAs(did));
      expect(res.status, did).to.equal(422);
      const proof = res.body.problemDetails.find((p: { check: string }) => p.check === 'proof');
      expect(proof?.code, did).to.equal('PROOF_VERIFICATION_ERROR');
      expect(proof.detail, did).to.match(/\(FORBIDDEN_ADDRESS\)/);
    }
  });
});
