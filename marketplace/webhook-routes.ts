/**
 * Routes for stored evidence, re-checks and webhooks (docs/decisions/0011): an organisation's webhook endpoints (the
 * signing secret is generated here and returned once), their deliveries with every attempt, and the on-demand
 * re-check of an opening's applications. Only for a caller acting for that organisation (marketplace/
 * organisation-access.ts): webhooks need `org:admin`, a re-check `applications:write`; the platform admin may do both.
 */
import { Type } from '@sinclair/typebox';
import { NotFoundError, ValidationError } from '../core/errors.ts';
import { WEBHOOK_EVENTS, type WebhookEndpointRecord } from '../core/marketplace-evidence-ports.ts';
import type { Principal } from '../http/auth.ts';
import { defineRoute, reply, type RouteSpec } from '../http/route.ts';
import type { MarketplaceDeps } from './marketplace-deps.ts';
import { vetWebhookUrl, WebhookPostError } from './post-webhook.ts';
import { RECHECK_RATE_LIMIT } from './rate-limits.ts';
import { recheckOpening } from './recheck-applications.ts';
import { assertOrganisationAccess, openingForCaller } from './organisation-access.ts';
import { generateWebhookSecret, sealWebhookSecret } from '../crypto/webhook-signature.ts';

const ANY_JSON = Type.Object({}, { additionalProperties: true });
const Id = Type.String({ maxLength: 200 });

export interface WebhookRouteDeps extends MarketplaceDeps {
  /** FOR TESTS ONLY: accept http://127.0.0.1 endpoints (the delivery client must allow them too). Never on by default. */
  allowLoopbackWebhooks?: boolean;
}

export function webhookRoutes(deps: WebhookRouteDeps): RouteSpec[] {
  const organisationOf = async (principal: Principal | null, id: string) => {
    assertOrganisationAccess(principal, id);
    const organisation = await deps.store.organisations.getById(id);
    if (!organisation) throw new NotFoundError(`No organisation ${id}.`);
    return organisation;
  };
  const endpointOf = async (principal: Principal | null, organisationId: string, id: string) => {
    assertOrganisationAccess(principal, organisationId);
    const endpoint = await deps.store.webhooks.getEndpoint(id);
    if (!endpoint || endpoint.organisationId !== organisationId) throw new NotFoundError(`No webhook ${id} for organisation ${organisationId}.`);
    return endpoint;
  };
  return [
    defineRoute({
      method: 'post',
      path: '/orgs/:id/webhooks',
      operationId: 'createWebhookEndpoint',
      summary: 'Register a webhook endpoint; the signing secret (Standard Webhooks, whsec_…) is returned once',
      tags: ['marketplace'],
      scope: 'org:admin',
      params: Type.Object({ id: Id }),
      body: Type.Object(
        {
          url: Type.String({ minLength: 1, maxLength: 2000 }),
          events: Type.Array(Type.Union(WEBHOOK_EVENTS.map((e) => Type.Literal(e))), { minItems: 1, maxItems: WEBHOOK_EVENTS.length, uniqueItems: true }),
        },
        { additionalProperties: false },
      ),
      bodyLimit: '16kb',
      responses: { 201: { description: 'The endpoint, with its secret (shown once)', schema: ANY_JSON }, 404: { description: 'Unknown organisation' }, 422: { description: 'Not an https URL of a host' } },
      handler: async ({ params, body, principal }) => {
        const organisation = await organisationOf(principal, params.id);
        try {
          vetWebhookUrl(body.url, { allowLoopbackHttp: deps.allowLoopbackWebhooks === true });
        } catch (error) {
          if (error instanceof WebhookPostError) throw new ValidationError(error.message, [{ pointer: '/url', detail: error.message }]);
          throw error;
        }
        const id = deps.newId();
        const secret = generateWebhookSecret(deps.randomBytes);
        const endpoint: WebhookEndpointRecord = {
          id,
          organisationId: organisation.id,
          url: body.url,
          events: [...body.events],
          secret: sealWebhookSecret(deps.kek, secret, id),
          enabled: true,
          createdAt: deps.clock(),
        };
        await deps.store.webhooks.createEndpoint(endpoint);
        // The secret is shown once: no cache may keep the answer.
        return reply(201, { ...serialiseEndpoint(endpoint), secret }, { headers: { Location: `/orgs/${organisation.id}/webhooks/${endpoint.id}`, 'Cache-Control': 'no-store' } });
      },
    }),
    defineRoute({
      method: 'get',
      path: '/orgs/:id/webhooks',
      operationId: 'listWebhookEndpoints',
      summary: 'An organisation\'s webhook endpoints (without secrets)',
      tags: ['marketplace'],
      scope: 'org:admin',
      params: Type.Object({ id: Id }),
      responses: { 200: { description: 'Endpoints', schema: ANY_JSON }, 404: { description: 'Unknown organisation' } },
      handler: async ({ params, principal }) => {
        const organisation = await organisationOf(principal, params.id);
        return { endpoints: (await deps.store.webhooks.listEndpoints(organisation.id)).map(serialiseEndpoint) };
      },
    }),
    defineRoute({
      method: 'delete',
      path: '/orgs/:id/webhooks/:wid',
      operationId: 'deleteWebhookEndpoint',
      summary: 'Remove a webhook endpoint (and its pending deliveries)',
      tags: ['marketplace'],
      scope: 'org:admin',
      params: Type.Object({ id: Id, wid: Id }),
      responses: { 204: { description: 'Removed' }, 404: { description: 'Unknown' } },
      handler: async ({ params, principal }) => {
        assertOrganisationAccess(principal, params.id);
        if (!(await deps.store.webhooks.deleteEndpoint(params.id, params.wid))) throw new NotFoundError(`No webhook ${params.wid} for organisation ${params.id}.`);
        return reply(204, '');
      },
    }),
    defineRoute({
      method: 'get',
      path: '/orgs/:id/webhooks/:wid/deliveries',
      operationId: 'listWebhookDeliveries',
      summary: 'Deliveries to a webhook endpoint, newest first, each with its attempts (status code or error)',
      tags: ['marketplace'],
      scope: 'org:admin',
      params: Type.Object({ id: Id, wid: Id }),
      query: Type.Object({ limit: Type.Optional(Type.String({ pattern: '^([1-9][0-9]{0,1}|[1-4][0-9]{2}|500)$' })) }, { additionalProperties: false }),
      responses: { 200: { description: 'Deliveries', schema: ANY_JSON }, 404: { description: 'Unknown' } },
      handler: async ({ params, query, principal }) => {
        const endpoint = await endpointOf(principal, params.id, params.wid);
        const deliveries = await deps.store.webhooks.listDeliveries(endpoint.id, query.limit === undefined ? {} : { limit: Number(query.limit) });
        return {
          deliveries: deliveries.map(({ delivery, attempts }) => ({
            id: delivery.id,
            event: delivery.event,
            status: delivery.status,
            attempts: delivery.attempts,
            nextAttemptAt: delivery.status === 'pending' ? delivery.nextAttemptAt.toISOString() : null,
            createdAt: delivery.createdAt.toISOString(),
            payload: JSON.parse(delivery.body) as unknown,
            attemptLog: attempts.map((a) => ({ attempt: a.attempt, at: a.attemptedAt.toISOString(), statusCode: a.statusCode, error: a.error, durationMs: a.durationMs })),
          })),
        };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/jobs/:id/recheck',
      operationId: 'recheckApplications',
      summary: 'Verify every application\'s credentials again now (status lists of other issuers included) and flag those that no longer count',
      tags: ['marketplace'],
      scope: 'applications:write',
      params: Type.Object({ id: Id }),
      // Re-verifies the opening's every application: per client, a few a minute.
      rateLimit: RECHECK_RATE_LIMIT,
      responses: { 200: { description: 'What was re-checked and which applications were flagged or unflagged', schema: ANY_JSON }, 404: { description: 'Unknown' } },
      handler: async ({ params, principal }) => {
        const opening = await openingForCaller(deps, principal, params.id);
        return { openingId: opening.id, ...(await recheckOpening(deps, opening.id)) };
      },
    }),
  ];
}

function serialiseEndpoint(endpoint: WebhookEndpointRecord) {
  return { id: endpoint.id, organisationId: endpoint.organisationId, url: endpoint.url, events: endpoint.events, enabled: endpoint.enabled, createdAt: endpoint.createdAt.toISOString() };
}
