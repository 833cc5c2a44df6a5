/**
 * `proofline serve | award | issue | keys | tokens`: exit code 0 only on success. Admin commands (keys, tokens) work
 * on the database directly; award and issue talk to a running server.
 */
import { readFileSync } from 'node:fs';
import { Command, Option } from 'commander';
import { loadConfig } from '../config/load-config.ts';
import { isProoflineError } from '../core/errors.ts';
import type { KeyAlgorithm } from '../core/keys.ts';
import type { Scope } from '../core/ports.ts';
import { createToken, SCOPES } from '../http/tokens.ts';
import { rotateKey } from '../issuer/rotate-key.ts';
import { openPlatform, startServer } from '../server.ts';
import { createApiClient, describeProblem } from './api-client.ts';
import { auditCommand } from './audit.ts';
import { awardFile } from './award-command.ts';
import { verifyCommand } from './verify-command.ts';

const program = new Command('proofline').description('Verifiable AI-skills credentials: issue, hold, verify, match, audit.');
const defaultUrl = () => process.env.PROOFLINE_URL ?? loadConfig().server.publicUrl;
const tokenOption = () => new Option('--token <token>', 'bearer token (or PROOFLINE_TOKEN)').env('PROOFLINE_TOKEN');

program
  .command('serve')
  .description('run the server (configuration from the environment, see README)')
  .action(async () => {
    await startServer(loadConfig());
  });

program
  .command('award')
  .description('award achievements from a CSV file (see examples/awards.csv), idempotently')
  .requiredOption('--file <csv>', 'the awards CSV')
  .option('--url <url>', 'server URL (default PROOFLINE_URL or PUBLIC_URL)')
  .addOption(tokenOption())
  .option('--chunk <n>', 'awards per request', (v) => Number(v), 100)
  .option('--no-progress', 'no progress bar')
  .action(async (o: { file: string; url?: string; token?: string; chunk: number; progress: boolean }) => {
    process.exitCode = await awardFile({ file: o.file, url: o.url ?? defaultUrl(), token: o.token, chunk: o.chunk, progress: o.progress && Boolean(process.stderr.isTTY) });
  });

program
  .command('issue')
  .description('VC-API issue: sign an unsigned credential (file or - for stdin) and print it')
  .argument('<file>', 'credential JSON, or - for stdin')
  .option('--url <url>', 'server URL')
  .addOption(tokenOption())
  .addOption(new Option('--format <format>', 'proof format').choices(['di', 'vc+jwt']).default('di'))
  .addOption(new Option('--cryptosuite <suite>').choices(['eddsa-rdfc-2022', 'ecdsa-rdfc-2019', 'ecdsa-sd-2023']))
  .action(async (file: string, o: { url?: string; token?: string; format: 'di' | 'vc+jwt'; cryptosuite?: string }) => {
    const credential = JSON.parse(readFileSync(file === '-' ? 0 : file, 'utf8'));
    const api = createApiClient(o.url ?? defaultUrl(), o.token);
    const res = await api.post('/credentials/issue', { credential, options: { format: o.format, ...(o.cryptosuite ? { cryptosuite: o.cryptosuite } : {}) } });
    if (res.status !== 201 && res.status !== 200) {
      process.stderr.write(`${describeProblem(res.body)}\n`);
      process.exitCode = 1;
      return;
    }
    process.stdout.write(`${JSON.stringify((res.body as { verifiableCredential: unknown }).verifiableCredential, null, 2)}\n`);
  });

const keys = program.command('keys').description('issuer keys (public parts only; private keys never leave the database unencrypted)');
keys
  .command('list')
  .option('--issuer <slug>', 'issuer slug', 'academy')
  .action(async (o: { issuer: string }) => {
    const platform = await openPlatform(loadConfig(), { loadStarterCatalog: false });
    try {
      const issuer = await platform.store.issuers.getBySlug(o.issuer);
      if (!issuer) throw new Error(`no issuer "${o.issuer}"`);
      for (const k of await platform.store.keys.listByIssuer(issuer.id)) {
        process.stdout.write(`${k.status.padEnd(8)} ${k.purpose.padEnd(10)} ${k.algorithm.padEnd(8)} ${k.id}\n`);
      }
    } finally {
      await platform.close();
    }
  });
keys
  .command('rotate')
  .description('add a new signing key; the old one stays in the DID document, verification only')
  .option('--issuer <slug>', 'issuer slug', 'academy')
  .addOption(new Option('--purpose <purpose>').choices(['assertion', 'status']).default('assertion'))
  .addOption(new Option('--algorithm <alg>').choices(['Ed25519', 'P-256']).default('Ed25519'))
  .action(async (o: { issuer: string; purpose: 'assertion' | 'status'; algorithm: KeyAlgorithm }) => {
    const platform = await openPlatform(loadConfig(), { loadStarterCatalog: false });
    try {
      const issuer = await platform.store.issuers.getBySlug(o.issuer);
      if (!issuer) throw new Error(`no issuer "${o.issuer}"`);
      const { added, retired } = await rotateKey(platform.issuerDeps, issuer, o.purpose, o.algorithm);
      process.stdout.write(`active  ${added.id}\n${retired ? `retired ${retired.id} (kept for verification)\n` : ''}`);
    } finally {
      await platform.close();
    }
  });

const tokens = program.command('tokens').description('scoped API tokens');
tokens
  .command('create')
  .requiredOption('--scope <scope...>', `one or more of ${SCOPES.join(', ')}`)
  .option('--label <label>', 'what the token is for', 'cli')
  .action(async (o: { scope: string[]; label: string }) => {
    const bad = o.scope.filter((s) => !SCOPES.includes(s as Scope));
    if (bad.length > 0) throw new Error(`unknown scope ${bad.join(', ')}; use ${SCOPES.join(', ')}`);
    const platform = await openPlatform(loadConfig(), { loadStarterCatalog: false });
    try {
      const { token, record } = await createToken(platform.store, { label: o.label, scopes: o.scope as Scope[], now: new Date() });
      process.stderr.write(`token ${record.id} (${record.scopes.join(', ')}); shown once:\n`);
      process.stdout.write(`${token}\n`);
    } finally {
      await platform.close();
    }
  });
tokens.command('list').action(async () => {
  const platform = await openPlatform(loadConfig(), { loadStarterCatalog: false });
  try {
    for (const t of await platform.store.tokens.list()) {
      process.stdout.write(`${t.id} ${t.revokedAt ? 'revoked' : 'active '} ${t.scopes.join(',').padEnd(20)} ${t.label}\n`);
    }
  } finally {
    await platform.close();
  }
});
tokens
  .command('revoke')
  .argument('<id>')
  .action(async (id: string) => {
    const platform = await openPlatform(loadConfig(), { loadStarterCatalog: false });
    try {
      await platform.store.tokens.revoke(id, new Date());
    } finally {
      await platform.close();
    }
  });

program.addCommand(verifyCommand());
program.addCommand(auditCommand());

program.parseAsync(process.argv).catch((error: unknown) => {
  const message = isProoflineError(error) ? `${error.code}: ${error.message}` : error instanceof Error ? error.message : String(error);
  process.stderr.write(`proofline: ${message}\n`);
  process.exit(1);
});
