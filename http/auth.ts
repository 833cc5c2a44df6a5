/**
 * Scoped bearer tokens. A token is 32 random bytes, base64url, prefixed `pl_`; only its SHA-256 is stored.
 * `admin` holds every scope.
 */
import type { Scope, TokenRepository } from '../core/ports.ts';
import { ForbiddenError, UnauthenticatedError } from '../core/errors.ts';
import { sha256Hex } from '../crypto/digest.ts';

export interface Principal {
  tokenId: string;
  label: string;
  scopes: Scope[];
}

export function hashToken(token: string): string {
  return sha256Hex(token);
}

export async function authenticate(
  tokens: TokenRepository,
  authorization: string | undefined,
): Promise<Principal | null> {
  if (!authorization) return null;
  const match = /^Bearer ([A-Za-z0-9_\-.~+/]+=*)$/.exec(authorization.trim());
  if (!match?.[1]) throw new UnauthenticatedError('The Authorization header must be "Bearer <token>".');
  const record = await tokens.findByHash(hashToken(match[1]));
  if (!record || record.revokedAt) throw new UnauthenticatedError('The bearer token is unknown or revoked.');
  return { tokenId: record.id, label: record.label, scopes: record.scopes };
}

export function assertScope(principal: Principal | null, scope: Scope): asserts principal is Principal {
  if (!principal) throw new UnauthenticatedError();
  if (!principal.scopes.includes(scope) && !principal.scopes.includes('admin')) {
    throw new ForbiddenError(`This operation needs a token with the "${scope}" scope.`);
  }
}
