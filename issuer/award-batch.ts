/**
 * POST /awards/batch and `proofline award --file`: many awards, each its own transaction and each idempotent, so a
 * batch cut short (crash, timeout) is simply sent again: finished rows come back as they were, nothing twice.
 */
import { isProoflineError } from '../core/errors.ts';
import type { IssuerRecord } from '../core/ports.ts';
import { awardAchievement, type AwardRequest } from './award-achievement.ts';
import type { IssuerDeps } from './issuer-deps.ts';
import type { OnIssued } from './issue-credential.ts';

export interface BatchRow {
  idempotencyKey: string;
  award: AwardRequest;
}

export type BatchRowResult =
  | { row: number; idempotencyKey: string; status: 'issued' | 'existing'; credentialId: string }
  | { row: number; idempotencyKey: string; status: 'failed'; code: string; detail: string };

export interface BatchReport {
  issued: number;
  existing: number;
  failed: number;
  results: BatchRowResult[];
}

export async function awardBatch(
  deps: IssuerDeps & { onIssued?: OnIssued },
  issuer: IssuerRecord,
  rows: BatchRow[],
  options: { concurrency?: number; onProgress?: (done: number, total: number) => void } = {},
): Promise<BatchReport> {
  const results: BatchRowResult[] = new Array(rows.length);
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < rows.length) {
      const index = next++;
      const row = rows[index]!;
      try {
        const { record, created } = await awardAchievement(deps, issuer, row.award, row.idempotencyKey);
        results[index] = { row: index, idempotencyKey: row.idempotencyKey, status: created ? 'issued' : 'existing', credentialId: record.id };
      } catch (error) {
        if (!isProoflineError(error) || error.code === 'INTERNAL') throw error;
        results[index] = { row: index, idempotencyKey: row.idempotencyKey, status: 'failed', code: error.code, detail: error.message };
      }
      options.onProgress?.(++done, rows.length);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 1) }, worker));
  return {
    issued: results.filter((r) => r.status === 'issued').length,
    existing: results.filter((r) => r.status === 'existing').length,
    failed: results.filter((r) => r.status === 'failed').length,
    results,
  };
}
