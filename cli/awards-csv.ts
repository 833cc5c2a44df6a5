/**
 * Reads an awards CSV (examples/awards.csv) into award requests. A row without an idempotency key gets one derived
 * from its content, so re-running the same file never awards twice.
 */
import { parse } from 'csv-parse/sync';
import { canonicalJson } from '../core/canonical-json.ts';
import { sha256Hex } from '../crypto/digest.ts';

export interface CsvAward {
  line: number;
  idempotencyKey: string;
  award: Record<string, unknown>;
}

export interface CsvProblem {
  line: number;
  detail: string;
}

export function parseAwardsCsv(text: string): { rows: CsvAward[]; problems: CsvProblem[] } {
  const records = parse(text, { columns: true, skip_empty_lines: true, trim: true, bom: true }) as Record<string, string>[];
  const rows: CsvAward[] = [];
  const problems: CsvProblem[] = [];
  records.forEach((r, i) => {
    const line = i + 2;
    if (!r.achievement) return void problems.push({ line, detail: 'achievement is empty' });
    if (!r.recipient_did === !r.recipient_email) return void problems.push({ line, detail: 'give exactly one of recipient_did, recipient_email' });
    const score = r.score ? Number(r.score) : undefined;
    if (score !== undefined && !Number.isFinite(score)) return void problems.push({ line, detail: `score "${r.score}" is not a number` });
    const evidence: Record<string, unknown> = {};
    if (r.assessment_id) evidence.assessmentId = r.assessment_id;
    if (r.project_url) evidence.projectUrl = r.project_url;
    if (r.artifact_sha256) evidence.artifacts = [{ name: 'Artifact', sha256: r.artifact_sha256.toLowerCase() }];
    const award: Record<string, unknown> = {
      achievement: r.achievement,
      recipient: r.recipient_did ? { did: r.recipient_did } : { email: r.recipient_email },
      result: { ...(score !== undefined ? { score } : {}), ...(r.level ? { rubricLevel: r.level } : {}) },
      ...(Object.keys(evidence).length > 0 ? { evidence } : {}),
    };
    rows.push({ line, idempotencyKey: r.idempotency_key || `csv-${sha256Hex(canonicalJson(award)).slice(0, 40)}`, award });
  });
  return { rows, problems };
}
