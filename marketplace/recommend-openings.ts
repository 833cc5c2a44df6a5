/**
 * recommendOpenings: open positions ranked for a holder from the credentials in their wallet, each verified now by
 * verifier/ (only verified, trusted, unrevoked ones count: DESIGN.md §3 rule 6), scored by the same pure scoreMatch
 * and explained the same way as an application would be. Nothing is stored and no employer sees anything.
 * Order: eligible first, then score, surplus, newest opening, id (deterministic).
 */
import { isUsableCredential, toVerifiedCredential, type VerifiedCredential } from '../core/verified-credential.ts';
import { holderCheckable } from '../crypto/sign-ecdsa-sd.ts';
import { bundledDocumentLoader } from '../contexts/document-loader.ts';
import { verifyCredential } from '../verifier/index.ts';
import type { OpeningRecord } from '../core/marketplace-ports.ts';
import type { MarketplaceDeps } from './marketplace-deps.ts';
import { scoreMatch, type MatchResult, type ScoreMatchOptions } from './score-match.ts';
import { openingUrl } from './to-job-posting.ts';

/** The newest open openings considered (scoring is pure and cheap; fetching is what costs). */
export const MAX_OPENINGS_CONSIDERED = 1000;

export interface Recommendation {
  rank: number;
  openingId: string;
  url: string;
  title: string;
  organisation: { id: string; name: string } | null;
  match: MatchResult;
}

export interface Recommendations {
  evaluatedAt: string;
  /** Wallet credentials that counted (verified and usable now) and how many did not. */
  credentialsUsed: number;
  credentialsIgnored: number;
  recommendations: Recommendation[];
}

export async function recommendOpenings(deps: Pick<MarketplaceDeps, 'store' | 'clock' | 'publicUrl' | 'skills' | 'verification'>, holderId: string, { limit = 20 }: { limit?: number } = {}): Promise<Recommendations> {
  const now = deps.clock();
  const stored = await deps.store.walletCredentials.list(holderId);
  const usable: VerifiedCredential[] = [];
  const documentLoader = deps.verification.documentLoader ?? bundledDocumentLoader;
  for (const record of stored) {
    // An ecdsa-sd-2023 credential is kept with its base proof, which verifiers refuse: it is checked through its full
    // disclosure (as the wallet checks it); anything else as stored.
    const checkable = await holderCheckable(record.secured, { documentLoader });
    const secured: object | string = typeof checkable !== 'string' || record.format === 'vc+jwt' ? checkable : (JSON.parse(checkable) as object);
    const verified = toVerifiedCredential(await verifyCredential(secured, { ...deps.verification, now }), now);
    if (verified && isUsableCredential(verified)) usable.push(verified);
  }
  const ranked = rankOpeningsFor(await deps.store.openings.listOpen({ limit: MAX_OPENINGS_CONSIDERED }), usable, { now, skills: deps.skills });
  const top = [];
  for (const { opening, match } of ranked.slice(0, limit)) top.push({ opening, match, organisation: await deps.store.organisations.getById(opening.organisationId) });
  return {
    evaluatedAt: now.toISOString(),
    credentialsUsed: usable.length,
    credentialsIgnored: stored.length - usable.length,
    recommendations: top.map(({ opening, organisation, match }, i) => ({
      rank: i + 1,
      openingId: opening.id,
      url: openingUrl(deps.publicUrl, opening.id),
      title: opening.title,
      organisation: organisation ? { id: organisation.id, name: organisation.name } : null,
      match,
    })),
  };
}

/**
 * The pure part: every opening scored on the same credentials (its own accepted issuers), score-0 openings left out,
 * then eligible first, score, surplus, newest opening, id. A total order: the result does not depend on input order.
 */
export function rankOpeningsFor(
  openings: readonly OpeningRecord[],
  credentials: readonly VerifiedCredential[],
  options: Pick<ScoreMatchOptions, 'now' | 'skills'>,
): { opening: OpeningRecord; match: MatchResult }[] {
  const scored = openings
    .map((opening) => ({ opening, match: scoreMatch(opening.requirements, credentials, { ...options, acceptedIssuers: opening.acceptedIssuers }) }))
    .filter(({ match }) => match.score > 0);
  return scored.sort(
    (a, b) =>
      Number(b.match.eligible) - Number(a.match.eligible) ||
      b.match.score - a.match.score ||
      b.match.surplus - a.match.surplus ||
      b.opening.createdAt.getTime() - a.opening.createdAt.getTime() ||
      (a.opening.id < b.opening.id ? -1 : a.opening.id > b.opening.id ? 1 : 0),
  );
}
