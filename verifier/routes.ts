/** The verifier's HTTP routes (VC-API / VCALM `verifyCredential`). */
import { Type } from '@sinclair/typebox';
import type { Clock } from '../core/clock.ts';
import { MalformedRequestError } from '../core/errors.ts';
import { isJsonObject } from '../core/open-badges.ts';
import type { DocumentLoader } from '../contexts/document-loader.ts';
import { defineRoute, reply, type RouteSpec } from '../http/route.ts';
import type { LoadSchema } from './check-schema.ts';
import type { FetchStatusList } from './check-status.ts';
import type { ResolveDid } from './create-did-resolver.ts';
import { verifyCredential, type TrustedIssuers, type VerificationProfile } from './verify-credential.ts';

export interface VerifierRouteDeps {
  clock: Clock;
  documentLoader: DocumentLoader;
  /** This server's own DIDs (did:web documents); did:key needs nothing. */
  resolveDid?: ResolveDid;
  /** This server's own status lists (see createLocalStatusListFetcher). */
  fetchStatusList?: FetchStatusList;
  trustedIssuers?: TrustedIssuers;
  loadSchema?: LoadSchema;
}

const ANY_JSON = Type.Object({}, { additionalProperties: true });
const KNOWN_OPTIONS = new Set(['checks', 'profile']);

export function verifierRoutes(deps: VerifierRouteDeps): RouteSpec[] {
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
      responses: {
        200: { description: 'Verified', schema: ANY_JSON },
        400: { description: 'Malformed request' },
        422: { description: 'Not verified: the same body with verified false and named problemDetails', schema: ANY_JSON },
      },
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
        const profile = options.profile ?? 'default';
        if (profile !== 'default' && profile !== 'conformance') {
          throw new MalformedRequestError('options.profile must be "default" or "conformance".');
        }
        const result = await verifyCredential(verifiableCredential, {
          now: deps.clock(),
          documentLoader: deps.documentLoader,
          profile: profile as VerificationProfile,
          ...(deps.resolveDid ? { resolveDid: deps.resolveDid } : {}),
          ...(deps.fetchStatusList ? { fetchStatusList: deps.fetchStatusList } : {}),
          ...(deps.trustedIssuers ? { trustedIssuers: deps.trustedIssuers } : {}),
          ...(deps.loadSchema ? { loadSchema: deps.loadSchema } : {}),
        });
        const { credential: _credential, ...response } = result;
        return reply(result.verified ? 200 : 422, response);
      },
    }),
  ];
}
