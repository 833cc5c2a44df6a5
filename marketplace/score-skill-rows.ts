/**
 * Ranking without re-verifying or re-explaining: per requirement, the best effective level an application's usable
 * evidence reaches (`bestLevels`; storage computes the same numbers in SQL, one row per application), then score,
 * eligibility and surplus from those integers (`scoreBestLevels`). It must agree exactly with `scoreMatch` (the
 * reference) on the same evidence: score-skill-rows.test.ts checks the in-memory path on random data, and
 * test/marketplace-ranking.test.ts the SQL path on both databases.
 *
 * Why it agrees: scoreMatch's best candidate for a requirement is, among usable, accepted and recent candidates with
 * an effective level ≥ the minimum, one of the highest effective level; so a requirement is met iff the highest
 * effective level over usable, accepted, recent rows reaches the minimum, and its surplus is that level minus the
 * minimum. Points are summed in requirement order, as scoreMatch sums them, so the floating-point score is the same.
 */
import { addMonths } from '../core/clock.ts';
import type { RankingPlanQuery, RankingSkillRow } from '../core/marketplace-evidence-ports.ts';
import type { Requirement } from '../core/marketplace-ports.ts';
import { levelRank } from '../core/open-badges.ts';
import type { ScoreMatchOptions } from './score-match.ts';
import { ancestorsOf } from './skill-directory.ts';

export interface RankingPlan extends RankingPlanQuery {
  requirements: (RankingPlanQuery['requirements'][number] & { distanceOf: Map<string, number>; minRank: number; weight: number; required: boolean })[];
  total: number;
}

export type RowScore = { score: number; eligible: boolean; surplus: number };

/** No evidence for a requirement. */
export const NO_LEVEL = -1;

/** What one opening's requirements need to know of a skill row, computed once per ranking. */
export function planRanking(requirements: readonly Requirement[], { now, skills, acceptedIssuers = [] }: ScoreMatchOptions): RankingPlan {
  const relevant = new Set<string>();
  const planned = requirements.map((requirement) => {
    const distanceOf = new Map<string, number>();
    if (skills) {
      for (const id of skills.keys()) {
        const position = ancestorsOf(skills, id).indexOf(requirement.skill);
        if (position >= 0) distanceOf.set(id, position + 1);
      }
    }
    distanceOf.set(requirement.skill, 0);
    for (const id of distanceOf.keys()) relevant.add(id);
    return {
      distanceOf,
      distances: [...distanceOf].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
      minRank: levelRank(requirement.minLevel),
      weight: requirement.weight,
      required: requirement.required,
      notBefore: requirement.maxAgeMonths === undefined ? null : addMonths(now, -requirement.maxAgeMonths).getTime(),
    };
  });
  return {
    relevantSkills: [...relevant].sort(),
    requirements: planned,
    acceptedIssuers: acceptedIssuers.length === 0 ? null : [...acceptedIssuers],
    total: requirements.reduce((sum, r) => sum + r.weight, 0),
  };
}

/** Per requirement, the highest effective level of a usable, accepted, recent row (NO_LEVEL without one). */
export function bestLevels(plan: RankingPlan, rows: readonly RankingSkillRow[]): number[] {
  const accepted = plan.acceptedIssuers === null ? null : new Set(plan.acceptedIssuers);
  return plan.requirements.map((requirement) => {
    let best = NO_LEVEL;
    for (const row of rows) {
      if (!row.usable) continue;
      const distance = requirement.distanceOf.get(row.skill);
      if (distance === undefined || row.level - distance <= best) continue;
      if (accepted !== null && (row.issuer === null || !accepted.has(row.issuer))) continue;
      if (requirement.notBefore !== null && (row.validFromMs === null || row.validFromMs < requirement.notBefore)) continue;
      best = row.level - distance;
    }
    return best;
  });
}

export function scoreBestLevels(plan: RankingPlan, bests: readonly number[]): RowScore {
  let met = 0;
  let surplus = 0;
  let eligible = true;
  plan.requirements.forEach((requirement, i) => {
    const best = bests[i] ?? NO_LEVEL;
    if (best >= requirement.minRank) {
      met += requirement.weight;
      surplus += best - requirement.minRank;
    } else if (requirement.required) eligible = false;
  });
  return { score: plan.total > 0 ? Math.round((met / plan.total) * 10_000) / 100 : 0, eligible, surplus };
}

export function scoreSkillRows(plan: RankingPlan, rows: readonly RankingSkillRow[]): RowScore {
  return scoreBestLevels(plan, bestLevels(plan, rows));
}
