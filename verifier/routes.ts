/**
 * The verifier's HTTP routes (VC-API / VCALM `verifyCredential`, `createChallenge`, `verifyPresentation`) and the
 * trusted-issuer registry.
 */
import { Type } from '@sinclair/typebox';
import type { Clock, RandomBytes } from '../core/clock.ts';
import { MalformedRequestError, NotFoundError } from '../core/errors.ts';
import { isJsonObject } from '../core/open-badges.ts';
import type { Store, TrustedIssuerRecord, TrustScope } from '../core/ports.ts';
import type { DocumentLoader } from '../contexts/document-loader.ts';
import { defineRoute, reply, type RateLimit, type RouteSpec } from '../http/route.ts';
import type { LoadSchema } from './check-schema.ts';
import type { FetchStatusList } from './check-status.ts';
import { createChallenge, DEFAULT_CHALLENGE_TTL_SECONDS } from './create-challenge.ts';
import type { ResolveDid } from './create-did-resolver.ts';
import type { LogInclusionReceipt } from './check-log-inclusion.ts';
import { verifyCredential, type TrustedIssuers, type VerificationProfile, type VerifyCredentialOptions } from './verify-credential.ts';
import { verifyPresentation } from './verify-presentation.ts';
import { trustRegistryChanged } from './trusted-issuers-from-store.ts';
import { defaultCanonize } from '../crypto/verify-data-integrity.ts';

export interface VerifierRouteDeps {
  clock: Clock;
  documentLoader: DocumentLoader;
  /** This server's own DIDs (did:web documents); did:key needs nothing. */
  resolveDid?: ResolveDid;
  /** This server's own status lists (see createLocalStatusListFetcher). */
  fetchStatusList?: FetchStatusList;
  trustedIssuers?: TrustedIssuers;
  loadSchema?: LoadSchema;
  /**
   * Challenges and the trust registry. Without it only POST /credentials/verify is mounted (challenges, presentations
   * and /trust/issuers need the database).
   */
  store?: Pick<Store, 'challenges' | 'trustedIssuers'>;
  /** Challenge randomness (default: the CSPRNG). */
  randomBytes?: RandomBytes;
  /** Challenge lifetime (default 300 s). */
  challengeTtlSeconds?: number;
  /** Per-client limit on each public verifier route (default 300 a minute); false turns it off (benchmarks). */
  rateLimit?: RateLimit | false;
  /** 'jsonld' verifies through the libraries only (PROOFLINE_FAST_CANONIZE=off); default: the fast path. */
  canonizeMode?: 'fast' | 'jsonld';
  /**
   * This server's transparency log, for `options.requireLogInclusion: true`: its C2SP verifier key and the receipt
   * it can produce for a credential digest (null for credentials it did not issue: LOG_INCLUSION_MISSING).
   */
  logInclusion?: { logKey: () => Promise<string>; receiptFor: (credentialDigest: string) => Promise<LogInclusionReceipt | null> };
}

export const DEFAULT_VERIFIER_RATE_LIMIT: RateLimit = { windowMs: 60_000, limit: 300 };

const ANY_JSON = Type.Object({}, { additionalProperties: true });
const KNOWN_OPTIONS = new Set(['checks', 'profile', 'requireLogInclusion']);
const KNOWN_PRESENTATION_OPTIONS = new Set(['challenge', 'domain', 'holderBinding', 'profile']);
const TOO_MANY = { description: 'Rate limited (problem+json RATE_LIMITED, Retry-After)' };

const TrustScopeSchema = Type.Object(
  {
    achievementTypes: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 200 }), { maxItems: 200 })),
    skillPrefixes: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 2000 }), { maxItems: 200 })),
  },
  { additionalProperties: false },
);
const TrustedIssuerSchema = Type.Object({
  did: Type.String(),
  name: Type.String(),
  scope: Type.Union([TrustScopeSchema, Type.Null()], { description: 'null: trusted for anything' }),
  addedAt: Type.String({ format: 'date-time' }),
});

/** What both verify routes answer (VC-API): 200 verified, 422 the same body when not, 400 for a malformed request. */
const VERIFY_RESPONSES = {
  200: { description: 'Verified', schema: ANY_JSON },
  400: { description: 'Malformed request' },
  422: { description: 'Not verified: the same body with verified false and named problemDetails', schema: ANY_JSON },
  429: TOO_MANY,
};

export function verifierRoutes(deps: VerifierRouteDeps): RouteSpec[] {
  const rateLimit = deps.rateLimit === false ? undefined : (deps.rateLimit ?? DEFAULT_VERIFIER_RATE_LIMIT);
  const credentialOptions = (profile: VerificationProfile): VerifyCredentialOptions => ({
    now: deps.clock(),
    documentLoader: deps.documentLoader,
    profile,
    ...(deps.resolveDid ? { resolveDid: deps.resolveDid } : {}),
    ...(deps.fetchStatusList ? { fetchStatusList: deps.fetchStatusList } : {}),
    ...(deps.trustedIssuers ? { trustedIssuers: deps.trustedIssuers } : {}),
    ...(deps.loadSchema ? { loadSchema: deps.loadSchema } : {}),
    ...(deps.canonizeMode === 'jsonld' ? { canonize: defaultCanonize('eddsa-rdfc-2022') } : {}),
  });
  return [
    defineRoute({
      method: 'post',
      path: '/credentials/verify',
      operationId: 'verifyCredential',
      summary: 'Verify a credential (Data Integrity or vc+jwt): proof, issuer, dates, status, schema, trust',
      tags: ['verifier'],
      // Checked in the handler, so that a malformed request is a 400 (VC-API), not a schema 422.
      body: Type.Object(
        {
          verifiableCredential: Type.Optional(Type.Unknown({ description: 'A secured credential: a JSON object (Data Integrity) or a vc+jwt string' })),
          options: Type.Optional(ANY_JSON),
        },
        { additionalProperties: true },
      ),
      bodyLimit: '1mb',
      ...(rateLimit ? { rateLimit } : {}),
      responses: VERIFY_RESPONSES,
      handler: async ({ body }) => {
        const { verifiableCredential, options = {}, ...rest } = body as { verifiableCredential?: unknown; options?: unknown };
        if (Object.keys(rest).length > 0) throw new MalformedRequestError(`Unknown request properties: ${Object.keys(rest).join(', ')}.`);
        if (!isJsonObject(verifiableCredential) && typeof verifiableCredential !== 'string') {
          throw new MalformedRequestError('verifiableCredential (an object or a vc+jwt string) is required.', {
            details: [{ pointer: '/verifiableCredential', detail: 'is required' }],
          });
        }
        if (!isJsonObject(options)) throw new MalformedRequestError('options must be an object.');
        const unknown = Object.keys(options).filter((k) => !KNOWN_OPTIONS.has(k));
        if (unknown.length > 0) {
          throw new MalformedRequestError(`Unknown options: ${unknown.join(', ')}.`, {
            details: unknown.map((k) => ({ pointer: `/options/${k}`, detail: 'is not a known option' })),
          });
        }
        const result = await verifyCredential(verifiableCredential, {
          ...credentialOptions(profileOf(options)),
          ...(await logInclusionOf(options, deps.logInclusion)),
        });
        const { credential: _credential, ...response } = result;
        return reply(result.verified ? 200 : 422, response);
      },
    }),
    ...(deps.store ? storeRoutes(deps, deps.store, rateLimit, credentialOptions) : []),
  ];
}

/** `options.requireLogInclusion: true`: the receipt must prove the issuance is in this server's log. */
async function logInclusionOf(
  options: Record<string, unknown>,
  log: VerifierRouteDeps['logInclusion'],
): Promise<Pick<VerifyCredentialOptions, 'requireLogInclusion'>> {
  const required = options.requireLogInclusion ?? false;
  if (typeof required !== 'boolean') throw new MalformedRequestError('options.requireLogInclusion must be a boolean.');
  if (!required) return {};
  if (!log) throw new MalformedRequestError('options.requireLogInclusion: this verifier has no transparency log.');
  const receiptFor = (_credential: unknown, digest: string) => log.receiptFor(digest);
  return { requireLogInclusion: { logKey: await log.logKey(), receiptFor } };
}

function profileOf(options: Record<string, unknown>): VerificationProfile {
  const profile = options.profile ?? 'default';
  if (profile !== 'default' && profile !== 'conformance') {
    throw new MalformedRequestError('options.profile must be "default" or "conformance".');
  }
  return profile;
}

function storeRoutes(
  deps: VerifierRouteDeps,
  store: NonNullable<VerifierRouteDeps['store']>,
  rateLimit: RateLimit | undefined,
  credentialOptions: (profile: VerificationProfile) => VerifyCredentialOptions,
): RouteSpec[] {
  const randomBytes = deps.randomBytes ?? ((length: number) => globalThis.crypto.getRandomValues(new Uint8Array(length)));
  return [
    defineRoute({
      method: 'post',
      path: '/challenges',
      operationId: 'createChallenge',
      summary: 'A single-use 128-bit challenge for a presentation (expires after 5 minutes)',
      tags: ['verifier'],
      body: Type.Object(
        { domain: Type.Optional(Type.String({ minLength: 1, maxLength: 253, description: 'The domain the presentation must be signed for' })) },
        { additionalProperties: false },
      ),
      optionalBody: true,
      bodyLimit: '4kb',
      ...(rateLimit ? { rateLimit } : {}),
      responses: { 200: { description: 'The challenge', schema: Type.Object({ challenge: Type.String() }) }, 429: TOO_MANY },
      handler: async ({ body }) => {
        const record = await createChallenge(store.challenges, {
          clock: deps.clock,
          randomBytes,
          ttlSeconds: deps.challengeTtlSeconds ?? DEFAULT_CHALLENGE_TTL_SECONDS,
          domain: body?.domain ?? null,
        });
        return { challenge: record.challenge };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/presentations/verify',
      operationId: 'verifyPresentation',
      summary: 'Verify a presentation: proof (authentication), challenge (single use) and domain, holder binding, every credential',
      tags: ['verifier'],
      body: Type.Object(
        {
          verifiablePresentation: Type.Optional(Type.Unknown({ description: 'A Data Integrity presentation (object) or a vp+jwt string' })),
          options: Type.Optional(ANY_JSON),
        },
        { additionalProperties: true },
      ),
      bodyLimit: '2mb',
      ...(rateLimit ? { rateLimit } : {}),
      responses: VERIFY_RESPONSES,
      handler: async ({ body }) => {
        const { verifiablePresentation, options, ...rest } = body as { verifiablePresentation?: unknown; options?: unknown };
        if (Object.keys(rest).length > 0) throw new MalformedRequestError(`Unknown request properties: ${Object.keys(rest).join(', ')}.`);
        if (!isJsonObject(verifiablePresentation) && typeof verifiablePresentation !== 'string') {
          throw new MalformedRequestError('verifiablePresentation (an object or a vp+jwt string) is required.', {
            details: [{ pointer: '/verifiablePresentation', detail: 'is required' }],
          });
        }
        if (!isJsonObject(options)) throw new MalformedRequestError('options with a challenge (from POST /challenges) are required.');
        const unknown = Object.keys(options).filter((k) => !KNOWN_PRESENTATION_OPTIONS.has(k));
        if (unknown.length > 0) {
          throw new MalformedRequestError(`Unknown options: ${unknown.join(', ')}.`, {
            details: unknown.map((k) => ({ pointer: `/options/${k}`, detail: 'is not a known option' })),
          });
        }
        const { challenge, domain, holderBinding = true } = options;
        // Without a challenge a presentation could be replayed: the route always asks for one.
        if (typeof challenge !== 'string' || challenge.length === 0) {
          throw new MalformedRequestError('options.challenge (from POST /challenges) is required.', { details: [{ pointer: '/options/challenge', detail: 'is required' }] });
        }
        if (domain !== undefined && typeof domain !== 'string') throw new MalformedRequestError('options.domain must be a string.');
        if (typeof holderBinding !== 'boolean') throw new MalformedRequestError('options.holderBinding must be a boolean.');
        const result = await verifyPresentation(verifiablePresentation, {
          ...credentialOptions(profileOf(options)),
          challenge,
          ...(domain !== undefined ? { domain } : {}),
          holderBinding,
          consumeChallenge: (value, consume) => store.challenges.consume(value, consume),
        });
        const { presentation: _presentation, credentials, ...response } = result;
        return reply(result.verified ? 200 : 422, { ...response, credentials: credentials.map(({ credential: _credential, ...c }) => c) });
      },
    }),
    defineRoute({
      method: 'get',
      path: '/trust/issuers',
      operationId: 'listTrustedIssuers',
      summary: 'The trusted-issuer registry (besides this server\'s own issuers, which are always trusted)',
      tags: ['verifier'],
      responses: { 200: { description: 'Registry entries', schema: Type.Object({ issuers: Type.Array(TrustedIssuerSchema) }) } },
      handler: async () => ({ issuers: (await store.trustedIssuers.list()).map(serialiseTrustedIssuer) }),
    }),
    defineRoute({
      method: 'post',
      path: '/trust/issuers',
      operationId: 'putTrustedIssuer',
      summary: 'Trust an issuer DID, optionally only for some achievement types or skill URI prefixes (replaces its entry)',
      tags: ['verifier'],
      scope: 'admin',
      body: Type.Object(
        {
          did: Type.String({ pattern: '^did:[a-z0-9]+:[^#?\\s]+$', maxLength: 2000 }),
          name: Type.String({ minLength: 1, maxLength: 200 }),
          scope: Type.Optional(Type.Union([TrustScopeSchema, Type.Null()])),
        },
        { additionalProperties: false },
      ),
      bodyLimit: '64kb',
      responses: {
        200: { description: 'Replaced', schema: TrustedIssuerSchema },
        201: { description: 'Added', schema: TrustedIssuerSchema },
      },
      handler: async ({ body }) => {
        const existed = (await store.trustedIssuers.get(body.did)) !== null;
        const record: TrustedIssuerRecord = { did: body.did, name: body.name, scope: (body.scope ?? null) as TrustScope | null, addedAt: deps.clock() };
        await store.trustedIssuers.put(record);
        trustRegistryChanged();
        return reply(existed ? 200 : 201, serialiseTrustedIssuer(record));
      },
    }),
    defineRoute({
      method: 'delete',
      path: '/trust/issuers/:did',
      operationId: 'deleteTrustedIssuer',
      summary: 'Stop trusting an issuer DID',
      tags: ['verifier'],
      scope: 'admin',
      params: Type.Object({ did: Type.String({ maxLength: 2000 }) }),
      responses: { 204: { description: 'Removed' }, 404: { description: 'Not in the registry' } },
      handler: async ({ params }) => {
        const removed = await store.trustedIssuers.remove(params.did);
        trustRegistryChanged();
        if (!removed) throw new NotFoundError(`${params.did} is not in the trusted-issuer registry.`);
        return reply(204, '');
      },
    }),
  ];
}

function serialiseTrustedIssuer(record: TrustedIssuerRecord) {
  return { did: record.did, name: record.name, scope: record.scope, addedAt: record.addedAt.toISOString() };
}
