/**
 * evaluateApplications: every application to an opening, re-verified now (a credential revoked, suspended or expired
 * since applying stops counting and flags the application), scored and ranked. Blind: the result names applications
 * by their random id only, never the holder's DID, name or email.
 */
import { NotFoundError } from '../core/errors.ts';
import type { JsonObject } from '../core/open-badges.ts';
import type { MarketplaceDeps } from './marketplace-deps.ts';
import { buildMatchReceipt } from './match-receipt.ts';
import { rankMatches } from './rank-matches.ts';
import { scoreMatch, type MatchResult } from './score-match.ts';
import { openingUrl } from './to-job-posting.ts';
import { recheckCredentials } from './verify-candidate.ts';

export interface BlindMatch {
  rank: number;
  applicationId: string;
  submittedAt: string;
  flagged: boolean;
  flags: string[];
  match: MatchResult;
  /** The signed match receipt (a MatchReceiptCredential), when the platform signs receipts. */
  receipt?: JsonObject;
}

export async function evaluateApplications(deps: MarketplaceDeps, openingId: string): Promise<{ openingId: string; evaluatedAt: string; matches: BlindMatch[] }> {
  const opening = await deps.store.openings.get(openingId);
  if (!opening) throw new NotFoundError(`No opening ${openingId}.`);
  const now = deps.clock();
  const applications = await deps.store.applications.listByOpening(opening.id);
  const evaluated = [];
  for (const application of applications) {
    const recheck = await recheckCredentials(application.credentials, { ...deps.verification, now });
    // Flags accumulate: once a relied-on credential failed, the employer should know even if it is later reinstated.
    const flags = [...new Set([...application.flags, ...recheck.flags])];
    const flagged = flags.length > 0;
    if (flagged !== application.flagged || flags.length !== application.flags.length) {
      await deps.store.applications.updateCheck(application.id, { flagged, flags, checkedAt: now });
    }
    const match = scoreMatch(opening.requirements, recheck.credentials, { now, skills: deps.skills, acceptedIssuers: opening.acceptedIssuers });
    const receipt = deps.signReceipt
      ? await deps.signReceipt(buildMatchReceipt({ requirements: opening.requirements, match, secured: recheck.secured, checkedAt: now, opening: openingUrl(deps.publicUrl, opening.id) }))
      : undefined;
    evaluated.push({ id: application.id, submittedAt: application.submittedAt, flagged, flags, match, receipt });
  }
  return {
    openingId: opening.id,
    evaluatedAt: now.toISOString(),
    matches: rankMatches(evaluated).map(({ rank, entry }) => ({
      rank,
      applicationId: entry.id,
      submittedAt: entry.submittedAt.toISOString(),
      flagged: entry.flagged,
      flags: entry.flags,
      match: entry.match,
      ...(entry.receipt ? { receipt: entry.receipt } : {}),
    })),
  };
}
