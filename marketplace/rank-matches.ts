/**
 * rankMatches: applications best first. Eligible before not eligible, then score, then surplus (levels above the
 * minimum), then the pseudonymous id, so the order is total and reproducible.
 */
import type { MatchResult } from './score-match.ts';

type Ranked = { id: string; match: Pick<MatchResult, 'eligible' | 'score' | 'surplus'> };

export interface RankedMatch<T extends Ranked> {
  rank: number;
  entry: T;
}

export function rankMatches<T extends Ranked>(entries: readonly T[]): RankedMatch<T>[] {
  return [...entries]
    .sort(
      (a, b) =>
        Number(b.match.eligible) - Number(a.match.eligible) ||
        b.match.score - a.match.score ||
        b.match.surplus - a.match.surplus ||
        (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
    )
    .map((entry, i) => ({ rank: i + 1, entry }));
}
