/** challengeOf: the challenge a presentation is signed over (DI proof `challenge`, vp+jwt `nonce`), unverified: the caller verifies it. */
import { isJsonObject } from '../core/open-badges.ts';

export function challengeOf(presentation: unknown): string | null {
  if (typeof presentation === 'string') {
    const payload = presentation.split('.')[1];
    if (!payload) return null;
    try {
      const claims: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
      return isJsonObject(claims) && typeof claims.nonce === 'string' ? claims.nonce : null;
    } catch {
      return null;
    }
  }
  if (!isJsonObject(presentation)) return null;
  if (typeof presentation.id === 'string' && presentation.id.startsWith('data:application/vp+jwt,')) {
    return challengeOf(presentation.id.slice('data:application/vp+jwt,'.length));
  }
  const proof = [presentation.proof].flat().find(isJsonObject);
  return proof && typeof proof.challenge === 'string' ? proof.challenge : null;
}
