/** The Academy's HTTP routes: issuers and DID documents, the catalog, awards, VC-API issue, status. */
import { Type } from '@sinclair/typebox';
import { MalformedRequestError, NotFoundError } from '../core/errors.ts';
import type { IssuerRecord } from '../core/ports.ts';
import { defineRoute, reply, type RouteSpec } from '../http/route.ts';
import { awardAchievement, requestHash } from './award-achievement.ts';
import { awardBatch, type BatchRow } from './award-batch.ts';
import { createAchievement } from './catalog.ts';
import type { SkillsFramework } from './catalog-types.ts';
import { DEFAULT_ISSUER_SLUG } from './ensure-issuer.ts';
import { didDocumentFor, issuerProfile, issuerSummary } from './issuer-documents.ts';
import type { IssuerDeps } from './issuer-deps.ts';
import type { OnIssued } from './issue-credential.ts';
import { issueVcApiCredential } from './issue-vc-api.ts';
import { openBadgeCredentialSchema } from './open-badge-credential-schema.ts';
import {
  AchievementSchema,
  AwardBatchSchema,
  AwardSchema,
  IdParams,
  IssueSchema,
  SlugParams,
  StatusUpdateSchema,
} from './schemas.ts';
import { getStatusListCredential } from './status-list-credential.ts';
import { updateCredentialStatus, type OnStatusChanged } from './update-status.ts';

export interface IssuerRouteDeps extends IssuerDeps {
  framework: SkillsFramework;
  onIssued?: OnIssued;
  onStatusChanged?: OnStatusChanged;
  /** The credential's transparency-log entry (index, leaf hash), when a log is wired. */
  logReceipt?: (digest: string) => Promise<{ index: number; leafHash: string } | null>;
}

const IDEMPOTENCY_HEADER = { name: 'Idempotency-Key', required: false, description: 'Retries with the same key return the same credential' };
const ANY_JSON = Type.Object({}, { additionalProperties: true });

export function issuerRoutes(deps: IssuerRouteDeps): RouteSpec[] {
  const issuerBySlug = async (slug: string): Promise<IssuerRecord> => {
    const issuer = await deps.store.issuers.getBySlug(slug);
    if (!issuer) throw new NotFoundError(`No issuer "${slug}".`);
    return issuer;
  };
  const idempotencyKey = (value: string | undefined): string | null => {
    if (value === undefined) return null;
    if (!/^[\x21-\x7e]{1,200}$/.test(value)) {
      throw new MalformedRequestError('Idempotency-Key must be 1-200 visible ASCII characters.', {
        details: [{ pointer: '/headers/idempotency-key', detail: 'must be 1-200 visible ASCII characters' }],
      });
    }
    return value;
  };

  return [
    defineRoute({
      method: 'get',
      path: '/issuers',
      operationId: 'listIssuers',
      summary: 'This server\'s issuers, each with its DIDs and Open Badges 3.0 Profile',
      tags: ['issuer'],
      responses: { 200: { description: 'Issuers', schema: ANY_JSON } },
      handler: async () => ({
        issuers: await Promise.all((await deps.store.issuers.list()).map((i) => issuerSummary(deps.store, i, deps.publicUrl))),
      }),
    }),
    defineRoute({
      method: 'get',
      path: '/issuers/:slug',
      operationId: 'getIssuer',
      summary: 'An issuer\'s Open Badges 3.0 Profile (its id is the issuer DID)',
      tags: ['issuer'],
      params: SlugParams,
      responses: { 200: { description: 'Profile', schema: ANY_JSON }, 404: { description: 'No such issuer' } },
      handler: async ({ params }) => issuerProfile(await issuerBySlug(params.slug), deps.publicUrl),
    }),
    defineRoute({
      method: 'get',
      path: '/.well-known/did.json',
      operationId: 'getDidDocument',
      summary: 'The Academy\'s did:web DID document',
      tags: ['issuer'],
      responses: { 200: { description: 'DID document', schema: ANY_JSON, contentType: 'application/did+json' }, 404: { description: 'Not did:web' } },
      handler: async () => reply(200, await didDocumentFor(deps.store, await issuerBySlug(DEFAULT_ISSUER_SLUG)), { contentType: 'application/did+json' }),
    }),
    defineRoute({
      method: 'get',
      path: '/issuers/:slug/did.json',
      operationId: 'getIssuerDidDocument',
      summary: 'An issuer\'s did:web DID document',
      tags: ['issuer'],
      params: SlugParams,
      responses: { 200: { description: 'DID document', schema: ANY_JSON, contentType: 'application/did+json' }, 404: { description: 'Not found' } },
      handler: async ({ params }) => reply(200, await didDocumentFor(deps.store, await issuerBySlug(params.slug)), { contentType: 'application/did+json' }),
    }),
    defineRoute({
      method: 'get',
      path: '/schemas/open-badge-credential.json',
      operationId: 'getCredentialSchema',
      summary: 'The JSON Schema named by our credentials\' credentialSchema',
      tags: ['issuer'],
      responses: { 200: { description: 'JSON Schema', schema: ANY_JSON, contentType: 'application/schema+json' } },
      handler: () => reply(200, openBadgeCredentialSchema(deps.publicUrl), { contentType: 'application/schema+json' }),
    }),
    defineRoute({
      method: 'get',
      path: '/achievements',
      operationId: 'listAchievements',
      summary: 'The Academy catalog: Open Badges 3.0 Achievements with skill alignments',
      tags: ['catalog'],
      responses: { 200: { description: 'Achievements', schema: ANY_JSON } },
      handler: async () => ({ achievements: (await deps.store.achievements.list()).map((a) => a.body) }),
    }),
    defineRoute({
      method: 'get',
      path: '/achievements/:slug',
      operationId: 'getAchievement',
      summary: 'One Achievement',
      tags: ['catalog'],
      params: SlugParams,
      responses: { 200: { description: 'Achievement', schema: ANY_JSON }, 404: { description: 'Not found' } },
      handler: async ({ params }) => {
        const achievement = await deps.store.achievements.getBySlug(params.slug);
        if (!achievement) throw new NotFoundError(`No achievement "${params.slug}".`);
        return achievement.body;
      },
    }),
    defineRoute({
      method: 'post',
      path: '/achievements',
      operationId: 'createAchievement',
      summary: 'Add an Achievement to the Academy catalog',
      tags: ['catalog'],
      scope: 'catalog',
      body: AchievementSchema,
      responses: { 201: { description: 'Created', schema: ANY_JSON }, 409: { description: 'Slug taken' }, 422: { description: 'Invalid' } },
      handler: async ({ body }) => {
        const record = await createAchievement(deps, await issuerBySlug(DEFAULT_ISSUER_SLUG), deps.framework, body);
        return reply(201, record.body, { headers: { Location: `/achievements/${record.slug}` } });
      },
    }),
    defineRoute({
      method: 'post',
      path: '/awards',
      operationId: 'awardAchievement',
      summary: 'Award an achievement a learner demonstrated: an OpenBadgeCredential (VC 2.0)',
      tags: ['issuer'],
      scope: 'issue',
      body: AwardSchema,
      headers: [IDEMPOTENCY_HEADER],
      responses: {
        201: { description: 'Issued', schema: ANY_JSON },
        200: { description: 'Already issued for this Idempotency-Key', schema: ANY_JSON },
        404: { description: 'Unknown achievement' },
        422: { description: 'Invalid' },
      },
      handler: async ({ body, req }) => {
        const issuer = await issuerBySlug(body.issuer ?? DEFAULT_ISSUER_SLUG);
        const { issuer: _slug, ...award } = body;
        const result = await awardAchievement(deps, issuer, award, idempotencyKey(req.get('idempotency-key')));
        const receipt = await deps.logReceipt?.(result.record.digest);
        return reply(result.created ? 201 : 200, { ...awardResponse(result.record, result.verifiableCredential), ...(receipt ? { log: receipt } : {}) }, {
          headers: { 'Idempotent-Replayed': String(!result.created) },
        });
      },
    }),
    defineRoute({
      method: 'post',
      path: '/awards/batch',
      operationId: 'awardBatch',
      summary: 'Many awards at once, each idempotent; a per-row report',
      tags: ['issuer'],
      scope: 'issue',
      body: AwardBatchSchema,
      bodyLimit: '8mb',
      responses: { 200: { description: 'Report', schema: ANY_JSON }, 422: { description: 'Invalid' } },
      handler: async ({ body }) => {
        const bySlug = new Map<string, IssuerRecord>();
        const rows: (BatchRow & { slug: string })[] = [];
        for (const { idempotencyKey: key, award } of body.awards) {
          const slug = award.issuer ?? DEFAULT_ISSUER_SLUG;
          if (!bySlug.has(slug)) bySlug.set(slug, await issuerBySlug(slug));
          const { issuer: _slug, ...rest } = award;
          rows.push({ idempotencyKey: key, award: rest, slug });
        }
        // Rows are grouped per issuer; most batches have one.
        const results = [];
        for (const [slug, issuer] of bySlug) {
          const mine = rows.filter((r) => r.slug === slug);
          const report = await awardBatch(deps, issuer, mine, { concurrency: deps.store.kind === 'postgres' ? 4 : 1 });
          results.push(...report.results.map((r) => ({ ...r, row: rows.indexOf(mine[r.row]!) })));
        }
        results.sort((a, b) => a.row - b.row);
        return {
          issued: results.filter((r) => r.status === 'issued').length,
          existing: results.filter((r) => r.status === 'existing').length,
          failed: results.filter((r) => r.status === 'failed').length,
          results,
        };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/credentials/issue',
      operationId: 'issueCredential',
      summary: 'VC-API: sign a VC 1.1 or 2.0 credential of one of this server\'s issuers',
      tags: ['issuer'],
      scope: 'issue',
      body: IssueSchema,
      headers: [IDEMPOTENCY_HEADER],
      responses: { 201: { description: 'Issued', schema: ANY_JSON }, 400: { description: 'Malformed' }, 422: { description: 'Invalid' } },
      handler: async ({ body, req }) => {
        const key = idempotencyKey(req.get('idempotency-key'));
        const result = await issueVcApiCredential(
          deps,
          body.credential,
          body.options,
          key ? { key, requestHash: requestHash(body) } : undefined,
        );
        return reply(result.created ? 201 : 200, { verifiableCredential: result.verifiableCredential });
      },
    }),
    defineRoute({
      method: 'post',
      path: '/credentials/status',
      operationId: 'updateCredentialStatus',
      summary: 'VC-API: revoke, suspend or unsuspend a credential issued here',
      tags: ['issuer'],
      scope: 'status',
      body: StatusUpdateSchema,
      responses: { 200: { description: 'Updated', schema: ANY_JSON }, 404: { description: 'Unknown credential' }, 409: { description: 'Revocation is permanent' } },
      handler: async ({ body }) => {
        const results = [];
        for (const item of body.credentialStatus) {
          results.push(
            await updateCredentialStatus(deps, { credentialId: body.credentialId, purpose: item.statusPurpose, value: item.status }),
          );
        }
        return { credentialId: body.credentialId, credentialStatus: results.map(({ credentialId: _id, ...r }) => r) };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/status-lists/:id',
      operationId: 'getStatusList',
      summary: 'A BitstringStatusListCredential',
      tags: ['issuer'],
      params: IdParams,
      responses: { 200: { description: 'Status list credential', schema: ANY_JSON, contentType: 'application/vc+ld+json' }, 404: { description: 'Not found' } },
      handler: async ({ params }) =>
        reply(200, await getStatusListCredential(deps, params.id), { headers: { 'Cache-Control': 'no-cache' } }),
    }),
  ];
}

function awardResponse(record: { id: string; revocation: { listId: string; index: number }; suspension: { listId: string; index: number }; format: string; digest: string }, verifiableCredential: unknown) {
  return {
    verifiableCredential,
    credentialId: record.id,
    format: record.format,
    digest: record.digest,
  };
}
