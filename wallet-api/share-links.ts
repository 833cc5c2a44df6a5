/**
 * Share links: a holder makes a link that serves a presentation of chosen credentials to whoever holds it, until it
 * expires (at most 30 days), is revoked, or has served `maxViews` presentations; optionally only to a viewer who gives
 * the agreed `?audience=`.
 *
 * A share link is a standing disclosure, not an answer to a verifier's request: there is no verifier nonce. The proof
 * still needs a `challenge` (proofPurpose `authentication`), so it carries the link's own id
 * (`urn:proofline:share:{id}`) and, with an audience, `domain` = the audience. A viewer can therefore check who signed
 * and for which link, but the proof does not show freshness: the same presentation can be replayed by anyone who saw
 * it. Relying parties that need holder presence must ask for a challenge-bound presentation (POST /wallet/presentations).
 *
 * The token is 128 random bits, shown once; only its SHA-256 is stored. Each access to a known token is recorded for
 * the holder (time, audience given, SHA-256 of the User-Agent, outcome); no IP address is kept. Views are counted in
 * one conditional UPDATE, in the same transaction as the access record.
 */
import { addSeconds } from '../core/clock.ts';
import { ForbiddenError, GoneError, NotFoundError, ValidationError } from '../core/errors.ts';
import type { ShareAccessOutcome, WalletCredentialRecord, WalletShareAccessRecord, WalletShareRecord } from '../core/ports.ts';
import { sha256Hex } from '../crypto/digest.ts';
import { signHolderPresentation } from './create-presentation.ts';
import { getWalletCredential } from './get-wallet-credential.ts';
import type { WalletDeps } from './wallet-deps.ts';

export const MAX_SHARE_SECONDS = 30 * 24 * 60 * 60;
const TOKEN_BYTES = 16;

export interface CreateShareRequest {
  credentialIds: string[];
  expiresInSeconds: number;
  audience?: string;
  maxViews?: number;
}

export interface CreatedShare {
  id: string;
  url: string;
  token: string;
  expiresAt: string;
}

export type ShareStatus = 'active' | 'expired' | 'revoked' | 'exhausted';

export async function createShare(deps: WalletDeps, holderId: string, request: CreateShareRequest): Promise<CreatedShare> {
  if (!Number.isInteger(request.expiresInSeconds) || request.expiresInSeconds < 1 || request.expiresInSeconds > MAX_SHARE_SECONDS) {
    throw new ValidationError('expiresInSeconds must be a whole number of seconds, at most 30 days.', [{ pointer: '/expiresInSeconds', detail: `1 to ${MAX_SHARE_SECONDS}` }]);
  }
  const credentialIds = [...new Set(request.credentialIds)];
  // Each id must be this holder's (404 otherwise, like an unknown one) and verified.
  const records: WalletCredentialRecord[] = [];
  for (const id of credentialIds) records.push(await getWalletCredential(deps.store, holderId, id));
  const unverified = records.flatMap((r, i) => (r.status === 'unverified' ? [{ pointer: `/credentialIds/${i}`, detail: 'did not verify: it is never shared' }] : []));
  if (unverified.length > 0) throw new ValidationError('A credential that did not verify cannot be shared.', unverified);

  const now = deps.clock();
  const token = `pls_${Buffer.from(deps.randomBytes(TOKEN_BYTES)).toString('base64url')}`;
  const share: WalletShareRecord = {
    id: deps.newId(),
    holderId,
    tokenHash: sha256Hex(token),
    credentialIds,
    audience: request.audience ?? null,
    maxViews: request.maxViews ?? null,
    views: 0,
    expiresAt: addSeconds(now, request.expiresInSeconds),
    revokedAt: null,
    createdAt: now,
  };
  await deps.store.walletShares.insert(share);
  return { id: share.id, url: `${deps.publicUrl ?? ''}/shared/${token}`, token, expiresAt: share.expiresAt.toISOString() };
}

export async function listShares(deps: WalletDeps, holderId: string): Promise<{ shares: Record<string, unknown>[] }> {
  const [shares, accesses] = await Promise.all([deps.store.walletShares.list(holderId), deps.store.walletShares.listAccesses(holderId)]);
  const byShare = new Map<string, WalletShareAccessRecord[]>();
  for (const access of accesses) byShare.set(access.shareId, [...(byShare.get(access.shareId) ?? []), access]);
  const now = deps.clock();
  return {
    shares: shares.map((share) => ({
      id: share.id,
      status: statusOf(share, now),
      credentialIds: share.credentialIds,
      audience: share.audience,
      maxViews: share.maxViews,
      views: share.views,
      expiresAt: share.expiresAt.toISOString(),
      revokedAt: share.revokedAt?.toISOString() ?? null,
      createdAt: share.createdAt.toISOString(),
      accesses: (byShare.get(share.id) ?? []).map((a) => ({
        accessedAt: a.accessedAt.toISOString(),
        audience: a.audience,
        userAgentHash: a.userAgentHash,
        outcome: a.outcome,
      })),
    })),
  };
}

export async function revokeShare(deps: WalletDeps, holderId: string, id: string): Promise<void> {
  if (!(await deps.store.walletShares.revoke(holderId, id, deps.clock()))) throw new NotFoundError(`No share link "${id}" in this wallet.`);
}

export interface ShareViewer {
  audience?: string | undefined;
  userAgent?: string | undefined;
}

/** The public side: 404 unknown token, 410 expired/revoked/used up (or a shared credential gone), 403 wrong audience. */
export async function openShare(deps: WalletDeps, token: string, viewer: ShareViewer): Promise<{ verifiablePresentation: Record<string, unknown>; expiresAt: string }> {
  const tokenHash = sha256Hex(token);
  const share = await deps.store.walletShares.getByTokenHash(tokenHash);
  if (!share) throw new NotFoundError('No such share link.');
  const now = deps.clock();
  const access = (outcome: ShareAccessOutcome): WalletShareAccessRecord => ({
    id: deps.newId(),
    shareId: share.id,
    accessedAt: now,
    audience: viewer.audience ?? null,
    userAgentHash: viewer.userAgent ? sha256Hex(viewer.userAgent) : null,
    outcome,
  });
  const refuse = async (outcome: ShareAccessOutcome, error: Error): Promise<never> => {
    await deps.store.walletShares.recordAccess(access(outcome));
    throw error;
  };

  const status = statusOf(share, now);
  if (status !== 'active') return refuse(status, gone(status));
  if (share.audience !== null && !sameString(viewer.audience, share.audience)) {
    return refuse('wrong-audience', new ForbiddenError('This share link is for another audience: give the agreed ?audience=.'));
  }
  // The credentials as the wallet keeps them now: one deleted or found unverified since ends the link.
  const records: WalletCredentialRecord[] = [];
  for (const id of share.credentialIds) {
    const record = await deps.store.walletCredentials.get(share.holderId, id);
    if (!record || record.status === 'unverified') return refuse('unavailable', new GoneError('A credential of this share link is no longer in the wallet.'));
    records.push(record);
  }
  const counted = await deps.store.transaction(async (tx) => {
    const result = await tx.walletShares.consumeView(tokenHash, now);
    await tx.walletShares.recordAccess(access(result.served ? 'served' : result.reason === 'unknown' ? 'unavailable' : result.reason));
    return result;
  });
  if (!counted.served) throw counted.reason === 'unknown' ? new NotFoundError('No such share link.') : gone(counted.reason);

  const verifiablePresentation = await signHolderPresentation(deps, share.holderId, records, {
    challenge: `urn:proofline:share:${share.id}`,
    ...(share.audience !== null ? { domain: share.audience } : {}),
  });
  return { verifiablePresentation, expiresAt: share.expiresAt.toISOString() };
}

function statusOf(share: WalletShareRecord, now: Date): ShareStatus {
  if (share.revokedAt !== null) return 'revoked';
  if (share.expiresAt.getTime() <= now.getTime()) return 'expired';
  if (share.maxViews !== null && share.views >= share.maxViews) return 'exhausted';
  return 'active';
}

function gone(reason: 'expired' | 'revoked' | 'exhausted'): GoneError {
  const why = { expired: 'has expired', revoked: 'was revoked by the holder', exhausted: 'has served all its views' }[reason];
  return new GoneError(`This share link ${why}.`);
}

/** The audience is a label the holder and viewer agree on, not a secret (the token is): compared as it is. */
function sameString(given: string | undefined, expected: string): boolean {
  return given === expected;
}
