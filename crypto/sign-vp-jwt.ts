/**
 * VC-JOSE-COSE §3.2.1: a presentation secured as a compact JWS (`typ: vp+jwt`, `cty: vp`) whose payload is the
 * presentation itself, bound to a verifier's challenge (`nonce`) and domain (`aud`), short-lived (`iat`, `exp`).
 * Signed with the holder's key (Ed25519 → EdDSA, P-256 → ES256); `kid` is its verification method (a did:key URL).
 */
import { CompactSign } from 'jose';
import { systemClock } from '../core/clock.ts';
import { JWS_ALGORITHMS } from './sign-vc-jwt.ts';
import type { UnlockedKey } from './unlocked-key.ts';

export interface SignVpJwtOptions {
  key: UnlockedKey;
  challenge: string;
  domain?: string;
  /** `iat`: the injected clock's time. */
  now?: Date;
  /** Lifetime (`exp - iat`), default 10 minutes: long enough to send it on, short enough that a leak soon expires. */
  ttlSeconds?: number;
}

export async function signVpJwt(presentation: object, { key, challenge, domain, now = systemClock(), ttlSeconds = 600 }: SignVpJwtOptions): Promise<string> {
  const iat = Math.floor(now.getTime() / 1000);
  const payload = { ...presentation, nonce: challenge, ...(domain !== undefined ? { aud: domain } : {}), iat, exp: iat + ttlSeconds };
  return new CompactSign(new TextEncoder().encode(JSON.stringify(payload)))
    .setProtectedHeader({ alg: JWS_ALGORITHMS[key.algorithm], typ: 'vp+jwt', cty: 'vp', kid: key.id })
    .sign(key.privateKey);
}
