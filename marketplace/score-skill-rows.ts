/**
 * scoreSkillRows: score, eligibility and surplus of one application from its stored skill rows, without the
 * explanation: what ranking 10^5 applications needs. It must agree exactly with `scoreMatch` (the reference) on the
 * same evidence; score-skill-rows.test.ts checks that on random data.
 *
 * Why it agrees: scoreMatch's best candidate for a requirement is, among usable, accepted and recent candidates with
 * an effective level ≥ the minimum, one of the highest effective level; so a requirement is met iff such a row
 * exists, and its surplus is that highest effective level minus the minimum. Points are summed in requirement order,
 * as scoreMatch sums them, so the floating-point score is the same.
 */
import { addMonths } from '../core/clock.ts';
import type { RankingSkillRow } from '../core/marketplace-evidence-ports.ts';
import type { Requirement } from '../core/marketplace-ports.ts';
import { levelRank } from '../core/open-badges.ts';
import type { ScoreMatchOptions } from './score-match.ts';
import { ancestorsOf } from './skill-directory.ts';

export interface RankingPlan {
  /** Every skill URI that can count for some requirement (exact, or a descendant in the hierarchy). */
  relevantSkills: string[];
  requirements: { distances: Map<string, number>; minRank: number; weight: number; required: boolean; notBefore: number | null }[];
  accepted: ReadonlySet<string> | null;
  total: number;
}

export type RowScore = { score: number; eligible: boolean; surplus: number };

/** What one opening's requirements need to know of a skill row, computed once per ranking. */
export function planRanking(requirements: readonly Requirement[], { now, skills, acceptedIssuers = [] }: ScoreMatchOptions): RankingPlan {
  const relevant = new Set<string>();
  const planned = requirements.map((requirement) => {
    const distances = new Map<string, number>();
    if (skills) {
      for (const id of skills.keys()) {
        const position = ancestorsOf(skills, id).indexOf(requirement.skill);
        if (position >= 0) distances.set(id, position + 1);
      }
    }
    distances.set(requirement.skill, 0);
    for (const id of distances.keys()) relevant.add(id);
    return {
      distances,
      minRank: levelRank(requirement.minLevel),
      weight: requirement.weight,
      required: requirement.required,
      notBefore: requirement.maxAgeMonths === undefined ? null : addMonths(now, -requirement.maxAgeMonths).getTime(),
    };
  });
  return {
    relevantSkills: [...relevant].sort(),
    requirements: planned,
    accepted: acceptedIssuers.length === 0 ? null : new Set(acceptedIssuers),
    total: requirements.reduce((sum, r) => sum + r.weight, 0),
  };
}

export function scoreSkillRows(plan: RankingPlan, rows: readonly RankingSkillRow[]): RowScore {
  let met = 0;
  let surplus = 0;
  let eligible = true;
  for (const requirement of plan.requirements) {
    let best = -1;
    for (const row of rows) {
      if (!row.usable) continue;
      const distance = requirement.distances.get(row.skill);
      if (distance === undefined) continue;
      const effective = row.level - distance;
      if (effective < requirement.minRank || effective <= best) continue;
      if (plan.accepted !== null && (row.issuer === null || !plan.accepted.has(row.issuer))) continue;
      if (requirement.notBefore !== null && (row.validFromMs === null || row.validFromMs < requirement.notBefore)) continue;
      best = effective;
    }
    if (best >= 0) {
      met += requirement.weight;
      surplus += best - requirement.minRank;
    } else if (requirement.required) eligible = false;
  }
  return { score: plan.total > 0 ? Math.round((met / plan.total) * 10_000) / 100 : 0, eligible, surplus };
}
