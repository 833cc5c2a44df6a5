/**
 * enqueueWebhookEvent: one delivery per enabled endpoint of the organisation subscribed to the event, in the outbox
 * (webhook_deliveries); marketplace/deliver-webhooks.ts sends them. The body is fixed here, once, so every retry sends
 * (and signs) the same bytes. Payload shape per Standard Webhooks: {type, timestamp, data}.
 */
import type { Clock } from '../core/clock.ts';
import type { WebhookEvent } from '../core/marketplace-evidence-ports.ts';
import type { Store } from '../core/ports.ts';

export async function enqueueWebhookEvent(
  deps: { store: Store; clock: Clock; newId: () => string },
  organisationId: string,
  event: WebhookEvent,
  data: Record<string, unknown>,
): Promise<number> {
  const now = deps.clock();
  const endpoints = (await deps.store.webhooks.listEndpoints(organisationId)).filter((e) => e.enabled && e.events.includes(event));
  const body = JSON.stringify({ type: event, timestamp: now.toISOString(), data });
  await deps.store.webhooks.enqueue(
    endpoints.map((endpoint) => ({
      id: `msg_${deps.newId()}`,
      endpointId: endpoint.id,
      event,
      body,
      status: 'pending' as const,
      attempts: 0,
      nextAttemptAt: now,
      createdAt: now,
      updatedAt: now,
    })),
  );
  return endpoints.length;
}
