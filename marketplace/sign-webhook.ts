/**
 * Standard Webhooks signing (https://www.standardwebhooks.com/, spec "Signature scheme"): the secret is `whsec_` +
 * base64 of random bytes, the HMAC key is those bytes; the signed content is `${webhook-id}.${webhook-timestamp}.${body}`
 * (timestamp in integer seconds), and the header is `v1,` + base64(HMAC-SHA256). WebCrypto (a global, not an import:
 * crypto libraries live in crypto/) computes the HMAC.
 */
import type { RandomBytes } from '../core/clock.ts';

export const WEBHOOK_SECRET_PREFIX = 'whsec_';

export function generateWebhookSecret(randomBytes: RandomBytes): string {
  return `${WEBHOOK_SECRET_PREFIX}${Buffer.from(randomBytes(32)).toString('base64')}`;
}

export async function signWebhook(secret: string, id: string, timestamp: number, body: string): Promise<string> {
  const keyBytes = Buffer.from(secret.startsWith(WEBHOOK_SECRET_PREFIX) ? secret.slice(WEBHOOK_SECRET_PREFIX.length) : secret, 'base64');
  const key = await globalThis.crypto.subtle.importKey('raw', keyBytes, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const mac = await globalThis.crypto.subtle.sign('HMAC', key, new TextEncoder().encode(`${id}.${timestamp}.${body}`));
  return `v1,${Buffer.from(mac).toString('base64')}`;
}

/** The three Standard Webhooks headers for one attempt. */
export async function webhookHeaders(secret: string, id: string, at: Date, body: string): Promise<Record<string, string>> {
  const timestamp = Math.floor(at.getTime() / 1000);
  return {
    'content-type': 'application/json',
    'webhook-id': id,
    'webhook-timestamp': String(timestamp),
    'webhook-signature': await signWebhook(secret, id, timestamp, body),
  };
}
