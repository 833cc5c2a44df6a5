/** `/wallet/emails`: the addresses a holder proves, so awards sent to them reach the wallet (prove-email.ts). */
import { Type } from '@sinclair/typebox';
import { reply, type RouteSpec } from '../http/route.ts';
import { holderRouteFor } from './holder-route.ts';
import { confirmEmailProof, deleteHolderEmail, listHolderEmails, requestEmailProof } from './prove-email.ts';
import type { WalletDeps } from './wallet-deps.ts';

const TAGS = ['wallet'];
const EMAIL = Type.Object({}, { additionalProperties: true, description: 'An address: id, email, proven, provenAt, codeExpiresAt' });
const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 200 }) });
const NOT_FOUND = { description: 'Not in this wallet' };

export function walletEmailRoutes(deps: WalletDeps): RouteSpec[] {
  const holderRoute = holderRouteFor(deps);
  return [
    holderRoute({
      method: 'post',
      path: '/wallet/emails',
      operationId: 'requestEmailProof',
      summary: 'Send a one-time code to an address; proving it brings the awards addressed to it into the wallet',
      tags: TAGS,
      body: Type.Object({ email: Type.String({ format: 'email', maxLength: 320 }) }, { additionalProperties: false }),
      // Each request sends mail: per client, 20 an hour (and one a minute per address, prove-email.ts).
      rateLimit: { windowMs: 3_600_000, limit: 20 },
      responses: { 202: { description: 'Code sent (or the address is proven already)', schema: EMAIL }, 422: { description: 'Invalid' }, 429: { description: 'A code was just sent, or too many wrong codes' }, 503: { description: 'This server sends no mail' } },
      handler: async ({ holder, body }) => {
        const email = await requestEmailProof(deps, holder.holderId, body.email);
        return reply(202, email, { headers: { Location: `/wallet/emails/${email.id}` } });
      },
    }),
    holderRoute({
      method: 'post',
      path: '/wallet/emails/:id/proof',
      operationId: 'confirmEmailProof',
      summary: 'Send back the code: the address is proven and the awards addressed to it are synced',
      tags: TAGS,
      params: IdParams,
      body: Type.Object({ code: Type.String({ pattern: '^\\s*[0-9]{8}\\s*$', maxLength: 20 }) }, { additionalProperties: false }),
      rateLimit: { windowMs: 60_000, limit: 30 },
      responses: { 200: { description: 'Proven', schema: Type.Object({}, { additionalProperties: true }) }, 404: NOT_FOUND, 409: { description: 'Proven by another account' }, 422: { description: 'Wrong or expired code' } },
      handler: async ({ holder, params, body }) => confirmEmailProof(deps, holder.holderId, params.id, body.code),
    }),
    holderRoute({
      method: 'get',
      path: '/wallet/emails',
      operationId: 'listHolderEmails',
      summary: 'The addresses of this wallet, proven or pending',
      tags: TAGS,
      responses: { 200: { description: 'Addresses', schema: Type.Object({}, { additionalProperties: true }) } },
      handler: async ({ holder }) => ({ emails: await listHolderEmails(deps, holder.holderId) }),
    }),
    holderRoute({
      method: 'delete',
      path: '/wallet/emails/:id',
      operationId: 'deleteHolderEmail',
      summary: 'Forget an address (credentials already kept stay)',
      tags: TAGS,
      params: IdParams,
      responses: { 204: { description: 'Deleted' }, 404: NOT_FOUND },
      handler: async ({ holder, params }) => {
        await deleteHolderEmail(deps, holder.holderId, params.id);
        return reply(204, '');
      },
    }),
  ];
}
