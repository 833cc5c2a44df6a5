import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { WebhookDeliveryRecord, WebhookEndpointRecord, WebhookRepository } from '../core/marketplace-evidence-ports.ts';
import { queryRows, type Db } from './db.ts';
import { webhookAttempts, webhookDeliveries, webhookEndpoints } from './schema-marketplace-evidence.ts';

export function createWebhookRepository(db: Db): WebhookRepository {
  return {
    async createEndpoint(endpoint) {
      await db.insert(webhookEndpoints).values(endpoint);
    },
    listEndpoints: (organisationId) =>
      db.select().from(webhookEndpoints).where(eq(webhookEndpoints.organisationId, organisationId)).orderBy(asc(webhookEndpoints.createdAt), asc(webhookEndpoints.id)),
    async getEndpoint(id) {
      const rows = await db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, id));
      return rows[0] ?? null;
    },
    async deleteEndpoint(organisationId, id) {
      const deleted = await db
        .delete(webhookEndpoints)
        .where(and(eq(webhookEndpoints.organisationId, organisationId), eq(webhookEndpoints.id, id)))
        .returning({ id: webhookEndpoints.id });
      return deleted.length > 0;
    },
    async enqueue(deliveries) {
      if (deliveries.length > 0) await db.insert(webhookDeliveries).values([...deliveries]);
    },
    async claimDue(now, leaseUntil, limit) {
      // One statement: SKIP LOCKED lets concurrent workers (several server processes) each take different rows, and
      // moving next_attempt_at to the lease end keeps a crashed worker's claim from blocking the delivery for ever.
      const claimed = await queryRows<{ id: string }>(
        db,
        sql`update ${webhookDeliveries} set next_attempt_at = ${leaseUntil.toISOString()}::timestamptz
            where id in (
              select id from ${webhookDeliveries}
              where status = 'pending' and next_attempt_at <= ${now.toISOString()}::timestamptz
              order by next_attempt_at, id
              limit ${limit}
              for update skip locked)
            returning id`,
      );
      if (claimed.length === 0) return [];
      const rows = await db
        .select({ delivery: webhookDeliveries, endpoint: webhookEndpoints })
        .from(webhookDeliveries)
        .innerJoin(webhookEndpoints, eq(webhookEndpoints.id, webhookDeliveries.endpointId))
        .where(inArray(webhookDeliveries.id, claimed.map((c) => c.id)))
        .orderBy(asc(webhookDeliveries.createdAt), asc(webhookDeliveries.id));
      return rows as { delivery: WebhookDeliveryRecord; endpoint: WebhookEndpointRecord }[];
    },
    async recordAttempt(attempt, next, { leaseUntil }) {
      return db.transaction(async (tx) => {
        // Only the claim's holder moves the delivery on: a stale worker must not undo a delivery made since.
        const held = await tx
          .update(webhookDeliveries)
          .set(next)
          .where(and(eq(webhookDeliveries.id, attempt.deliveryId), eq(webhookDeliveries.status, 'pending'), eq(webhookDeliveries.nextAttemptAt, leaseUntil)))
          .returning({ id: webhookDeliveries.id });
        // Every POST made is recorded, each under its own number (a stale worker's may otherwise collide).
        await tx.execute(
          sql`insert into ${webhookAttempts} (delivery_id, attempt, attempted_at, status_code, error, duration_ms)
              select ${attempt.deliveryId}, greatest(${attempt.attempt}::integer, coalesce(max(attempt), 0) + 1), ${attempt.attemptedAt.toISOString()}::timestamptz,
                     ${attempt.statusCode}::integer, ${attempt.error}::text, ${attempt.durationMs}::integer
              from ${webhookAttempts} where delivery_id = ${attempt.deliveryId}
              on conflict do nothing`,
        );
        return held.length > 0;
      });
    },
    async listDeliveries(endpointId, { limit = 100 } = {}) {
      const deliveries = await db
        .select()
        .from(webhookDeliveries)
        .where(eq(webhookDeliveries.endpointId, endpointId))
        .orderBy(desc(webhookDeliveries.createdAt), desc(webhookDeliveries.id))
        .limit(limit);
      if (deliveries.length === 0) return [];
      const attempts = await db
        .select()
        .from(webhookAttempts)
        .where(inArray(webhookAttempts.deliveryId, deliveries.map((d) => d.id)))
        .orderBy(asc(webhookAttempts.deliveryId), asc(webhookAttempts.attempt));
      return deliveries.map((delivery) => ({ delivery, attempts: attempts.filter((a) => a.deliveryId === delivery.id) }));
    },
  };
}
