/**
 * The log's read API (issue 4 §5): public, unauthenticated, cache-friendly. Hashes and leaves are standard base64;
 * proofs are in RFC 9162 order. Query numbers are decimal strings without leading zeroes.
 */
import { Type } from '@sinclair/typebox';
import { NotFoundError } from '../core/errors.ts';
import { defineRoute, reply, type RouteSpec } from '../http/route.ts';
import type { TransparencyLog } from './create-transparency-log.ts';

const Count = Type.String({ pattern: '^(0|[1-9][0-9]{0,14})$', description: 'a non-negative decimal integer' });
const Digest = Type.String({ pattern: '^[0-9a-f]{64}$', description: 'lowercase hex SHA-256 of the secured credential' });
const ANY_JSON = Type.Object({}, { additionalProperties: true });
const TEXT = 'text/plain; charset=utf-8';

const EntriesQuery = Type.Object({ start: Type.Optional(Count), end: Type.Optional(Count) }, { additionalProperties: false });
const InclusionQuery = Type.Object(
  { index: Type.Optional(Count), digest: Type.Optional(Digest), size: Type.Optional(Count) },
  { additionalProperties: false },
);
const DigestParams = Type.Object({ digest: Digest });
const ConsistencyQuery = Type.Object({ from: Count, to: Type.Optional(Count) }, { additionalProperties: false });

const number = (value: string | undefined) => (value === undefined ? undefined : Number(value));

export function logRoutes(log: TransparencyLog): RouteSpec[] {
  return [
    defineRoute({
      method: 'get',
      path: '/log/checkpoint',
      operationId: 'getLogCheckpoint',
      summary: 'The latest signed checkpoint (C2SP tlog-checkpoint in a signed note)',
      tags: ['log'],
      responses: { 200: { description: 'Signed note', contentType: 'text/plain' } },
      handler: async () => reply(200, (await log.latestCheckpoint()).note, { contentType: TEXT, headers: { 'Cache-Control': 'no-cache' } }),
    }),
    defineRoute({
      method: 'get',
      path: '/log/key',
      operationId: 'getLogKey',
      summary: 'The log\'s note verifier key: <name>+<hex key id>+<base64(0x01 || Ed25519 public key)>',
      tags: ['log'],
      responses: { 200: { description: 'Verifier key', contentType: 'text/plain' } },
      handler: async () => reply(200, `${(await log.logKey()).verifierKey}\n`, { contentType: TEXT }),
    }),
    defineRoute({
      method: 'get',
      path: '/log/entries',
      operationId: 'getLogEntries',
      summary: `Entries start <= index < end (at most 1000 per page): index, leaf bytes (base64) and decoded event`,
      tags: ['log'],
      query: EntriesQuery,
      responses: { 200: { description: 'Entries', schema: ANY_JSON }, 422: { description: 'Invalid range' } },
      handler: ({ query }) => log.entries(number(query.start) ?? 0, number(query.end)),
    }),
    defineRoute({
      method: 'get',
      path: '/log/proofs/inclusion',
      operationId: 'getLogInclusionProof',
      summary: 'RFC 9162 inclusion proof of an entry (by index, or by credential digest) in the tree of `size` (default: latest checkpoint)',
      tags: ['log'],
      query: InclusionQuery,
      responses: {
        200: { description: 'Proof', schema: ANY_JSON },
        404: { description: 'No such entry' },
        422: { description: 'Invalid query, or size beyond the tree' },
      },
      handler: ({ query }) => log.inclusionProof({ index: number(query.index), digest: query.digest, size: number(query.size) }),
    }),
    defineRoute({
      method: 'get',
      path: '/log/proofs/consistency',
      operationId: 'getLogConsistencyProof',
      summary: 'RFC 9162 consistency proof between tree sizes `from` and `to` (default: latest checkpoint)',
      tags: ['log'],
      query: ConsistencyQuery,
      responses: { 200: { description: 'Proof', schema: ANY_JSON }, 422: { description: 'Invalid sizes' } },
      handler: ({ query }) => log.consistencyProof({ from: Number(query.from), to: number(query.to) }),
    }),
    defineRoute({
      method: 'get',
      path: '/log/receipts/:digest',
      operationId: 'getLogReceipt',
      summary: 'A credential\'s log receipt, for its wallet to keep: index, leaf bytes (base64), leaf hash and, once a checkpoint covers it, the inclusion proof with the signed checkpoint',
      tags: ['log'],
      params: DigestParams,
      responses: { 200: { description: 'Receipt', schema: ANY_JSON }, 404: { description: 'No issuance of this digest in the log' }, 422: { description: 'Not a digest' } },
      handler: async ({ params }) => {
        const receipt = await log.receipt(params.digest);
        if (!receipt) throw new NotFoundError(`No issuance of ${params.digest} in the log.`);
        return reply(200, receipt, { headers: { 'Cache-Control': 'no-cache' } });
      },
    }),
  ];
}
