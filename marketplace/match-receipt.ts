/**
 * Signed match receipts (issue 6 item 6): a VC 2.0 credential, signed by the platform's own issuer, stating a match
 * result so a decision can be audited later and re-verified offline: the opening, the SHA-256 of the RFC 8785
 * canonical requirement set, score, eligibility, the SHA-256 of each credential relied on, and when it was checked.
 * Terms: contexts/bundled/proofline.dev/contexts/match-receipt/v1.json. No holder DID, name or email (blind review).
 *
 * Digest of a credential relied on: SHA-256 (hex) of its secured bytes: a vc+jwt (or other string) as its UTF-8
 * text, a Data Integrity credential as its RFC 8785 canonical JSON (stable whatever storage did to key order).
 */
import { canonicalJson } from '../core/canonical-json.ts';
import type { Requirement } from '../core/marketplace-ports.ts';
import type { JsonObject } from '../core/open-badges.ts';
import { sha256Hex } from '../crypto/digest.ts';
import type { MatchResult } from './score-match.ts';

export const CREDENTIALS_V2_CONTEXT = 'https://www.w3.org/ns/credentials/v2';
export const MATCH_RECEIPT_CONTEXT = 'https://proofline.dev/contexts/match-receipt/v1';

/** Signs an unsigned receipt as the platform's issuer (server.ts wires issuer/index.ts `signStatement`). */
export type SignReceipt = (unsigned: JsonObject) => Promise<JsonObject>;

export function requirementsDigest(requirements: readonly Requirement[]): string {
  return sha256Hex(canonicalJson(requirements));
}

export function securedDigest(secured: unknown): string {
  return sha256Hex(typeof secured === 'string' ? secured : canonicalJson(secured));
}

/**
 * The unsigned receipt. `secured[i]` is the secured form of the credential at position i of the list scored; the
 * receipt lists the credentials that satisfied a requirement, in position order, each once.
 */
export function buildMatchReceipt(input: {
  requirements: readonly Requirement[];
  match: MatchResult;
  secured: readonly unknown[];
  /** The digests of `secured` when already known (stored evidence); used instead of hashing again. */
  digests?: readonly string[];
  checkedAt: Date;
  /** The opening's URL (GET /jobs/{id}); absent for POST /match, which has no opening. */
  opening?: string;
}): JsonObject {
  const positions = [...new Set(input.match.requirements.flatMap((r) => (r.satisfiedBy ? [r.satisfiedBy] : [])).map((e) => e.credential))].sort((a, b) => a - b);
  const reliedOn = positions.map((position) => {
    const evidence = input.match.requirements.find((r) => r.satisfiedBy?.credential === position)?.satisfiedBy;
    return {
      ...(evidence?.credentialId ? { credentialId: evidence.credentialId } : {}),
      digestSha256: input.digests?.[position] ?? securedDigest(input.secured[position]),
    };
  });
  return {
    '@context': [CREDENTIALS_V2_CONTEXT, MATCH_RECEIPT_CONTEXT],
    type: ['VerifiableCredential', 'MatchReceiptCredential'],
    credentialSubject: {
      type: 'MatchResult',
      ...(input.opening ? { opening: input.opening } : {}),
      requirementsDigest: requirementsDigest(input.requirements),
      score: input.match.score,
      eligible: input.match.eligible,
      reliedOn,
      checkedAt: input.checkedAt.toISOString(),
    },
  };
}
