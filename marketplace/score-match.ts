/**
 * scoreMatch: how well verified credentials meet an opening's requirements, with an explanation per requirement.
 * Pure and deterministic: the same requirements, credentials (in any order) and `now` give the same result.
 *
 * Rules (docs/decisions/0009-marketplace-matching.md):
 * - Only `VerifiedCredential`s are accepted (the type makes an unverified claim unscorable); of those, only trusted,
 *   unrevoked, unsuspended ones count, from an accepted issuer when the opening names any.
 * - A skill counts for a requirement when it is the required skill (exact URI), or a sub-skill of it in the framework
 *   hierarchy at one level lower per generation (expert in `structured-output` proves practitioner in
 *   `prompt-engineering`); a parent never proves a child. A skill without a level (ESCO, other frameworks) counts as
 *   foundation.
 * - Levels compare foundation < practitioner < expert. With `maxAgeMonths`, the credential's validFrom must be within
 *   that many months before `now`; a credential without validFrom cannot show recency.
 * - Per requirement the best candidate wins: highest effective level, then most recent, then smallest credential id.
 * - Score = 100 × met weight / total weight (two decimals). Eligible = every required requirement met.
 */
import { addMonths } from '../core/clock.ts';
import type { Requirement } from '../core/marketplace-ports.ts';
import { SKILL_LEVELS, levelRank, type SkillLevel } from '../core/open-badges.ts';
import { isUsableCredential, type VerifiedCredential } from '../core/verified-credential.ts';
import { ancestorsOf, type SkillDirectory } from './skill-directory.ts';

export interface ScoreMatchOptions {
  now: Date;
  /** Framework hierarchy; without it only exact skill URIs match. */
  skills?: SkillDirectory;
  /** Accepted issuer DIDs; empty or absent: any trusted issuer. */
  acceptedIssuers?: readonly string[];
}

export interface Evidence {
  /** Position of the credential in the list scored (an application's credentials keep their order). */
  credential: number;
  credentialId: string | null;
  achievementId: string | null;
  issuer: string | null;
  /** The skill the credential attests and at what level. */
  skill: string;
  level: SkillLevel;
  /** The level it counts for here (lower through the hierarchy). */
  effectiveLevel: SkillLevel;
  via: 'exact' | 'sub-skill';
  validFrom: string | null;
  checkedAt: string;
}

export interface RequirementExplanation {
  skill: string;
  minLevel: SkillLevel;
  required: boolean;
  weight: number;
  maxAgeMonths: number | null;
  met: boolean;
  points: number;
  /** The credential that meets it, when one does. */
  satisfiedBy: Evidence | null;
  /** When unmet: the closest evidence found and why it fell short. */
  nearMisses: { evidence: Evidence; reason: 'level-too-low' | 'too-old' | 'issuer-not-accepted' | 'not-usable' }[];
  /** When unmet: what would meet it, in words. */
  wouldMeet: string | null;
}

export interface MatchResult {
  /** 0-100. */
  score: number;
  eligible: boolean;
  /** Sum of effective levels above the minimum over met requirements: a tie-breaker, not part of the score. */
  surplus: number;
  requirements: RequirementExplanation[];
  evaluatedAt: string;
}

interface Candidate {
  evidence: Evidence;
  usable: boolean;
  accepted: boolean;
  recent: boolean;
}

export function scoreMatch(requirements: readonly Requirement[], credentials: readonly VerifiedCredential[], options: ScoreMatchOptions): MatchResult {
  const { now, skills, acceptedIssuers = [] } = options;
  const explanations = requirements.map((requirement) => explainRequirement(requirement, credentials, { now, skills, acceptedIssuers }));
  const total = requirements.reduce((sum, r) => sum + r.weight, 0);
  const met = explanations.reduce((sum, e) => sum + e.points, 0);
  return {
    score: total > 0 ? Math.round((met / total) * 10_000) / 100 : 0,
    eligible: explanations.every((e) => e.met || !e.required),
    surplus: explanations.reduce((sum, e) => sum + (e.satisfiedBy ? levelRank(e.satisfiedBy.effectiveLevel) - levelRank(e.minLevel) : 0), 0),
    requirements: explanations,
    evaluatedAt: now.toISOString(),
  };
}

function explainRequirement(
  requirement: Requirement,
  credentials: readonly VerifiedCredential[],
  { now, skills, acceptedIssuers }: { now: Date; skills: SkillDirectory | undefined; acceptedIssuers: readonly string[] },
): RequirementExplanation {
  const notBefore = requirement.maxAgeMonths === undefined ? null : addMonths(now, -requirement.maxAgeMonths);
  const candidates: Candidate[] = [];
  credentials.forEach((credential, index) => {
    for (const skill of credential.skills) {
      const distance = skill.id === requirement.skill ? 0 : skills ? ancestorsOf(skills, skill.id).indexOf(requirement.skill) + 1 : 0;
      if (skill.id !== requirement.skill && distance === 0) continue;
      const level = skill.level ?? 'foundation';
      const effective = levelRank(level) - distance;
      if (effective < 0) continue;
      const validFrom = skill.validFrom ?? null;
      const issuer = credential.issuer ?? skill.issuer ?? null;
      const validFromTime = validFrom === null ? Number.NaN : Date.parse(validFrom);
      candidates.push({
        evidence: {
          credential: index,
          credentialId: credential.credentialId,
          achievementId: skill.achievementId ?? null,
          issuer,
          skill: skill.id,
          level,
          effectiveLevel: SKILL_LEVELS[effective] as SkillLevel,
          via: distance === 0 ? 'exact' : 'sub-skill',
          validFrom,
          checkedAt: credential.checkedAt,
        },
        usable: isUsableCredential(credential),
        accepted: acceptedIssuers.length === 0 || (issuer !== null && acceptedIssuers.includes(issuer)),
        recent: notBefore === null || (!Number.isNaN(validFromTime) && validFromTime >= notBefore.getTime()),
      });
    }
  });
  candidates.sort(compareCandidates);
  const minRank = levelRank(requirement.minLevel);
  const best = candidates.find((c) => c.usable && c.accepted && c.recent && levelRank(c.evidence.effectiveLevel) >= minRank) ?? null;
  const base = {
    skill: requirement.skill,
    minLevel: requirement.minLevel,
    required: requirement.required,
    weight: requirement.weight,
    maxAgeMonths: requirement.maxAgeMonths ?? null,
  };
  if (best) return { ...base, met: true, points: requirement.weight, satisfiedBy: best.evidence, nearMisses: [], wouldMeet: null };
  const nearMisses = candidates.slice(0, 3).map((c) => ({
    evidence: c.evidence,
    reason: !c.usable ? ('not-usable' as const) : !c.accepted ? ('issuer-not-accepted' as const) : !c.recent ? ('too-old' as const) : ('level-too-low' as const),
  }));
  const wouldMeet = [
    `A verified credential for ${requirement.skill} at ${requirement.minLevel} or higher`,
    minRank < SKILL_LEVELS.length - 1 ? ` (or for one of its sub-skills at ${SKILL_LEVELS[minRank + 1]} or higher)` : '',
    notBefore ? `, valid from ${notBefore.toISOString().slice(0, 10)} or later` : '',
    acceptedIssuers.length > 0 ? `, issued by ${acceptedIssuers.join(' or ')}` : ', from a trusted issuer',
    ', neither revoked nor suspended.',
  ].join('');
  return { ...base, met: false, points: 0, satisfiedBy: null, nearMisses, wouldMeet };
}

/** Best first: usable, then effective level, then the most recent, then the smallest credential id and skill URI. */
function compareCandidates(a: Candidate, b: Candidate): number {
  const usable = Number(b.usable && b.accepted && b.recent) - Number(a.usable && a.accepted && a.recent);
  if (usable !== 0) return usable;
  const level = levelRank(b.evidence.effectiveLevel) - levelRank(a.evidence.effectiveLevel);
  if (level !== 0) return level;
  const time = (b.evidence.validFrom ?? '').localeCompare(a.evidence.validFrom ?? '');
  if (time !== 0) return time;
  return compareText(a.evidence.credentialId ?? '', b.evidence.credentialId ?? '') || compareText(a.evidence.skill, b.evidence.skill) || compareText(a.evidence.achievementId ?? '', b.evidence.achievementId ?? '');
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
