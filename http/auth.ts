/**
 * Bearer authentication. Platform tokens (`pl_`, tokens table) carry platform scopes; `admin` holds every scope.
 * An organisation's credentials (employer sessions `ple_`, organisation API keys `plk_`) carry organisation scopes and
 * the organisation they act for: routes check that the resource belongs to it (marketplace/organisation-access.ts).
 * Only SHA-256 hashes of tokens are stored.
 */
import type { OrganisationCredential } from '../core/marketplace-ports.ts';
import type { Scope, Store } from '../core/ports.ts';
import { ForbiddenError, UnauthenticatedError } from '../core/errors.ts';
import { sha256Hex } from '../crypto/digest.ts';

export interface Principal {
  tokenId: string;
  label: string;
  scopes: Scope[];
  /** Present for an organisation's session or API key: the only organisation it may act for. */
  organisation?: Pick<OrganisationCredential, 'organisationId' | 'kind' | 'employerId' | 'role'>;
}

export function hashToken(token: string): string {
  return sha256Hex(token);
}

/**
 * `now` bounds employer sessions; the HTTP edge has no injected clock (AppDeps), so it is the system time there, which
 * is also what the sessions' expiry was computed from in production.
 */
export async function authenticate(
  store: Pick<Store, 'tokens' | 'organisationApiKeys'>,
  authorization: string | undefined,
  now: Date = new Date(),
): Promise<Principal | null> {
  if (!authorization) return null;
  const match = /^Bearer ([A-Za-z0-9_\-.~+/]+=*)$/.exec(authorization.trim());
  if (!match?.[1]) throw new UnauthenticatedError('The Authorization header must be "Bearer <token>".');
  const hash = hashToken(match[1]);
  if (match[1].startsWith('ple_') || match[1].startsWith('plk_')) {
    const credential = await store.organisationApiKeys.findCredential(hash, now);
    if (credential) {
      const { organisationId, kind, employerId, role } = credential;
      return { tokenId: credential.id, label: credential.label, scopes: credential.scopes, organisation: { organisationId, kind, employerId, role } };
    }
    // Not an organisation's: it may still be a configured platform token that happens to share the prefix.
  }
  const record = await store.tokens.findByHash(hash);
  if (!record || record.revokedAt) throw new UnauthenticatedError('The bearer token is unknown, expired or revoked.');
  return { tokenId: record.id, label: record.label, scopes: record.scopes };
}

export function assertScope(principal: Principal | null, scope: Scope): asserts principal is Principal {
  if (!principal) throw new UnauthenticatedError();
  if (!principal.scopes.includes(scope) && !principal.scopes.includes('admin')) {
    throw new ForbiddenError(`This operation needs a token with the "${scope}" scope.`);
  }
}
