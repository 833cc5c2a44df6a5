/**
 * `proofline audit <base-url>`: audits a Proofline transparency log (log/audit-log.ts) and keeps, per log, the
 * verifier key pinned on first use and the last checkpoint that passed, so the next run detects a rewrite or a fork.
 * Exit code 0 only when the audit found no fault; the saved state only moves forward after a clean audit.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import cliProgress from 'cli-progress';
import { Command } from 'commander';
import { auditLog, type AuditFetch, type AuditReport } from '../log/audit-log.ts';

export interface AuditState {
  baseUrl: string;
  verifierKey: string;
  /** The last checkpoint (signed note) that passed an audit. */
  checkpoint: string;
  auditedAt: string;
}

export interface RunAuditOptions {
  baseUrl: string;
  stateDir: string;
  /** A verifier key given on the command line: trusted instead of (and then pinned over) the saved one. */
  key?: string;
  progress?: boolean;
  fetch?: AuditFetch;
  out?: NodeJS.WritableStream;
  err?: NodeJS.WritableStream;
  now?: () => Date;
}

export function auditCommand(): Command {
  return new Command('audit')
    .description('audit a transparency log: download every entry, recompute the tree, check the signed checkpoint and that the log only grew since the last audit')
    .argument('<base-url>', 'the server, e.g. https://academy.example')
    .option('--state-dir <dir>', 'where the pinned key and the last audited checkpoint are kept', path.join('.proofline', 'audit'))
    .option('--key <verifier key>', 'the log key to trust (<name>+<hex id>+<base64 key>, as GET /log/key serves it)')
    .option('--no-progress', 'no progress bar')
    .action(async (baseUrl: string, o: { stateDir: string; key?: string; progress: boolean }) => {
      process.exitCode = await runAudit({
        baseUrl,
        stateDir: o.stateDir,
        ...(o.key ? { key: o.key } : {}),
        progress: o.progress && Boolean(process.stderr.isTTY),
      });
    });
}

/** Runs one audit, prints the report, saves the state when it passed; returns the exit code. */
export async function runAudit(options: RunAuditOptions): Promise<number> {
  const { baseUrl, stateDir, out = process.stdout, err = process.stderr, now = () => new Date() } = options;
  const file = stateFile(stateDir, baseUrl);
  const state = await readState(file);
  const verifierKey = options.key ?? state?.verifierKey;
  const bar = options.progress
    ? new cliProgress.SingleBar({ format: 'audit |{bar}| {value}/{total} entries {eta_formatted}', stream: err }, cliProgress.Presets.shades_classic)
    : null;
  let started = false;
  const report = await auditLog({
    baseUrl,
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(verifierKey ? { verifierKey } : {}),
    ...(state && (!options.key || options.key === state.verifierKey) ? { previousCheckpoint: state.checkpoint } : {}),
    onProgress: (done, total) => {
      if (!bar) return;
      if (!started) bar.start(total, done);
      started = true;
      bar.update(done);
    },
  });
  bar?.stop();
  out.write(formatReport(report, baseUrl));
  if (!report.ok || !report.verifierKey || !report.checkpoint) return 1;
  await writeState(file, { baseUrl, verifierKey: report.verifierKey, checkpoint: report.checkpoint, auditedAt: now().toISOString() });
  return 0;
}

export function formatReport(report: AuditReport, baseUrl: string): string {
  const lines = [`audit of ${baseUrl}${report.origin ? ` (log ${report.origin})` : ''}`];
  if (report.verifierKey) lines.push(`  key        ${report.verifierKey}${report.pinnedNow ? '  (pinned now: trusted on first use)' : ''}`);
  if (report.rootHash) lines.push(`  checkpoint size ${report.size}, root ${report.rootHash}`);
  if (report.previousSize !== undefined) lines.push(`  previous   size ${report.previousSize} (last audit)`);
  const counts = Object.entries(report.counts).map(([type, n]) => `${n} ${type}`).join(', ');
  if (counts) lines.push(`  entries    ${counts}`);
  if (report.ok) {
    lines.push('  result     OK: every entry verified, the root matches the signed checkpoint, the log only grew');
  } else {
    lines.push(`  result     FAILED: ${report.faults.length} fault(s)`);
    for (const f of report.faults) lines.push(`    ${f.code}${f.index !== undefined ? ` [entry ${f.index}]` : ''}: ${f.detail}`);
  }
  return `${lines.join('\n')}\n`;
}

/** One state file per log, named after its base URL. */
export function stateFile(stateDir: string, baseUrl: string): string {
  const name = baseUrl.replace(/^[a-z]+:\/\//i, '').replace(/\/+$/, '').replace(/[^A-Za-z0-9.-]+/g, '_');
  return path.join(stateDir, `${name}.json`);
}

async function readState(file: string): Promise<AuditState | null> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  const state = JSON.parse(text) as AuditState;
  if (typeof state.verifierKey !== 'string' || typeof state.checkpoint !== 'string') {
    throw new Error(`${file} is not an audit state file`);
  }
  return state;
}

async function writeState(file: string, state: AuditState): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  // Write then rename: a crash never leaves half a state file (which would lose the fork check).
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, `${JSON.stringify(state, null, 2)}\n`, { mode: 0o600 });
  await rename(temporary, file);
}
