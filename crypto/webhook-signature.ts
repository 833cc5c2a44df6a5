/**
 * Standard Webhooks signing (https://www.standardwebhooks.com/, "Signature scheme"): the secret is `whsec_` + base64 of
 * 32 random bytes, the HMAC key is those bytes; the signed content is `${webhook-id}.${webhook-timestamp}.${body}`
 * (timestamp in integer seconds) and the header is `v1,` + base64(HMAC-SHA256). The secret must be readable to sign,
 * so it is kept sealed under the KEK (AES-256-GCM, bound to its endpoint id) and opened per delivery.
 */
import { createHmac } from 'node:crypto';
import type { RandomBytes } from '../core/clock.ts';
import { decryptSecret, encryptSecret } from './key-encryption.ts';

export const WEBHOOK_SECRET_PREFIX = 'whsec_';

export function generateWebhookSecret(randomBytes: RandomBytes): string {
  return `${WEBHOOK_SECRET_PREFIX}${Buffer.from(randomBytes(32)).toString('base64')}`;
}

export function signWebhook(secret: string, id: string, timestamp: number, body: string): string {
  const key = Buffer.from(secret.startsWith(WEBHOOK_SECRET_PREFIX) ? secret.slice(WEBHOOK_SECRET_PREFIX.length) : secret, 'base64');
  return `v1,${createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64')}`;
}

/** The three Standard Webhooks headers (and the content type) for one attempt. */
export function webhookHeaders(secret: string, id: string, at: Date, body: string): Record<string, string> {
  const timestamp = Math.floor(at.getTime() / 1000);
  return {
    'content-type': 'application/json',
    'webhook-id': id,
    'webhook-timestamp': String(timestamp),
    'webhook-signature': signWebhook(secret, id, timestamp, body),
  };
}

const aad = (endpointId: string) => `proofline:webhook-secret:${endpointId}`;

/** The secret as stored: sealed under the KEK for this endpoint only. */
export function sealWebhookSecret(kek: Uint8Array, secret: string, endpointId: string): string {
  return encryptSecret(kek, new TextEncoder().encode(secret), aad(endpointId));
}

/** Throws ProoflineError('KEY_UNAVAILABLE') for a wrong KEK or an envelope moved from another endpoint. */
export function openWebhookSecret(kek: Uint8Array, sealed: string, endpointId: string): string {
  return new TextDecoder().decode(decryptSecret(kek, sealed, aad(endpointId)));
}
