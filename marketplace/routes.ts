/**
 * The marketplace's HTTP routes: organisations (created by the platform admin or by employer sign-up) and openings
 * (scope `jobs:write`, for the caller's own organisation only: decision 0012), public
 * JobPostings with their presentation request (DCQL, Presentation Exchange), applications, blind ranked matches, and
 * the stateless POST /match for other job boards.
 */
import { Type } from '@sinclair/typebox';
import { MalformedRequestError, NotFoundError } from '../core/errors.ts';
import type { OrganisationKind, RemotePolicy, Requirement } from '../core/marketplace-ports.ts';
import { isJsonObject } from '../core/open-badges.ts';
import { createChallenge, DEFAULT_CHALLENGE_TTL_SECONDS } from '../verifier/index.ts';
import { defineRoute, reply, type RateLimit, type RouteSpec } from '../http/route.ts';
import { EXPENSIVE_RATE_LIMIT } from './rate-limits.ts';
import { applyToOpening } from './apply-to-opening.ts';
import { candidateRoutes } from './candidate-routes.ts';
import { challengeOf } from './challenge-of.ts';
import { createOpening } from './create-opening.ts';
import { createOrganisation } from './create-organisation.ts';
import { employerRoutes } from './employer-routes.ts';
import { evaluateApplications } from './evaluate-applications.ts';
import type { MarketplaceDeps } from './marketplace-deps.ts';
import { matchPresentation } from './match-presentation.ts';
import { employerShortlistView } from './consent.ts';
import { assertOrganisationAccess, openingForCaller } from './organisation-access.ts';
import { serialiseOrganisation } from './serialise-organisation.ts';
import { updateOpening, type OpeningChanges } from './update-opening.ts';
import { openingUrl, toJobPosting } from './to-job-posting.ts';

const ANY_JSON = Type.Object({}, { additionalProperties: true });
const LEVEL = Type.Union([Type.Literal('foundation'), Type.Literal('practitioner'), Type.Literal('expert')]);
const RequirementSchema = Type.Object(
  {
    skill: Type.String({ format: 'uri', maxLength: 2000 }),
    minLevel: LEVEL,
    required: Type.Boolean(),
    weight: Type.Number({ exclusiveMinimum: 0, maximum: 100 }),
    maxAgeMonths: Type.Optional(Type.Integer({ minimum: 1, maximum: 600 })),
  },
  { additionalProperties: false },
);
const Requirements = Type.Array(RequirementSchema, { minItems: 1, maxItems: 50 });
const Dids = Type.Array(Type.String({ pattern: '^did:[a-z0-9]+:[^#?\\s]+$', maxLength: 2000 }), { maxItems: 100 });
const PresentationInput = Type.Unknown({ description: 'A Data Integrity presentation (object) or a vp+jwt string' });
const DEFAULT_RATE_LIMIT: RateLimit = { windowMs: 60_000, limit: 300 };

export function marketplaceRoutes(deps: MarketplaceDeps & { rateLimit?: RateLimit | false; authRateLimit?: RateLimit | false }): RouteSpec[] {
  const rateLimit = deps.rateLimit === false ? undefined : (deps.rateLimit ?? DEFAULT_RATE_LIMIT);
  const expensiveRateLimit = deps.rateLimit === false ? undefined : EXPENSIVE_RATE_LIMIT;
  const postingOf = async (openingId: string) => {
    const opening = await deps.store.openings.get(openingId);
    const organisation = opening ? await deps.store.organisations.getById(opening.organisationId) : null;
    if (!opening || !organisation) throw new NotFoundError(`No opening ${openingId}.`);
    return toJobPosting(deps.publicUrl, opening, organisation, deps.skills, await deps.store.organisationVerifications.get(organisation.id));
  };
  const presentationOf = (value: unknown): object | string => {
    if (!isJsonObject(value) && typeof value !== 'string') {
      throw new MalformedRequestError('verifiablePresentation (an object or a vp+jwt string) is required.', { details: [{ pointer: '/verifiablePresentation', detail: 'is required' }] });
    }
    return value;
  };
  return [
    defineRoute({
      method: 'post',
      path: '/orgs',
      operationId: 'createOrganisation',
      summary: 'Create an organisation (platform admin; employers use POST /employers/sign-up)',
      tags: ['marketplace'],
      scope: 'admin',
      body: Type.Object(
        {
          name: Type.String({ minLength: 1, maxLength: 200 }),
          kind: Type.Union([Type.Literal('company'), Type.Literal('sme'), Type.Literal('public-body'), Type.Literal('nonprofit')]),
          slug: Type.Optional(Type.String({ pattern: '^[a-z0-9]+(-[a-z0-9]+)*$', maxLength: 60 })),
        },
        { additionalProperties: false },
      ),
      bodyLimit: '16kb',
      responses: { 201: { description: 'Created', schema: ANY_JSON }, 409: { description: 'Slug taken' } },
      handler: async ({ body }) => {
        const org = await createOrganisation(deps, { name: body.name, kind: body.kind as OrganisationKind, ...(body.slug ? { slug: body.slug } : {}) });
        return reply(201, serialiseOrganisation(deps.publicUrl, org, null), { headers: { Location: `/orgs/${org.id}` } });
      },
    }),
    defineRoute({
      method: 'get',
      path: '/orgs/:id',
      operationId: 'getOrganisation',
      summary: 'An organisation (schema.org Organization)',
      tags: ['marketplace'],
      params: Type.Object({ id: Type.String({ maxLength: 200 }) }),
      responses: { 200: { description: 'The organisation', schema: ANY_JSON }, 404: { description: 'Unknown' } },
      handler: async ({ params }) => {
        const org = await deps.store.organisations.getById(params.id);
        if (!org) throw new NotFoundError(`No organisation ${params.id}.`);
        return serialiseOrganisation(deps.publicUrl, org, await deps.store.organisationVerifications.get(org.id));
      },
    }),
    defineRoute({
      method: 'post',
      path: '/orgs/:id/jobs',
      operationId: 'createOpening',
      summary: 'Post an opening with skill requirements (for the caller\'s own organisation)',
      tags: ['marketplace'],
      scope: 'jobs:write',
      params: Type.Object({ id: Type.String({ maxLength: 200 }) }),
      body: Type.Object(
        {
          id: Type.Optional(Type.String({ pattern: '^[a-z0-9]+(-[a-z0-9]+)*$', maxLength: 100 })),
          title: Type.String({ minLength: 1, maxLength: 200 }),
          description: Type.String({ minLength: 1, maxLength: 20_000 }),
          location: Type.String({ minLength: 1, maxLength: 200 }),
          remote: Type.Union([Type.Literal('on-site'), Type.Literal('hybrid'), Type.Literal('remote')]),
          employmentType: Type.Optional(Type.String({ maxLength: 50 })),
          requirements: Requirements,
          acceptedIssuers: Type.Optional(Dids),
        },
        { additionalProperties: false },
      ),
      bodyLimit: '128kb',
      responses: { 201: { description: 'The JobPosting', schema: ANY_JSON }, 404: { description: 'Unknown organisation' }, 409: { description: 'Id taken' } },
      handler: async ({ params, body, principal }) => {
        assertOrganisationAccess(principal, params.id);
        const opening = await createOpening(deps, params.id, {
          ...body,
          remote: body.remote as RemotePolicy,
          requirements: body.requirements as Requirement[],
        });
        return reply(201, await postingOf(opening.id), { headers: { Location: `/jobs/${opening.id}` } });
      },
    }),
    defineRoute({
      method: 'patch',
      path: '/jobs/:id',
      operationId: 'updateOpening',
      summary: 'Edit an opening\'s description or close/reopen it (requirements are fixed once posted)',
      tags: ['marketplace'],
      scope: 'jobs:write',
      params: Type.Object({ id: Type.String({ maxLength: 200 }) }),
      body: Type.Object(
        {
          title: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
          description: Type.Optional(Type.String({ minLength: 1, maxLength: 20_000 })),
          location: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
          remote: Type.Optional(Type.Union([Type.Literal('on-site'), Type.Literal('hybrid'), Type.Literal('remote')])),
          employmentType: Type.Optional(Type.Union([Type.String({ maxLength: 50 }), Type.Null()])),
          status: Type.Optional(Type.Union([Type.Literal('open'), Type.Literal('closed')])),
        },
        { additionalProperties: false },
      ),
      bodyLimit: '64kb',
      responses: { 200: { description: 'The JobPosting', schema: ANY_JSON }, 404: { description: 'Unknown (or another organisation\'s)' } },
      handler: async ({ params, body, principal }) => {
        const opening = await openingForCaller(deps, principal, params.id);
        await updateOpening(deps, opening.id, body as OpeningChanges);
        return postingOf(opening.id);
      },
    }),
    defineRoute({
      method: 'get',
      path: '/jobs',
      operationId: 'listOpenings',
      summary: 'Open positions as schema.org JobPostings (JSON-LD)',
      tags: ['marketplace'],
      responses: { 200: { description: 'JobPostings', schema: ANY_JSON } },
      handler: async () => {
        const openings = await deps.store.openings.listOpen();
        const postings = [];
        for (const opening of openings) postings.push(await postingOf(opening.id));
        return { '@context': 'https://schema.org/', '@type': 'ItemList', itemListElement: postings };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/jobs/:id',
      operationId: 'getOpening',
      summary: 'One opening as a schema.org JobPosting, with its DCQL query and Presentation Exchange definition',
      tags: ['marketplace'],
      params: Type.Object({ id: Type.String({ maxLength: 200 }) }),
      responses: { 200: { description: 'The JobPosting', schema: ANY_JSON }, 404: { description: 'Unknown' } },
      handler: async ({ params }) => postingOf(params.id),
    }),
    defineRoute({
      method: 'post',
      path: '/jobs/:id/challenge',
      operationId: 'createApplicationChallenge',
      summary: 'A single-use challenge for an application; the presentation must be signed for the returned domain',
      tags: ['marketplace'],
      params: Type.Object({ id: Type.String({ maxLength: 200 }) }),
      ...(rateLimit ? { rateLimit } : {}),
      responses: { 200: { description: 'challenge and domain', schema: Type.Object({ challenge: Type.String(), domain: Type.String() }) }, 404: { description: 'Unknown' } },
      handler: async ({ params }) => {
        const opening = await deps.store.openings.get(params.id);
        if (!opening || opening.status !== 'open') throw new NotFoundError(`No open opening ${params.id}.`);
        const domain = openingUrl(deps.publicUrl, opening.id);
        const record = await createChallenge(deps.store.challenges, {
          clock: deps.clock,
          randomBytes: deps.randomBytes,
          ttlSeconds: deps.challengeTtlSeconds ?? DEFAULT_CHALLENGE_TTL_SECONDS,
          domain,
        });
        return { challenge: record.challenge, domain };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/jobs/:id/applications',
      operationId: 'applyToOpening',
      summary: 'Apply with a presentation signed over a challenge from POST /jobs/{id}/challenge',
      tags: ['marketplace'],
      params: Type.Object({ id: Type.String({ maxLength: 200 }) }),
      body: Type.Object(
        { verifiablePresentation: PresentationInput, options: Type.Optional(Type.Object({ challenge: Type.Optional(Type.String({ maxLength: 200 })) }, { additionalProperties: false })) },
        { additionalProperties: false },
      ),
      bodyLimit: '2mb',
      ...(rateLimit ? { rateLimit } : {}),
      responses: {
        201: { description: 'Applied: the application id and the candidate\'s own explained match', schema: ANY_JSON },
        404: { description: 'Unknown or closed opening' },
        422: { description: 'The presentation did not verify (problemDetails)', schema: ANY_JSON },
      },
      handler: async ({ params, body }) => {
        const presentation = presentationOf(body.verifiablePresentation);
        // The challenge is read from the proof when not given: consuming it checks it is ours, unused and for this opening.
        const challenge = body.options?.challenge ?? challengeOf(presentation);
        if (!challenge) throw new MalformedRequestError('The presentation carries no challenge: get one from POST /jobs/{id}/challenge.');
        const result = await applyToOpening(deps, params.id, { presentation, challenge });
        if (!result.accepted) return reply(422, { verified: false, problemDetails: result.problemDetails });
        return reply(201, { applicationId: result.applicationId, match: result.match, rejected: result.rejected });
      },
    }),
    defineRoute({
      method: 'get',
      path: '/jobs/:id/matches',
      operationId: 'rankApplications',
      summary: 'Applications ranked by their stored verified evidence; blind (pseudonymous ids only)',
      tags: ['marketplace'],
      scope: 'applications:read',
      params: Type.Object({ id: Type.String({ maxLength: 200 }) }),
      query: Type.Object({ offset: Type.Optional(Type.String({ pattern: '^[0-9]{1,7}$' })), limit: Type.Optional(Type.String({ pattern: '^([1-9][0-9]{0,1}|[1-4][0-9]{2}|500)$' })) }, { additionalProperties: false }),
      ...(expensiveRateLimit ? { rateLimit: expensiveRateLimit } : {}),
      responses: { 200: { description: 'Ranked, explained matches (a page: offset, limit ≤ 500, default 100; total)', schema: ANY_JSON }, 404: { description: 'Unknown' } },
      handler: async ({ params, query, principal }) => {
        const opening = await openingForCaller(deps, principal, params.id);
        const evaluated = await evaluateApplications(deps, opening.id, { ...(query.offset ? { offset: Number(query.offset) } : {}), ...(query.limit ? { limit: Number(query.limit) } : {}) });
        // Shortlist state per application; the candidate's identity only where they consented (decision 0012).
        const shortlists = new Map((await deps.store.reveals.listByOpening(opening.id)).map((s) => [s.applicationId, s]));
        return { ...evaluated, matches: evaluated.matches.map((m) => ({ ...m, ...employerShortlistView(shortlists.get(m.applicationId) ?? null) })) };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/match',
      operationId: 'matchPresentation',
      summary: 'Stateless matching for job boards: requirements + a presentation → explained result; nothing is stored',
      tags: ['marketplace'],
      scope: 'match',
      body: Type.Object(
        {
          requirements: Requirements,
          acceptedIssuers: Type.Optional(Dids),
          verifiablePresentation: PresentationInput,
          options: Type.Object({ challenge: Type.String({ minLength: 1, maxLength: 200 }), domain: Type.Optional(Type.String({ minLength: 1, maxLength: 2000 })) }, { additionalProperties: false }),
        },
        { additionalProperties: false },
      ),
      bodyLimit: '2mb',
      responses: {
        200: { description: 'The explained match', schema: ANY_JSON },
        422: { description: 'The presentation did not verify (problemDetails)', schema: ANY_JSON },
      },
      handler: async ({ body }) => {
        const result = await matchPresentation(deps, {
          requirements: body.requirements as Requirement[],
          presentation: presentationOf(body.verifiablePresentation),
          challenge: body.options.challenge,
          ...(body.options.domain !== undefined ? { domain: body.options.domain } : {}),
          ...(body.acceptedIssuers ? { acceptedIssuers: body.acceptedIssuers } : {}),
        });
        return reply(result.verified ? 200 : 422, result);
      },
    }),
    ...employerRoutes(deps),
    ...candidateRoutes(deps, { ...(expensiveRateLimit ? { rateLimit: expensiveRateLimit } : {}) }),
  ];
}
