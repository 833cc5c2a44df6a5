/**
 * `proofline verify <file|->`: verify a credential (Data Integrity JSON, a vc+jwt compact JWS, or a VC 2.0 envelope)
 * offline with the verifier library: contexts bundled, did:key computed, did:web documents and other issuers' status
 * lists read through the guarded client (verifier/guarded-fetch.ts). `--url` asks a Proofline server instead
 * (POST /credentials/verify), which also consults its trusted-issuer registry and schemas. Exit 0 only when verified.
 */
import { readFileSync } from 'node:fs';
import { Command, Option } from 'commander';
import { isJsonObject, type JsonObject } from '../core/open-badges.ts';
import {
  createDidWebResolver,
  createGuardedFetch,
  createRemoteStatusListFetcher,
  verifyCredential,
  type VerificationProblem,
  type VerificationProfile,
  type VerificationResult,
} from '../verifier/index.ts';
import { createApiClient, describeProblem } from './api-client.ts';

export interface VerifyFileOptions {
  json?: boolean;
  /** A Proofline server to verify with, instead of verifying locally. */
  url?: string;
  profile?: VerificationProfile;
  /** false: fetch nothing (did:web and remote status lists are then unavailable). */
  fetch?: boolean;
  now?: Date;
}

export function verifyCommand(): Command {
  return new Command('verify')
    .description('verify a credential (JSON or vc+jwt; file or - for stdin) offline, or with a server (--url); exit 0 only when verified')
    .argument('<file>', 'the credential, or - for stdin')
    .option('--json', 'print the whole result as JSON')
    .option('--url <server>', 'verify with a Proofline server (POST /credentials/verify) instead of locally')
    .addOption(new Option('--profile <profile>', '"conformance" does not require the issuer to control the signing key').choices(['default', 'conformance']).default('default'))
    .option('--no-fetch', 'fetch nothing: did:web documents and remote status lists count as unavailable')
    .action(async (file: string, o: { json?: boolean; url?: string; profile: VerificationProfile; fetch: boolean }) => {
      process.exitCode = await verifyFile(file, o);
    });
}

/** Verifies the credential in `file` ('-' for stdin), prints the result to `out`, returns the exit code. */
export async function verifyFile(file: string, options: VerifyFileOptions = {}, out: NodeJS.WritableStream = process.stdout): Promise<number> {
  const text = readFileSync(file === '-' ? 0 : file, 'utf8').trim();
  const input = parse(text);
  let result: Omit<VerificationResult, 'credential'> & { credential?: JsonObject | null };
  if (options.url) {
    const res = await createApiClient(options.url, undefined).post('/credentials/verify', { verifiableCredential: input, options: { profile: options.profile ?? 'default' } });
    if (res.status !== 200 && res.status !== 422) {
      out.write(`${describeProblem(res.body)}\n`);
      return 1;
    }
    result = res.body as typeof result;
  } else {
    const guard = createGuardedFetch();
    result = await verifyCredential(input, {
      profile: options.profile ?? 'default',
      ...(options.now ? { now: options.now } : {}),
      ...(options.fetch === false ? {} : { resolveDid: createDidWebResolver(guard), fetchStatusList: createRemoteStatusListFetcher(guard) }),
    });
  }
  out.write(options.json ? `${JSON.stringify(result, null, 2)}\n` : describeResult(result, result.credential ?? (isJsonObject(input) ? input : null)));
  return result.verified ? 0 : 1;
}

function parse(text: string): object | string {
  if (!text.startsWith('{')) return text;
  try {
    const parsed: unknown = JSON.parse(text);
    return isJsonObject(parsed) ? parsed : text;
  } catch {
    return text; // the verifier names it: PARSING_ERROR
  }
}

type PrintableResult = Pick<VerificationResult, 'verified' | 'checks' | 'warnings' | 'problemDetails' | 'format' | 'credentialId' | 'issuer' | 'trusted' | 'status' | 'skills'>;

/** The human-readable summary: issuer, trust, validity, status, skills, then each check with what failed. */
export function describeResult(result: PrintableResult, credential: JsonObject | null): string {
  const lines: string[] = [result.verified ? 'VERIFIED' : 'NOT VERIFIED', ''];
  const row = (label: string, value: string) => lines.push(`  ${label.padEnd(11)} ${value}`);
  row('format', result.format ?? 'unknown');
  if (result.credentialId) row('credential', result.credentialId);
  row('issuer', result.issuer ?? 'unknown');
  const trustWarning = result.warnings.some((w) => w.check === 'trust');
  row('trusted', result.trusted ? 'yes' : trustWarning ? 'not checked (no trusted-issuer registry)' : 'no');
  row('validity', describeValidity(credential));
  row('status', credential && credential.credentialStatus === undefined ? 'no status entry' : describeStatus(result));
  if (result.skills.length === 0) row('skills', 'none');
  result.skills.forEach((skill, i) => row(i === 0 ? 'skills' : '', `${skill.name}${skill.level ? ` (${skill.level})` : ''} <${skill.id}>`));
  lines.push('', '  checks');
  for (const check of result.checks) {
    const failed = result.problemDetails.filter((p) => p.check === check);
    lines.push(`    ${failed.length === 0 ? 'ok  ' : 'FAIL'} ${check}`);
    for (const p of failed) lines.push(`         ${describe(p)}`);
  }
  // Problems of checks that did not get to run (e.g. a credential that could not be parsed).
  for (const p of result.problemDetails.filter((p) => !result.checks.includes(p.check))) lines.push(`    FAIL ${p.check}`, `         ${describe(p)}`);
  if (result.warnings.length > 0) {
    lines.push('', '  warnings');
    for (const w of result.warnings) lines.push(`    ${describe(w)}`);
  }
  return `${lines.join('\n')}\n`;
}

function describe(problem: VerificationProblem): string {
  return `${problem.code}: ${problem.detail}`;
}

function describeValidity(credential: JsonObject | null): string {
  if (!credential) return 'unknown';
  const from = credential.validFrom ?? credential.issuanceDate;
  const until = credential.validUntil ?? credential.expirationDate;
  return `${typeof from === 'string' ? from : '(no start)'} .. ${typeof until === 'string' ? until : '(no end)'}`;
}

function describeStatus(result: PrintableResult): string {
  if (!result.checks.includes('status')) return 'not checked';
  const word = (value: boolean | null) => (value === null ? 'unknown' : value ? 'yes' : 'no');
  return `revoked: ${word(result.status.revoked)}, suspended: ${word(result.status.suspended)}`;
}
