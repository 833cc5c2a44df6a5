/**
 * Issuance benchmark (issue #2): signatures/second per proof format and awards/second through the full award path
 * (HTTP, validation, signing, status allocation, persistence) on embedded PGlite and, when DATABASE_URL is set, on a
 * PostgreSQL server, each beside @digitalbazaar/vc's plain `issue` of the same credential measured in the same run.
 */
import os from 'node:os';
import request from 'supertest';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as vc from '@digitalbazaar/vc';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import type { Platform } from '../server.ts';
import { createDocumentLoader } from '../contexts/document-loader.ts';
import { signDataIntegrity } from '../crypto/sign-data-integrity.ts';
import { signVcJwt } from '../crypto/sign-vc-jwt.ts';
import { signingKey } from '../issuer/signing-keys.ts';
import { BENCH_ADMIN_TOKEN, openBenchPlatform, scratchDatabase } from './bench-platform.ts';
import { measure, printTable, type Rate } from './measure.ts';

const ADMIN = BENCH_ADMIN_TOKEN;
const award = (i: number) => ({
  achievement: 'prompt-engineering-foundation',
  recipient: { did: 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK' },
  result: { score: 80 + (i % 20), rubricLevel: 'proficient' },
  evidence: { assessmentId: `bench-${i}` },
});


export async function runIssueBench(): Promise<void> {
  const embedded = await openBenchPlatform(undefined);
  const { platform } = embedded;
  const academy = (await platform.store.issuers.getBySlug('academy'))!;
  const deps = platform.issuerDeps;
  const loader = createDocumentLoader();

  // The credential every signer signs: a real award, unsigned (proof removed).
  const sample = await request(platform.app).post('/awards').set('Authorization', `Bearer ${ADMIN}`).send(award(0)).expect(201);
  const { proof: _proof, ...unsigned } = sample.body.verifiableCredential;

  // Reference: @digitalbazaar/vc issue with a Multikey signer, as its README shows.
  const refKey = await Ed25519Multikey.generate({ controller: 'did:example:bench' });
  refKey.id = `did:example:bench#${refKey.publicKeyMultibase}`;
  const reference = await measure('@digitalbazaar/vc issue (eddsa-rdfc-2022) [reference]', () =>
    vc.issue({
      credential: { ...unsigned, issuer: { ...unsigned.issuer, id: 'did:example:bench' } },
      suite: new DataIntegrityProof({ signer: refKey.signer(), cryptosuite: eddsaRdfc2022 }),
      documentLoader: loader,
    }),
  );

  const ed = await signingKey(deps.store, deps.kek, academy, 'assertion', 'Ed25519');
  const p256 = await signingKey(deps.store, deps.kek, academy, 'assertion', 'P-256');
  const rows: { rate: Rate; reference?: Rate }[] = [{ rate: reference }];
  rows.push({ rate: await measure('sign eddsa-rdfc-2022 (crypto/sign-data-integrity)', () => signDataIntegrity(unsigned, { key: ed, cryptosuite: 'eddsa-rdfc-2022', documentLoader: loader })), reference });
  rows.push({ rate: await measure('sign ecdsa-rdfc-2019 P-256', () => signDataIntegrity(unsigned, { key: p256, cryptosuite: 'ecdsa-rdfc-2019', documentLoader: loader })), reference });
  rows.push({ rate: await measure('sign vc+jwt EdDSA', () => signVcJwt(unsigned, { key: ed }), { perRound: 1000 }), reference });
  rows.push({ rate: await measure('sign vc+jwt ES256', () => signVcJwt(unsigned, { key: p256 }), { perRound: 1000 }), reference });

  let i = 1;
  // A listening server and keep-alive connections, as a client of the API would see it.
  const servers: Server[] = [];
  const listen = async (app: Platform['app']) => {
    const server = app.listen(0, '127.0.0.1');
    servers.push(server);
    await new Promise((resolve) => server.once('listening', resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  };
  const httpAward = (baseUrl: string, options?: object) => async () => {
    const res = await fetch(`${baseUrl}/awards`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${ADMIN}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ ...award(i++), ...(options ? { options } : {}) }),
    });
    if (res.status !== 201) throw new Error(`award failed: ${res.status} ${await res.text()}`);
    await res.arrayBuffer();
  };
  const embeddedUrl = await listen(platform.app);
  rows.push({ rate: await measure('award via HTTP, eddsa-rdfc-2022, PGlite (embedded)', httpAward(embeddedUrl)), reference });
  rows.push({ rate: await measure('award via HTTP, vc+jwt EdDSA, PGlite (embedded)', httpAward(embeddedUrl, { format: 'vc+jwt' })), reference });

  const databaseUrl = process.env.DATABASE_URL;
  let server: Awaited<ReturnType<typeof openBenchPlatform>> | null = null;
  if (databaseUrl) {
    // A database of its own, so the bench's keys and lists start empty like a fresh install.
    server = await openBenchPlatform((await scratchDatabase(databaseUrl, 'proofline_bench')).url);
    const serverUrl = await listen(server.platform.app);
    rows.push({ rate: await measure('award via HTTP, eddsa-rdfc-2022, PostgreSQL server', httpAward(serverUrl)), reference });
    rows.push({ rate: await measure('award via HTTP, vc+jwt EdDSA, PostgreSQL server', httpAward(serverUrl, { format: 'vc+jwt' })), reference });
  }
  console.log(`\nIssuance (node ${process.version}, ${os.cpus().length} cores, ${os.cpus()[0]?.model ?? ''})`);
  printTable(rows);
  if (!databaseUrl) console.log('(set DATABASE_URL to measure on a PostgreSQL server too)');
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  await platform.close();
  embedded.cleanup();
  if (server) {
    await server.platform.close();
    server.cleanup();
  }
}

