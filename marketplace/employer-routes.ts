/**
 * Employer routes (decision 0012): sign-up (a new organisation and its owner), sign-in/out with short-lived sessions,
 * members, the organisation's API keys, organisation verification, and, per application, the blind employer view and
 * the shortlist that asks the candidate for consent. Every organisation route answers only for a caller acting for
 * that organisation (or the platform admin): anyone else gets 404 (marketplace/organisation-access.ts).
 */
import { Type } from '@sinclair/typebox';
import { MalformedRequestError, NotFoundError, UnauthenticatedError } from '../core/errors.ts';
import type { EmployerRole, OrganisationKind, OrganisationScope } from '../core/marketplace-ports.ts';
import { isJsonObject } from '../core/open-badges.ts';
import { createChallenge, DEFAULT_CHALLENGE_TTL_SECONDS } from '../verifier/index.ts';
import { defineRoute, reply, type RateLimit, type RouteSpec } from '../http/route.ts';
import { applicationOfOpening, employerShortlistView, shortlistApplication } from './consent.ts';
import { toEmployerAccount } from './employer-account.ts';
import { endEmployerSession } from './employer-session.ts';
import { employerSignIn } from './employer-sign-in.ts';
import { addEmployer, employerSignUp, removeEmployer } from './employer-sign-up.ts';
import type { MarketplaceDeps } from './marketplace-deps.ts';
import { createOrganisationApiKey, toApiKeyView } from './organisation-api-keys.ts';
import { actorOf, assertOrganisationAccess, openingForCaller } from './organisation-access.ts';
import { serialiseOrganisation } from './serialise-organisation.ts';
import { organisationUrl, verifyOrganisation } from './verify-organisation.ts';

const ANY_JSON = Type.Object({}, { additionalProperties: true });
const Email = Type.String({ format: 'email', maxLength: 254 });
const Password = Type.String({ minLength: 12, maxLength: 200 });
const Id = Type.Object({ id: Type.String({ maxLength: 200 }) });
const OrganisationKindSchema = Type.Union([Type.Literal('company'), Type.Literal('sme'), Type.Literal('public-body'), Type.Literal('nonprofit')]);
const ApiKeyScope = Type.Union([Type.Literal('jobs:write'), Type.Literal('applications:read'), Type.Literal('applications:write'), Type.Literal('match')]);
const Session = Type.Object({ tokenType: Type.Literal('Bearer'), accessToken: Type.String(), expiresIn: Type.Integer() });
const DEFAULT_SIGN_IN_LIMIT: RateLimit = { windowMs: 60_000, limit: 30 };

/** `authRateLimit`: per-client limit on sign-up and sign-in (default 30 a minute); false turns it off. */
export function employerRoutes(deps: MarketplaceDeps & { authRateLimit?: RateLimit | false }): RouteSpec[] {
  const rateLimit = deps.authRateLimit === false ? undefined : (deps.authRateLimit ?? DEFAULT_SIGN_IN_LIMIT);
  const limited = rateLimit ? { rateLimit } : {};
  return [
    defineRoute({
      method: 'post',
      path: '/employers/sign-up',
      operationId: 'employerSignUp',
      summary: 'Create an organisation with its first member (owner)',
      tags: ['employers'],
      ...limited,
      body: Type.Object(
        {
          email: Email,
          password: Password,
          organisation: Type.Object({ name: Type.String({ minLength: 1, maxLength: 200 }), kind: OrganisationKindSchema, slug: Type.Optional(Type.String({ pattern: '^[a-z0-9]+(-[a-z0-9]+)*$', maxLength: 60 })) }, { additionalProperties: false }),
        },
        { additionalProperties: false },
      ),
      bodyLimit: '16kb',
      responses: { 201: { description: 'The organisation and the owner account', schema: ANY_JSON }, 409: { description: 'Email or slug taken' } },
      handler: async ({ body }) => {
        const { organisation, employer } = await employerSignUp(deps, {
          email: body.email,
          password: body.password,
          organisation: { name: body.organisation.name, kind: body.organisation.kind as OrganisationKind, ...(body.organisation.slug ? { slug: body.organisation.slug } : {}) },
        });
        return reply(201, { organisation: serialiseOrganisation(deps.publicUrl, organisation, null), employer }, { headers: { Location: `/orgs/${organisation.id}` } });
      },
    }),
    defineRoute({
      method: 'post',
      path: '/employers/sign-in',
      operationId: 'employerSignIn',
      summary: 'Email and password → a short-lived session token (locked after repeated failures)',
      tags: ['employers'],
      ...limited,
      body: Type.Object({ email: Email, password: Type.String({ minLength: 1, maxLength: 200 }) }, { additionalProperties: false }),
      bodyLimit: '8kb',
      responses: { 200: { description: 'The session (shown once)', schema: Session }, 401: { description: 'Wrong email or password' }, 429: { description: 'Locked' } },
      // The token is a secret: no cache may keep the answer (RFC 6749 §5.1). A locked account's 429 carries Retry-After.
      handler: async ({ body }) => reply(200, await employerSignIn(deps, body), { headers: { 'Cache-Control': 'no-store' } }),
    }),
    defineRoute({
      method: 'post',
      path: '/employers/sign-out',
      operationId: 'employerSignOut',
      summary: 'End this employer session',
      tags: ['employers'],
      scope: 'jobs:write',
      responses: { 204: { description: 'Signed out' } },
      handler: async ({ principal, req }) => {
        if (principal?.organisation?.kind !== 'session') throw new UnauthenticatedError('Only an employer session can be signed out.');
        await endEmployerSession(deps, (req.get('authorization') ?? '').trim().slice('Bearer '.length));
        return reply(204, '');
      },
    }),
    defineRoute({
      method: 'get',
      path: '/orgs/:id/members',
      operationId: 'listEmployers',
      summary: 'The organisation\'s members',
      tags: ['employers'],
      scope: 'org:admin',
      params: Id,
      responses: { 200: { description: 'Members', schema: ANY_JSON }, 404: { description: 'Unknown' } },
      handler: async ({ params, principal }) => {
        assertOrganisationAccess(principal, params.id);
        return { members: (await deps.store.employers.listByOrganisation(params.id)).map(toEmployerAccount) };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/orgs/:id/members',
      operationId: 'addEmployer',
      summary: 'Add a member (owner or recruiter) with an initial password',
      tags: ['employers'],
      scope: 'org:admin',
      params: Id,
      body: Type.Object({ email: Email, password: Password, role: Type.Union([Type.Literal('owner'), Type.Literal('recruiter')]) }, { additionalProperties: false }),
      bodyLimit: '8kb',
      responses: { 201: { description: 'The member', schema: ANY_JSON }, 404: { description: 'Unknown' }, 409: { description: 'Email taken' } },
      handler: async ({ params, body, principal }) => {
        assertOrganisationAccess(principal, params.id);
        return reply(201, await addEmployer(deps, params.id, { email: body.email, password: body.password, role: body.role as EmployerRole }));
      },
    }),
    defineRoute({
      method: 'delete',
      path: '/orgs/:id/members/:memberId',
      operationId: 'removeEmployer',
      summary: 'Remove a member: their sessions end at once (the last owner cannot be removed)',
      tags: ['employers'],
      scope: 'org:admin',
      params: Type.Object({ id: Type.String({ maxLength: 200 }), memberId: Type.String({ maxLength: 200 }) }),
      responses: { 204: { description: 'Removed' }, 404: { description: 'Unknown' }, 409: { description: 'The last owner' } },
      handler: async ({ params, principal }) => {
        assertOrganisationAccess(principal, params.id);
        await removeEmployer(deps, params.id, params.memberId);
        return reply(204, '');
      },
    }),
    defineRoute({
      method: 'post',
      path: '/orgs/:id/api-keys',
      operationId: 'createOrganisationApiKey',
      summary: 'Create an API key for this organisation (the key is shown once)',
      tags: ['employers'],
      scope: 'org:admin',
      params: Id,
      body: Type.Object({ label: Type.String({ minLength: 1, maxLength: 200 }), scopes: Type.Array(ApiKeyScope, { minItems: 1, maxItems: 4 }) }, { additionalProperties: false }),
      bodyLimit: '8kb',
      responses: { 201: { description: '{key, apiKey}', schema: ANY_JSON }, 404: { description: 'Unknown' } },
      handler: async ({ params, body, principal }) => {
        assertOrganisationAccess(principal, params.id);
        if (!(await deps.store.organisations.getById(params.id))) throw new NotFoundError(`No organisation ${params.id}.`);
        const created = await createOrganisationApiKey(deps, params.id, { label: body.label, scopes: body.scopes as OrganisationScope[], createdBy: principal?.organisation?.employerId ?? null });
        return reply(201, created, { headers: { 'Cache-Control': 'no-store' } });
      },
    }),
    defineRoute({
      method: 'get',
      path: '/orgs/:id/api-keys',
      operationId: 'listOrganisationApiKeys',
      summary: 'The organisation\'s API keys (never the secrets)',
      tags: ['employers'],
      scope: 'org:admin',
      params: Id,
      responses: { 200: { description: 'API keys', schema: ANY_JSON }, 404: { description: 'Unknown' } },
      handler: async ({ params, principal }) => {
        assertOrganisationAccess(principal, params.id);
        return { apiKeys: (await deps.store.organisationApiKeys.listByOrganisation(params.id)).map(toApiKeyView) };
      },
    }),
    defineRoute({
      method: 'delete',
      path: '/orgs/:id/api-keys/:keyId',
      operationId: 'revokeOrganisationApiKey',
      summary: 'Revoke an API key (at once)',
      tags: ['employers'],
      scope: 'org:admin',
      params: Type.Object({ id: Type.String({ maxLength: 200 }), keyId: Type.String({ maxLength: 200 }) }),
      responses: { 204: { description: 'Revoked' }, 404: { description: 'Unknown' } },
      handler: async ({ params, principal }) => {
        assertOrganisationAccess(principal, params.id);
        if (!(await deps.store.organisationApiKeys.revoke(params.id, params.keyId, deps.clock()))) throw new NotFoundError(`No API key ${params.keyId}.`);
        return reply(204, '');
      },
    }),
    defineRoute({
      method: 'post',
      path: '/orgs/:id/verification/challenge',
      operationId: 'createOrganisationChallenge',
      summary: 'A single-use challenge to sign with a key of the organisation\'s did:web, for the organisation URL as domain',
      tags: ['employers'],
      scope: 'org:admin',
      params: Id,
      responses: { 200: { description: 'challenge and domain', schema: Type.Object({ challenge: Type.String(), domain: Type.String() }) }, 404: { description: 'Unknown' } },
      handler: async ({ params, principal }) => {
        assertOrganisationAccess(principal, params.id);
        if (!(await deps.store.organisations.getById(params.id))) throw new NotFoundError(`No organisation ${params.id}.`);
        const domain = organisationUrl(deps.publicUrl, params.id);
        const record = await createChallenge(deps.store.challenges, { clock: deps.clock, randomBytes: deps.randomBytes, ttlSeconds: deps.challengeTtlSeconds ?? DEFAULT_CHALLENGE_TTL_SECONDS, domain });
        return { challenge: record.challenge, domain };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/orgs/:id/verification',
      operationId: 'verifyOrganisation',
      summary: 'Verify the organisation: a did:web presentation over the challenge, or a credential about it from a trusted issuer',
      tags: ['employers'],
      scope: 'org:admin',
      params: Id,
      body: Type.Union([
        Type.Object({ method: Type.Literal('did:web'), did: Type.String({ pattern: '^did:web:[^#?\\s]+$', maxLength: 2000 }), challenge: Type.String({ minLength: 1, maxLength: 200 }), verifiablePresentation: Type.Unknown() }, { additionalProperties: false }),
        Type.Object({ method: Type.Literal('credential'), verifiableCredential: Type.Unknown() }, { additionalProperties: false }),
      ]),
      bodyLimit: '512kb',
      responses: { 200: { description: 'The verified organisation', schema: ANY_JSON }, 404: { description: 'Unknown' }, 422: { description: 'Not verified (problemDetails)', schema: ANY_JSON } },
      handler: async ({ params, body, principal }) => {
        assertOrganisationAccess(principal, params.id);
        const b = body as { method: 'did:web'; did: string; challenge: string; verifiablePresentation: unknown } | { method: 'credential'; verifiableCredential: unknown };
        const secured = b.method === 'did:web' ? b.verifiablePresentation : b.verifiableCredential;
        if (!isJsonObject(secured) && typeof secured !== 'string') throw new MalformedRequestError('The presentation or credential (an object or a JWT string) is required.');
        const result = await verifyOrganisation(deps, params.id, b.method === 'did:web' ? { method: 'did:web', did: b.did, challenge: b.challenge, presentation: secured } : { method: 'credential', credential: secured });
        if (!result.verified) return reply(422, { verified: false, problemDetails: result.problemDetails });
        const organisation = await deps.store.organisations.getById(params.id);
        return serialiseOrganisation(deps.publicUrl, organisation!, result.verification);
      },
    }),
    defineRoute({
      method: 'get',
      path: '/jobs/:id/applications/:applicationId',
      operationId: 'getApplication',
      summary: 'One application as the employer sees it: blind until the candidate consents to a reveal',
      tags: ['employers'],
      scope: 'applications:read',
      params: Type.Object({ id: Type.String({ maxLength: 200 }), applicationId: Type.String({ maxLength: 200 }) }),
      responses: { 200: { description: 'The application', schema: ANY_JSON }, 404: { description: 'Unknown' } },
      handler: async ({ params, principal }) => {
        const opening = await openingForCaller(deps, principal, params.id);
        const application = await applicationOfOpening(deps, opening.id, params.applicationId);
        const shortlist = await deps.store.reveals.get(application.id);
        return { applicationId: application.id, openingId: opening.id, submittedAt: application.submittedAt.toISOString(), flagged: application.flagged, flags: application.flags, ...employerShortlistView(shortlist) };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/jobs/:id/applications/:applicationId/shortlist',
      operationId: 'shortlistApplication',
      summary: 'Shortlist an application: asks the candidate to consent to revealing who they are',
      tags: ['employers'],
      scope: 'applications:write',
      params: Type.Object({ id: Type.String({ maxLength: 200 }), applicationId: Type.String({ maxLength: 200 }) }),
      responses: { 200: { description: 'The shortlist (consent pending until the candidate answers)', schema: ANY_JSON }, 404: { description: 'Unknown' } },
      handler: async ({ params, principal }) => {
        const opening = await openingForCaller(deps, principal, params.id);
        const shortlist = await shortlistApplication(deps, { organisationId: opening.organisationId, openingId: opening.id, applicationId: params.applicationId, by: actorOf(principal!) });
        return { applicationId: shortlist.applicationId, ...employerShortlistView(shortlist) };
      },
    }),
  ];
}
