/**
 * Wallet presentations benchmark (issue #5): presentations created per second through POST /wallet/presentations
 * (holder session check, key unlock from the LRU, credential lookup, signing) as Data Integrity, as vp+jwt, and with an
 * ecdsa-sd-2023 derivation, on embedded PGlite; each beside a reference measured in the same run on the same
 * credential: @digitalbazaar/vc `signPresentation` (eddsa-rdfc-2022), bare jose `SignJWT`, and @digitalbazaar/vc
 * `derive` with the library's disclose suite. The signing step alone is measured too, and an authenticated GET as the
 * floor every wallet request pays (the vp+jwt route is compared with it: its signature costs a fraction of a ms).
 */
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as vc from '@digitalbazaar/vc';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { createDiscloseCryptosuite } from '@digitalbazaar/ecdsa-sd-2023-cryptosuite';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import { SignJWT, importJWK } from 'jose';
import { loadConfig } from '../config/load-config.ts';
import { createDocumentLoader } from '../contexts/document-loader.ts';
import { deriveEcdsaSd } from '../crypto/sign-ecdsa-sd.ts';
import { signPresentation } from '../crypto/sign-presentation.ts';
import { signVpJwt } from '../crypto/sign-vp-jwt.ts';
import { importKey } from '../crypto/unlocked-key.ts';
import { createLogger } from '../http/logger.ts';
import { openPlatform } from '../server.ts';
import { measure, printTable, type Rate } from './measure.ts';

const ADMIN = 'bench-admin-token-0123456789abcdef';
const PASSWORD = 'bench password, long enough';
const DISCLOSE = ['/credentialSubject/achievement/name', '/credentialSubject/result/1'];

export async function runPresentationBench(): Promise<void> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'proofline-bench-'));
  const config = loadConfig({ PUBLIC_URL: 'http://bench.test', PROOFLINE_DATA_DIR: dataDir, PROOFLINE_ADMIN_TOKEN: ADMIN, PROOFLINE_KEK: '5a'.repeat(32) });
  const platform = await openPlatform(config, { logger: createLogger({ level: 'silent' }) });
  const server: Server = platform.app.listen(0, '127.0.0.1');
  // Idle keep-alive sockets outlive the local measurements between HTTP rows (Node's default 5 s would race a POST).
  server.keepAliveTimeout = 120_000;
  await new Promise((resolve) => server.once('listening', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const call = async (method: string, url: string, body?: unknown, token = ADMIN) => {
    const res = await fetch(`${base}${url}`, { method, headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, ...(body ? { body: JSON.stringify(body) } : {}) });
    const text = await res.text();
    if (res.status >= 300) throw new Error(`${method} ${url}: ${res.status} ${text}`);
    return JSON.parse(text) as Record<string, unknown>;
  };

  try {
    // One holder with an eddsa-rdfc-2022 award and an ecdsa-sd-2023 award in the wallet.
    const email = 'bench-holder@example.com';
    const account = await call('POST', '/wallet/accounts', { email, password: PASSWORD });
    const did = account.did as string;
    const { accessToken } = (await call('POST', '/wallet/sessions', { email, password: PASSWORD })) as { accessToken: string };
    const awardTo = (options?: object) =>
      call('POST', '/awards', { achievement: 'prompt-engineering-foundation', recipient: { did }, result: { score: 88, rubricLevel: 'proficient' }, ...(options ? { options } : {}) });
    const di = (await awardTo()).verifiableCredential as Record<string, unknown>;
    const sd = (await awardTo({ cryptosuite: 'ecdsa-sd-2023' })).verifiableCredential as Record<string, unknown>;
    const added = ((await call('POST', '/wallet/credentials/sync', undefined, accessToken)).added as { id: string; credentialId: string }[]);
    const diId = added.find((a) => a.credentialId === di.id)!.id;
    const sdId = added.find((a) => a.credentialId === sd.id)!.id;
    const present = (body: object) => () => call('POST', '/wallet/presentations', { challenge: 'bench-challenge', domain: 'jobs.example', ...body }, accessToken);

    const loader = createDocumentLoader();
    const refKey = await Ed25519Multikey.generate({ controller: 'did:example:holder' });
    refKey.id = `did:example:holder#${refKey.publicKeyMultibase}`;
    const exported = await refKey.export({ publicKey: true, secretKey: true });
    const ours = await importKey({ id: refKey.id, publicKeyMultibase: refKey.publicKeyMultibase, secretKey: new TextEncoder().encode(exported.secretKeyMultibase) });
    // A fresh id each time, as the wallet gives every presentation: no cache sees the same document twice.
    const vp = (credential: object) => ({
      '@context': ['https://www.w3.org/ns/credentials/v2'],
      type: ['VerifiablePresentation'],
      id: `urn:uuid:${randomUUID()}`,
      holder: 'did:example:holder',
      verifiableCredential: [credential],
    });

    const rows: { rate: Rate; reference?: Rate }[] = [];
    // What any wallet request costs before presenting: HTTP, the holder's access token, one read.
    const floor = await measure('GET /wallet/account (HTTP + holder auth + 1 read) [floor]', () => call('GET', '/wallet/account', undefined, accessToken));
    rows.push({ rate: floor });
    // Data Integrity.
    const diRef = await measure('@digitalbazaar/vc signPresentation eddsa-rdfc-2022 [reference]', () =>
      vc.signPresentation({
        presentation: vp(di),
        suite: new DataIntegrityProof({ signer: refKey.signer(), cryptosuite: eddsaRdfc2022 }),
        challenge: 'bench-challenge',
        domain: 'jobs.example',
        documentLoader: loader as (url: string) => Promise<object>,
      }),
    );
    rows.push({ rate: diRef });
    rows.push({ rate: await measure('sign DI presentation (crypto/sign-presentation, fast path)', () => signPresentation(vp(di), { key: ours, challenge: 'c', domain: 'jobs.example', documentLoader: loader })), reference: diRef });
    rows.push({ rate: await measure('POST /wallet/presentations, Data Integrity', present({ credentialIds: [diId] })), reference: diRef });

    // vp+jwt.
    const joseKey = await importJWK(
      { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(refKey.publicKey).toString('base64url'), d: Buffer.from(refKey.secretKey!.slice(0, 32)).toString('base64url') },
      'EdDSA',
    );
    const jwtRef = await measure(
      'jose SignJWT EdDSA (vp+jwt payload) [reference]',
      () => new SignJWT({ ...vp(di), nonce: 'bench-challenge' }).setProtectedHeader({ alg: 'EdDSA', typ: 'vp+jwt', kid: refKey.id }).setAudience('jobs.example').setIssuedAt().sign(joseKey),
      { perRound: 1000 },
    );
    rows.push({ rate: jwtRef });
    rows.push({ rate: await measure('sign vp+jwt (crypto/sign-vp-jwt)', () => signVpJwt(vp(di), { key: ours, challenge: 'c', domain: 'jobs.example' }), { perRound: 1000 }), reference: jwtRef });
    rows.push({ rate: await measure('POST /wallet/presentations, vp+jwt', present({ credentialIds: [diId], format: 'vp+jwt' })), reference: floor });

    // ecdsa-sd-2023 derivation.
    const sdRef = await measure('@digitalbazaar/vc derive ecdsa-sd-2023 (2 pointers) [reference]', () =>
      vc.derive({
        verifiableCredential: sd,
        suite: new DataIntegrityProof({ cryptosuite: createDiscloseCryptosuite({ selectivePointers: DISCLOSE }) }),
        documentLoader: loader as (url: string) => Promise<object>,
      }),
      { perRound: 20, warmup: 5 },
    );
    rows.push({ rate: sdRef });
    rows.push({ rate: await measure('derive ecdsa-sd-2023 (crypto/sign-ecdsa-sd)', () => deriveEcdsaSd(sd, { selectivePointers: DISCLOSE, documentLoader: loader }), { perRound: 20, warmup: 5 }), reference: sdRef });
    rows.push({
      rate: await measure('POST /wallet/presentations, DI with an SD derivation', present({ credentialIds: [sdId], disclose: { [sdId]: DISCLOSE } }), { perRound: 20, warmup: 5 }),
      reference: sdRef,
    });
    rows.push({
      rate: await measure('POST /wallet/presentations, vp+jwt with an SD derivation', present({ credentialIds: [sdId], disclose: { [sdId]: DISCLOSE }, format: 'vp+jwt' }), {
        perRound: 20,
        warmup: 5,
      }),
      reference: sdRef,
    });

    console.log(`\nWallet presentations (node ${process.version}, ${os.cpus().length} cores, ${os.cpus()[0]?.model ?? ''}; PGlite embedded)`);
    printTable(rows);
  } finally {
    await new Promise((resolve) => server.close(resolve));
    await platform.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
