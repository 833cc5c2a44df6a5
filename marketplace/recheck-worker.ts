/**
 * createRecheckWorker: the periodic re-check of stored evidence (docs/decisions/0011). Evidence whose `checkedAt` is
 * older than `maxAgeMs` (default 10 minutes) is verified again through recheckApplications — credentials of other
 * issuers too, whose status lists only the guarded client can fetch — in batches of `batchSize` (default 50), at most
 * `maxBatchesPerPass` (20) batches a pass, every `intervalMs` (60 s), the oldest checks first (evidence a failed
 * after-status-change re-check marked stale, at the epoch, comes first once the cursor starts again from the oldest).
 *
 * Several processes: there is no claim (a claim would have to move `checkedAt`, which match receipts sign, or need a
 * column we do not have). Two workers may re-check the same credential at the same time; that is harmless: the
 * verification is the same, the evidence row is replaced by key (application, position), and the only visible
 * duplicate is a second application.flagged / application.unflagged webhook event when flags change at that moment
 * (each has its own webhook-id; receivers dedupe on the application and flags). One process runs one pass at a time.
 */
import { createIntervalWorker, type IntervalWorker } from '../core/interval-worker.ts';
import type { CredentialRef, StaleRef } from '../core/marketplace-evidence-ports.ts';
import { recheckApplications, type RecheckSummary } from './recheck-applications.ts';
import type { MarketplaceDeps } from './marketplace-deps.ts';

export const DEFAULT_RECHECK_MAX_AGE_MS = 10 * 60_000;

export interface RecheckWorkerOptions {
  intervalMs?: number;
  maxAgeMs?: number;
  batchSize?: number;
  maxBatchesPerPass?: number;
  onError?: (error: unknown) => void;
}

export type RecheckWorker = IntervalWorker<RecheckSummary>;

type Deps = Pick<MarketplaceDeps, 'store' | 'clock' | 'newId' | 'verification' | 'publicUrl'>;

/** Where the previous pass stopped (keyset order of listStale); null: from the oldest. */
export interface RecheckCursor {
  after: StaleRef | null;
}

/**
 * One pass: stale evidence re-checked, batch by batch, application by application (one failure stops nothing else).
 * The pass goes on from `cursor` and leaves it where it stopped, so evidence that cannot be re-checked (it stays
 * stale) never holds the rest back: the next pass continues behind it, and starts from the oldest again at the end.
 */
export async function recheckStaleEvidence(deps: Deps, options: RecheckWorkerOptions = {}, cursor: RecheckCursor = { after: null }): Promise<RecheckSummary> {
  const { maxAgeMs = DEFAULT_RECHECK_MAX_AGE_MS, batchSize = 50, maxBatchesPerPass = 20, onError = () => undefined } = options;
  const total: RecheckSummary = { applications: 0, credentials: 0, flagged: [], unflagged: [] };
  const olderThan = new Date(deps.clock().getTime() - maxAgeMs);
  for (let batch = 0; batch < maxBatchesPerPass; batch++) {
    const refs = await deps.store.evidence.listStale(olderThan, batchSize, cursor.after);
    if (refs.length === 0) {
      cursor.after = null;
      break;
    }
    cursor.after = refs.at(-1)!;
    const byApplication = new Map<string, CredentialRef[]>();
    for (const { applicationId, position } of refs) byApplication.set(applicationId, [...(byApplication.get(applicationId) ?? []), { applicationId, position }]);
    for (const targets of byApplication.values()) {
      try {
        const part = await recheckApplications(deps, targets);
        total.applications += part.applications;
        total.credentials += part.credentials;
        total.flagged.push(...part.flagged);
        total.unflagged.push(...part.unflagged);
      } catch (error) {
        // Left stale: tried again when the cursor comes round.
        onError(error);
      }
    }
  }
  return total;
}

export function createRecheckWorker(options: Deps & RecheckWorkerOptions): RecheckWorker {
  const { intervalMs = 60_000, onError = () => undefined } = options;
  const deps = options;
  const cursor: RecheckCursor = { after: null };
  return createIntervalWorker(() => recheckStaleEvidence(deps, options, cursor), {
    intervalMs,
    onError,
    fallback: () => ({ applications: 0, credentials: 0, flagged: [], unflagged: [] }),
  });
}
