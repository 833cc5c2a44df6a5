/**
 * evaluateApplications: an opening's applications ranked from their stored evidence (docs/decisions/0011): one query
 * gives, per application, the best level its evidence reaches for each requirement; scores from those, then the
 * explained `scoreMatch` and a signed receipt for the page returned only (its `checkedAt` is when the evidence it relies on
 * was checked, not now). No signature is checked here: evidence is refreshed by re-checks (a status
 * change of ours, POST /jobs/{id}/recheck), and evidence past its validUntil stops counting by itself.
 *
 * Blind: the result names applications by their random id only, never the holder's DID, name or email.
 */
import { NotFoundError } from '../core/errors.ts';
import type { OpeningRecord } from '../core/marketplace-ports.ts';
import type { JsonObject } from '../core/open-badges.ts';
import type { VerifiedCredential } from '../core/verified-credential.ts';
import type { MarketplaceDeps } from './marketplace-deps.ts';
import { buildMatchReceipt } from './match-receipt.ts';
import { rankMatches, type RankedMatch } from './rank-matches.ts';
import { planRanking, scoreBestLevels, type RowScore } from './score-skill-rows.ts';
import { scoreMatch, type MatchResult } from './score-match.ts';
import { flagsOf, fromEvidenceRecord } from './stored-evidence.ts';
import { openingUrl } from './to-job-posting.ts';

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

export interface EvaluatedApplications {
  openingId: string;
  evaluatedAt: string;
  /** Applications ranked (the page is `matches`). */
  total: number;
  offset: number;
  matches: BlindMatch[];
}

export const DEFAULT_MATCHES_PAGE = 100;

type Scored = { id: string; match: RowScore };

/** Every application of the opening scored from stored evidence and ranked; no explanations (the fast path). */
export async function rankOpening(deps: Pick<MarketplaceDeps, 'store' | 'skills'>, opening: OpeningRecord, now: Date): Promise<RankedMatch<Scored>[]> {
  const plan = planRanking(opening.requirements, { now, skills: deps.skills, acceptedIssuers: opening.acceptedIssuers });
  const levels = await deps.store.evidence.rankingLevels(opening.id, plan, now);
  return rankMatches(levels.map((a) => ({ id: a.applicationId, match: scoreBestLevels(plan, a.levels) })));
}

/**
 * When the evidence a receipt states was checked: the oldest `checkedAt` of the credentials relied on (the receipt
 * must not claim a fresher check than the stored rows had); of every counted credential when none satisfied a
 * requirement; `now` when the application has none.
 */
export function evidenceCheckedAt(match: MatchResult, checkedAts: readonly Date[], now: Date): Date {
  const reliedOn = new Set(match.requirements.flatMap((r) => (r.satisfiedBy ? [r.satisfiedBy.credential] : [])));
  const times = reliedOn.size > 0 ? [...reliedOn].flatMap((i) => (checkedAts[i] ? [checkedAts[i]] : [])) : checkedAts;
  return times.length === 0 ? now : new Date(Math.min(...times.map((t) => t.getTime())));
}

export async function evaluateApplications(
  deps: MarketplaceDeps,
  openingId: string,
  { offset = 0, limit = DEFAULT_MATCHES_PAGE }: { offset?: number; limit?: number } = {},
): Promise<EvaluatedApplications> {
  const opening = await deps.store.openings.get(openingId);
  if (!opening) throw new NotFoundError(`No opening ${openingId}.`);
  const now = deps.clock();
  const ranked = await rankOpening(deps, opening, now);
  const page = ranked.slice(offset, offset + limit);
  const ids = page.map((p) => p.entry.id);
  const [evidence, summaries] = await Promise.all([deps.store.evidence.listByApplications(ids), deps.store.evidence.listApplications(opening.id, { ids })]);
  const summaryOf = new Map(summaries.map((s) => [s.id, s]));
  const matches: BlindMatch[] = [];
  for (const { rank, entry } of page) {
    const summary = summaryOf.get(entry.id);
    if (!summary) continue;
    const records = evidence.filter((r) => r.applicationId === entry.id);
    // Explained by the reference scorer on the same evidence (same positions, so receipts digest the right credential).
    const credentials: VerifiedCredential[] = [];
    const digests: string[] = [];
    const checkedAts: Date[] = [];
    for (const record of records) {
      const credential = fromEvidenceRecord(record, now);
      if (!credential) continue;
      credentials.push(credential);
      digests.push(record.digest);
      checkedAts.push(record.checkedAt);
    }
    const match = scoreMatch(opening.requirements, credentials, { now, skills: deps.skills, acceptedIssuers: opening.acceptedIssuers });
    const flags = [...new Set([...summary.flags, ...flagsOf(records, now)])];
    const receipt = deps.signReceipt
      ? await deps.signReceipt(
          buildMatchReceipt({ requirements: opening.requirements, match, secured: [], digests, checkedAt: evidenceCheckedAt(match, checkedAts, now), opening: openingUrl(deps.publicUrl, opening.id) }),
        )
      : undefined;
    matches.push({
      rank,
      applicationId: entry.id,
      submittedAt: summary.submittedAt.toISOString(),
      flagged: flags.length > 0,
      flags,
      match,
      ...(receipt ? { receipt } : {}),
    });
  }
  return { openingId: opening.id, evaluatedAt: now.toISOString(), total: ranked.length, offset, matches };
}
