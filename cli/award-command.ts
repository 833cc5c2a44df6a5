/** `proofline award --file awards.csv`: awards in chunks through POST /awards/batch, with a progress bar. */
import { readFileSync } from 'node:fs';
import cliProgress from 'cli-progress';
import { createApiClient, describeProblem } from './api-client.ts';
import { parseAwardsCsv } from './awards-csv.ts';

export interface AwardFileOptions {
  file: string;
  url: string;
  token: string | undefined;
  chunk: number;
  progress: boolean;
}

interface RowResult {
  status: 'issued' | 'existing' | 'failed';
  credentialId?: string;
  code?: string;
  detail?: string;
}

export async function awardFile(options: AwardFileOptions, out: NodeJS.WritableStream = process.stdout): Promise<number> {
  const { rows, problems } = parseAwardsCsv(readFileSync(options.file, 'utf8'));
  for (const p of problems) out.write(`line ${p.line}: ${p.detail}\n`);
  const api = createApiClient(options.url, options.token);
  const bar = options.progress ? new cliProgress.SingleBar({ format: 'awards |{bar}| {value}/{total} {eta_formatted}' }, cliProgress.Presets.shades_classic) : null;
  bar?.start(rows.length, 0);
  const counts = { issued: 0, existing: 0, failed: problems.length };
  const failures: string[] = [];
  for (let start = 0; start < rows.length; start += options.chunk) {
    const chunk = rows.slice(start, start + options.chunk);
    const res = await api.post('/awards/batch', { awards: chunk.map((r) => ({ idempotencyKey: r.idempotencyKey, award: r.award })) });
    if (res.status !== 200) {
      bar?.stop();
      // A rejected chunk (validation) names the row by JSON pointer (/awards/<n>/...).
      out.write(`batch rows ${chunk[0]!.line}-${chunk.at(-1)!.line} refused: ${describeProblem(res.body)}\n`);
      return 1;
    }
    const results = (res.body as { results: RowResult[] }).results;
    results.forEach((r, i) => {
      counts[r.status]++;
      if (r.status === 'failed') failures.push(`line ${chunk[i]!.line}: ${r.code}: ${r.detail}`);
    });
    bar?.update(Math.min(start + chunk.length, rows.length));
  }
  bar?.stop();
  for (const f of failures) out.write(`${f}\n`);
  out.write(`${counts.issued} issued, ${counts.existing} already issued, ${counts.failed} failed\n`);
  return counts.failed > 0 ? 1 : 0;
}
