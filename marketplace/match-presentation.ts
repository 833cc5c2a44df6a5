/**
 * matchPresentation (POST /match): requirements + a presentation → the explained result, nothing stored. The
 * challenge is compared with the signed one but not consumed: the job board that chose it owns its single use.
 */
import type { Requirement } from '../core/marketplace-ports.ts';
import type { VerificationProblem } from '../verifier/index.ts';
import type { JsonObject } from '../core/open-badges.ts';
import type { MarketplaceDeps } from './marketplace-deps.ts';
import { buildMatchReceipt } from './match-receipt.ts';
import { scoreMatch, type MatchResult } from './score-match.ts';
import { verifyCandidate, type RejectedCredential } from './verify-candidate.ts';

export type MatchPresentationResult =
  | { verified: false; problemDetails: VerificationProblem[] }
  | { verified: true; match: MatchResult; rejected: RejectedCredential[]; warnings: VerificationProblem[]; receipt?: JsonObject };

export async function matchPresentation(
  deps: Pick<MarketplaceDeps, 'clock' | 'skills' | 'verification' | 'signReceipt'>,
  input: { requirements: Requirement[]; presentation: object | string; challenge: string; domain?: string; acceptedIssuers?: string[] },
): Promise<MatchPresentationResult> {
  const now = deps.clock();
  const verified = await verifyCandidate(input.presentation, {
    ...deps.verification,
    now,
    challenge: input.challenge,
    ...(input.domain !== undefined ? { domain: input.domain } : {}),
    holderBinding: true,
  });
  if (!verified.accepted) return { verified: false, problemDetails: verified.problemDetails };
  const match = scoreMatch(
    input.requirements,
    verified.credentials.map((c) => c.verified),
    { now, skills: deps.skills, acceptedIssuers: input.acceptedIssuers ?? [] },
  );
  const receipt = deps.signReceipt
    ? await deps.signReceipt(buildMatchReceipt({ requirements: input.requirements, match, secured: verified.credentials.map((c) => c.secured), checkedAt: now }))
    : undefined;
  return { verified: true, match, rejected: verified.rejected, warnings: verified.warnings, ...(receipt ? { receipt } : {}) };
}
