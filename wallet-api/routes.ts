/**
 * The wallet's HTTP routes (`/wallet/...`). Holders authenticate with their own access tokens (not API tokens): every
 * route except sign-up, sign-in and refresh goes through `holderRoute`, and every service call names the holder, so a
 * holder reaches only their own rows; another holder's ids answer 404, like unknown ones.
 */
import type { Static } from '@sinclair/typebox';
import type { WalletCredentialFilter, WalletCredentialStatus } from '../core/ports.ts';
import { defineRoute, reply, type RateLimit, type RouteSpec } from '../http/route.ts';
import { createPresentation } from './create-presentation.ts';
import { holderRouteFor, UNAUTHENTICATED } from './holder-route.ts';
import { deleteWalletCredential } from './delete-wallet-credential.ts';
import { exportWallet } from './export-wallet.ts';
import { getWalletCredential } from './get-wallet-credential.ts';
import { getHolderAccount } from './holder-account.ts';
import { importCredential } from './import-credential.ts';
import { recheckCredential } from './recheck-credential.ts';
import { refreshSession } from './refresh-session.ts';
import { rotateHolderDid } from './rotate-holder-did.ts';
import { createShare, listShares, openShare, revokeShare } from './share-links.ts';
import {
  ANY_JSON,
  CredentialFilterSchema,
  CreateShareSchema,
  CredentialsSchema,
  IdParams,
  ImportSchema,
  PresentationRequestSchema,
  RefreshSchema,
  SharedQuery,
  SignInSchema,
  TokenParams,
} from './schemas.ts';
import { signIn } from './sign-in.ts';
import { signOut } from './sign-out.ts';
import { signUp } from './sign-up.ts';
import { syncCredentials } from './sync-credentials.ts';
import { toDetail, toSummary } from './wallet-credential-view.ts';
import type { WalletDeps } from './wallet-deps.ts';

export interface WalletRouteDeps extends WalletDeps {
  /** Per-client limit on sign-up, sign-in and refresh (default 60 a minute); false turns it off. */
  rateLimit?: RateLimit | false;
}

export const DEFAULT_WALLET_AUTH_RATE_LIMIT: RateLimit = { windowMs: 60_000, limit: 60 };

const TAGS = ['wallet'];
const NOT_FOUND = { description: 'Not in this wallet' };
const NO_STORE = { 'Cache-Control': 'no-store' };

export function walletRoutes(deps: WalletRouteDeps): RouteSpec[] {
  const rateLimit = deps.rateLimit === false ? {} : { rateLimit: deps.rateLimit ?? DEFAULT_WALLET_AUTH_RATE_LIMIT };
  const holderRoute = holderRouteFor(deps);

  return [
    defineRoute({
      method: 'post',
      path: '/wallet/accounts',
      operationId: 'createHolderAccount',
      summary: 'Sign up: a holder account with its own did:key (Ed25519; the secret key is sealed and never returned)',
      tags: TAGS,
      auth: 'holder',
      body: CredentialsSchema,
      ...rateLimit,
      responses: { 201: { description: 'Created', schema: ANY_JSON }, 409: { description: 'Email taken' }, 422: { description: 'Invalid' } },
      handler: async ({ body }) => reply(201, await signUp(deps, body), { headers: { Location: '/wallet/account' } }),
    }),
    defineRoute({
      method: 'post',
      path: '/wallet/sessions',
      operationId: 'signIn',
      summary: 'Sign in: a 15-minute access token and a 30-day refresh token (locked for 15 minutes after 5 failures)',
      tags: TAGS,
      auth: 'holder',
      body: SignInSchema,
      ...rateLimit,
      responses: { 200: { description: 'Tokens', schema: ANY_JSON }, 401: { description: 'Wrong email or password' }, 429: { description: 'Locked (Retry-After)' } },
      // A locked account is a RateLimitedError: the problem answer carries its Retry-After (http/create-app.ts).
      handler: async ({ body }) => reply(200, await signIn(deps, body), { headers: NO_STORE }),
    }),
    defineRoute({
      method: 'post',
      path: '/wallet/sessions/refresh',
      operationId: 'refreshSession',
      summary: 'Exchange a refresh token for a new pair; reusing a refresh token revokes the session',
      tags: TAGS,
      auth: 'holder',
      body: RefreshSchema,
      ...rateLimit,
      responses: { 200: { description: 'Tokens', schema: ANY_JSON }, 401: UNAUTHENTICATED },
      handler: async ({ body }) => reply(200, await refreshSession(deps, body.refreshToken), { headers: NO_STORE }),
    }),
    holderRoute({
      method: 'delete',
      path: '/wallet/sessions/current',
      operationId: 'signOut',
      summary: 'Sign out: revokes the access token and every refresh token of this session',
      tags: TAGS,
      responses: { 204: { description: 'Signed out' } },
      handler: async ({ holder }) => {
        await signOut(deps, holder);
        return reply(204, '');
      },
    }),
    holderRoute({
      method: 'get',
      path: '/wallet/account',
      operationId: 'getHolderAccount',
      summary: 'The holder\'s account: email and DIDs (current and retired)',
      tags: TAGS,
      responses: { 200: { description: 'Account', schema: ANY_JSON } },
      handler: async ({ holder }) => getHolderAccount(deps.store, holder.holderId),
    }),
    holderRoute({
      method: 'post',
      path: '/wallet/did/rotate',
      operationId: 'rotateHolderDid',
      summary: 'A new did:key becomes current; the old key is retired (kept to present credentials issued to it)',
      tags: TAGS,
      responses: { 200: { description: 'Account', schema: ANY_JSON } },
      handler: async ({ holder }) => rotateHolderDid(deps, holder.holderId),
    }),
    holderRoute({
      method: 'get',
      path: '/wallet/credentials',
      operationId: 'listWalletCredentials',
      summary: 'Credentials the holder keeps, newest first; filters: issuer, achievement, skill, status, expiry',
      tags: TAGS,
      query: CredentialFilterSchema,
      responses: { 200: { description: 'Credentials', schema: ANY_JSON } },
      handler: async ({ holder, query }) => ({
        credentials: (await deps.store.walletCredentials.listSummaries(holder.holderId, toFilter(query))).map(toSummary),
      }),
    }),
    holderRoute({
      method: 'post',
      path: '/wallet/credentials',
      operationId: 'importCredential',
      summary: 'Import a credential from any issuer (JSON-LD or vc+jwt): verified, kept byte for byte with its result',
      tags: TAGS,
      body: ImportSchema,
      responses: {
        201: { description: 'Imported (verified or not: see status)', schema: ANY_JSON },
        200: { description: 'Kept already', schema: ANY_JSON },
        422: { description: 'Not a credential' },
      },
      handler: async ({ holder, body }) => {
        const { created, credential } = await importCredential(deps, holder.holderId, body.verifiableCredential);
        return reply(created ? 201 : 200, credential, created ? { headers: { Location: `/wallet/credentials/${credential.id}` } } : {});
      },
    }),
    holderRoute({
      method: 'post',
      path: '/wallet/credentials/sync',
      operationId: 'syncCredentials',
      summary: 'Receive the Academy awards addressed to the holder\'s DIDs',
      tags: TAGS,
      responses: { 200: { description: 'Added credentials', schema: ANY_JSON } },
      handler: async ({ holder }) => syncCredentials(deps, holder.holderId),
    }),
    holderRoute({
      method: 'get',
      path: '/wallet/credentials/:id',
      operationId: 'getWalletCredential',
      summary: 'One kept credential with its last verification result',
      tags: TAGS,
      params: IdParams,
      responses: { 200: { description: 'Credential', schema: ANY_JSON }, 404: NOT_FOUND },
      handler: async ({ holder, params }) => toDetail(await getWalletCredential(deps.store, holder.holderId, params.id)),
    }),
    holderRoute({
      method: 'post',
      path: '/wallet/credentials/:id/recheck',
      operationId: 'recheckCredential',
      summary: 'Verify a kept credential again now: reports revoked, suspended or expired',
      tags: TAGS,
      params: IdParams,
      responses: { 200: { description: 'Credential with the fresh result', schema: ANY_JSON }, 404: NOT_FOUND },
      handler: async ({ holder, params }) => recheckCredential(deps, holder.holderId, params.id),
    }),
    holderRoute({
      method: 'delete',
      path: '/wallet/credentials/:id',
      operationId: 'deleteWalletCredential',
      summary: 'Delete a kept credential',
      tags: TAGS,
      params: IdParams,
      responses: { 204: { description: 'Deleted' }, 404: NOT_FOUND },
      handler: async ({ holder, params }) => {
        await deleteWalletCredential(deps.store, holder.holderId, params.id);
        return reply(204, '');
      },
    }),
    holderRoute({
      method: 'get',
      path: '/wallet/export',
      operationId: 'exportWallet',
      summary: 'Everything the wallet holds for the holder, as one JSON bundle',
      tags: TAGS,
      responses: { 200: { description: 'Export bundle', schema: ANY_JSON } },
      handler: async ({ holder }) => reply(200, await exportWallet(deps, holder.holderId), { headers: NO_STORE }),
    }),
    holderRoute({
      method: 'post',
      path: '/wallet/presentations',
      operationId: 'createPresentation',
      summary:
        'A presentation signed by the holder\'s did:key for a verifier\'s challenge and domain (Data Integrity or vp+jwt), of credentials named by id or found by a DCQL query; ecdsa-sd-2023 credentials disclose only the chosen claims',
      tags: TAGS,
      body: PresentationRequestSchema,
      responses: {
        201: { description: 'Signed presentation: a JSON object (Data Integrity) or a compact JWS string (vp+jwt)', schema: ANY_JSON },
        404: NOT_FOUND,
        422: { description: 'A credential did not verify; a pointer names no claim; disclosure asked of a credential that is not ecdsa-sd-2023; a DCQL query no credential satisfies' },
      },
      handler: async ({ holder, body }) => reply(201, { verifiablePresentation: await createPresentation(deps, holder.holderId, body) }),
    }),
    holderRoute({
      method: 'post',
      path: '/wallet/shares',
      operationId: 'createShareLink',
      summary: 'A share link serving a presentation of chosen credentials (expiry up to 30 days, optional audience and view limit)',
      tags: TAGS,
      body: CreateShareSchema,
      responses: { 201: { description: 'The link and its token (shown once)', schema: ANY_JSON }, 404: NOT_FOUND, 422: { description: 'Invalid, or a credential did not verify' } },
      handler: async ({ holder, body }) => {
        const created = await createShare(deps, holder.holderId, body);
        return reply(201, created, { headers: NO_STORE });
      },
    }),
    holderRoute({
      method: 'get',
      path: '/wallet/shares',
      operationId: 'listShareLinks',
      summary: 'The holder\'s share links with their view counts and every access',
      tags: TAGS,
      responses: { 200: { description: 'Share links', schema: ANY_JSON } },
      handler: async ({ holder }) => reply(200, await listShares(deps, holder.holderId), { headers: NO_STORE }),
    }),
    holderRoute({
      method: 'delete',
      path: '/wallet/shares/:id',
      operationId: 'revokeShareLink',
      summary: 'Revoke a share link: it answers 410 from now on',
      tags: TAGS,
      params: IdParams,
      responses: { 204: { description: 'Revoked' }, 404: NOT_FOUND },
      handler: async ({ holder, params }) => {
        await revokeShare(deps, holder.holderId, params.id);
        return reply(204, '');
      },
    }),
    defineRoute({
      method: 'get',
      path: '/shared/:token',
      operationId: 'openShareLink',
      summary: 'Public: the presentation a share link serves (signed by the holder; a standing disclosure, no verifier challenge)',
      tags: TAGS,
      auth: 'holder', // no API token is consulted: the link's token is the only credential
      params: TokenParams,
      query: SharedQuery,
      responses: {
        200: { description: 'Signed presentation', schema: ANY_JSON },
        403: { description: 'Wrong or missing ?audience=' },
        404: { description: 'Unknown link' },
        410: { description: 'Expired, revoked or used up' },
      },
      handler: async ({ params, query, req }) =>
        reply(200, await openShare(deps, params.token, { audience: query.audience, userAgent: req.get('user-agent') }), {
          headers: { ...NO_STORE, 'Referrer-Policy': 'no-referrer', 'X-Robots-Tag': 'noindex' },
        }),
    }),
  ];
}

function toFilter(query: Static<typeof CredentialFilterSchema>): WalletCredentialFilter {
  const filter: WalletCredentialFilter = {};
  if (query.issuer !== undefined) filter.issuer = query.issuer;
  if (query.achievement !== undefined) filter.achievement = query.achievement;
  if (query.skill !== undefined) filter.skill = query.skill;
  if (query.status !== undefined) filter.status = query.status as WalletCredentialStatus;
  if (query.expiresBefore !== undefined) filter.expiresBefore = new Date(query.expiresBefore);
  if (query.expiresAfter !== undefined) filter.expiresAfter = new Date(query.expiresAfter);
  return filter;
}
