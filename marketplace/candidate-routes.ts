/**
 * The candidate's side of the marketplace, under /wallet/ and authenticated with the holder's wallet access token
 * through `deps.authenticateHolder` (server.ts passes the wallet's; the marketplace does not import wallet-api/):
 * their applications with pending reveal requests, consent or decline, and recommended openings.
 */
import { Type } from '@sinclair/typebox';
import type { Request } from 'express';
import { defineRoute, type RateLimit, type RouteSpec } from '../http/route.ts';
import { decideReveal, employerShortlistView, listCandidateApplications } from './consent.ts';
import type { MarketplaceDeps } from './marketplace-deps.ts';
import { recommendOpenings } from './recommend-openings.ts';

const ANY_JSON = Type.Object({}, { additionalProperties: true });
const ApplicationId = Type.Object({ applicationId: Type.String({ maxLength: 200 }) });

export function candidateRoutes(deps: MarketplaceDeps, { rateLimit }: { rateLimit?: RateLimit } = {}): RouteSpec[] {
  const authenticateHolder = deps.authenticateHolder;
  if (!authenticateHolder) return [];
  // Authenticated before the input is validated (RouteSpec.authenticate): without a valid token, a 401 whatever the body.
  const authenticate = async (req: Request) => authenticateHolder(req.get('authorization'));
  const holderOf = (caller: unknown) => (caller as { holderId: string }).holderId;
  return [
    defineRoute({
      method: 'get',
      path: '/wallet/applications',
      operationId: 'listMyApplications',
      summary: 'My applications, with the reveal requests of employers who shortlisted me',
      tags: ['wallet', 'marketplace'],
      auth: 'holder',
      authenticate,
      responses: { 200: { description: 'Applications', schema: ANY_JSON }, 401: { description: 'No holder access token' } },
      handler: async ({ caller }) => ({ applications: await listCandidateApplications(deps, holderOf(caller)) }),
    }),
    defineRoute({
      method: 'post',
      path: '/wallet/applications/:applicationId/consent',
      operationId: 'consentToReveal',
      summary: 'Let the employer who shortlisted this application see my DID and the contact I give here',
      tags: ['wallet', 'marketplace'],
      auth: 'holder',
      authenticate,
      params: ApplicationId,
      body: Type.Object(
        {
          share: Type.Optional(
            Type.Object(
              { name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })), email: Type.Optional(Type.String({ format: 'email', maxLength: 254 })), phone: Type.Optional(Type.String({ pattern: '^\\+?[0-9 ()-]{3,40}$' })) },
              { additionalProperties: false },
            ),
          ),
        },
        { additionalProperties: false },
      ),
      optionalBody: true,
      bodyLimit: '8kb',
      responses: { 200: { description: 'What the employer now sees', schema: ANY_JSON }, 401: { description: 'No holder access token' }, 404: { description: 'Not yours, or not shortlisted' } },
      handler: async ({ caller, params, body }) => {
        const holderId = holderOf(caller);
        const decided = await decideReveal(deps, holderId, params.applicationId, { consent: 'given', ...(body?.share ? { share: body.share } : {}) });
        return { applicationId: decided.applicationId, ...employerShortlistView(decided) };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/wallet/applications/:applicationId/decline',
      operationId: 'declineReveal',
      summary: 'Decline the reveal request: the employer keeps seeing only verified skills and scores',
      tags: ['wallet', 'marketplace'],
      auth: 'holder',
      authenticate,
      params: ApplicationId,
      responses: { 200: { description: 'Declined', schema: ANY_JSON }, 401: { description: 'No holder access token' }, 404: { description: 'Not yours, or not shortlisted' } },
      handler: async ({ caller, params }) => {
        const decided = await decideReveal(deps, holderOf(caller), params.applicationId, { consent: 'declined' });
        return { applicationId: decided.applicationId, ...employerShortlistView(decided) };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/wallet/recommendations',
      operationId: 'recommendOpenings',
      summary: 'Open positions ranked for me from my wallet\'s verified credentials, explained',
      tags: ['wallet', 'marketplace'],
      auth: 'holder',
      authenticate,
      query: Type.Object({ limit: Type.Optional(Type.String({ pattern: '^([1-9]|[1-9][0-9]|100)$' })) }, { additionalProperties: false }),
      // Every call verifies every wallet credential.
      ...(rateLimit ? { rateLimit } : {}),
      responses: { 200: { description: 'Recommendations', schema: ANY_JSON }, 401: { description: 'No holder access token' } },
      handler: async ({ caller, query }) => recommendOpenings(deps, holderOf(caller), query.limit ? { limit: Number(query.limit) } : {}),
    }),
  ];
}
