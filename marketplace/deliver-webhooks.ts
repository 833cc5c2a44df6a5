/**
 * deliverDueWebhooks: one pass of the webhook worker over the outbox (webhook_deliveries). Each due delivery is
 * claimed (a lease, so several processes never send the same one twice at once), POSTed through the guarded client
 * with Standard Webhooks headers, and its attempt recorded (status code or error, duration). A 2xx delivers it;
 * anything else is retried with exponential back-off and jitter (base × 2^(attempt-1), the upper half randomised,
 * capped) until `maxAttempts`, after which it is failed. The outbox is in the database, so a restart loses nothing:
 * the next worker picks up what is pending (a claim whose worker died is due again when its lease ends). A worker
 * slower than its lease records its attempt but not its outcome (recordAttempt is conditional on the claim), so it
 * cannot put a delivery another worker made back to pending (counted as `stale`).
 *
 * createWebhookWorker runs passes on an interval (server.ts starts it with the HTTP server).
 */
import { createIntervalWorker, type IntervalWorker } from '../core/interval-worker.ts';
import type { Clock } from '../core/clock.ts';
import type { Store } from '../core/ports.ts';
import type { PostWebhook } from './post-webhook.ts';
import { openWebhookSecret, webhookHeaders } from '../crypto/webhook-signature.ts';

export interface WebhookDeliveryDeps {
  store: Store;
  clock: Clock;
  /** Key-encryption key: endpoint secrets are stored sealed (crypto/webhook-signature.ts). */
  kek: Uint8Array;
  postWebhook: PostWebhook;
  /** In [0, 1): the jitter. */
  random?: () => number;
  maxAttempts?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** How long a claimed delivery is held before another worker may take it. */
  leaseMs?: number;
  batchSize?: number;
}

export const DEFAULT_WEBHOOK_MAX_ATTEMPTS = 8;

/** The wait before attempt `attempts + 1`: exponential, upper half jittered, capped. */
export function retryDelayMs(attempts: number, { baseDelayMs, maxDelayMs, random }: { baseDelayMs: number; maxDelayMs: number; random: () => number }): number {
  const full = Math.min(maxDelayMs, baseDelayMs * 2 ** Math.max(0, attempts - 1));
  return Math.round(full / 2 + random() * (full / 2));
}

export async function deliverDueWebhooks(deps: WebhookDeliveryDeps): Promise<{ delivered: number; retried: number; failed: number; stale: number }> {
  const { store, clock, kek, postWebhook, random = Math.random, maxAttempts = DEFAULT_WEBHOOK_MAX_ATTEMPTS, baseDelayMs = 30_000, maxDelayMs = 6 * 3_600_000, leaseMs = 60_000, batchSize = 20 } = deps;
  const started = clock();
  const leaseUntil = new Date(started.getTime() + leaseMs);
  const claimed = await store.webhooks.claimDue(started, leaseUntil, batchSize);
  const counts = { delivered: 0, retried: 0, failed: 0, stale: 0 };
  await Promise.all(
    claimed.map(async ({ delivery, endpoint }) => {
      const attemptedAt = clock();
      const attempt = delivery.attempts + 1;
      let statusCode: number | null = null;
      let error: string | null = null;
      try {
        const headers = webhookHeaders(openWebhookSecret(kek, endpoint.secret, endpoint.id), delivery.id, attemptedAt, delivery.body);
        statusCode = (await postWebhook(endpoint.url, { headers, body: delivery.body })).status;
        if (statusCode < 200 || statusCode >= 300) error = `HTTP ${statusCode}`;
      } catch (cause) {
        const e = cause as { code?: string; message?: string };
        error = `${e.code ?? 'NETWORK_ERROR'}: ${e.message ?? String(cause)}`.slice(0, 500);
      }
      const finished = clock();
      const ok = error === null;
      const failed = !ok && attempt >= maxAttempts;
      const held = await store.webhooks.recordAttempt(
        { deliveryId: delivery.id, attempt, attemptedAt, statusCode, error, durationMs: Math.max(0, finished.getTime() - attemptedAt.getTime()) },
        {
          status: ok ? 'delivered' : failed ? 'failed' : 'pending',
          attempts: attempt,
          nextAttemptAt: ok || failed ? finished : new Date(finished.getTime() + retryDelayMs(attempt, { baseDelayMs, maxDelayMs, random })),
          updatedAt: finished,
        },
        { leaseUntil },
      );
      // Our lease ran out and another worker took the delivery: its outcome is the one that counts.
      if (!held) counts.stale++;
      else if (ok) counts.delivered++;
      else if (failed) counts.failed++;
      else counts.retried++;
    }),
  );
  return counts;
}

export type WebhookWorker = IntervalWorker<void>;

export function createWebhookWorker(deps: WebhookDeliveryDeps & { intervalMs?: number; onError?: (error: unknown) => void }): WebhookWorker {
  const { intervalMs = 5_000, onError = () => undefined } = deps;
  return createIntervalWorker(() => deliverDueWebhooks(deps).then(() => undefined), { intervalMs, onError, fallback: () => undefined });
}
