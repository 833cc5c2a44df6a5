/**
 * buildDcqlQuery: an opening's requirements as a DCQL query (OpenID4VP 1.0 §6), which an OpenID4VP wallet answers.
 * One credential query per requirement: an Open Badges 3.0 credential (`ldp_vc`, type_values) with an achievement
 * alignment to the skill at an acceptable level (Proofline's `<skill URI>/levels/<level>`, issuer/build-achievement.ts;
 * the bare skill URI for foundation, as other frameworks align without levels). A credential set per requirement says
 * whether it is required; the wallet may send one credential for several queries.
 *
 * Not expressible in DCQL and enforced by scoreMatch instead: sub-skills through the hierarchy, maxAgeMonths, issuer
 * trust (`trusted_authorities` has no DID type yet).
 */
import type { Requirement } from '../core/marketplace-ports.ts';
import { SKILL_LEVELS, levelRank } from '../core/open-badges.ts';

export interface DcqlQuery {
  credentials: {
    id: string;
    format: 'ldp_vc';
    meta: { type_values: string[][] };
    claims: { id: string; path: (string | null)[]; values: string[] }[];
  }[];
  credential_sets: { options: string[][]; required: boolean; purpose?: string }[];
}

/** The alignment targetUrls that show `requirement.skill` at `minLevel` or higher. */
export function acceptableSkillUrls(requirement: Pick<Requirement, 'skill' | 'minLevel'>): string[] {
  const levels = SKILL_LEVELS.filter((l) => levelRank(l) >= levelRank(requirement.minLevel)).map((l) => `${requirement.skill}/levels/${l}`);
  return requirement.minLevel === 'foundation' ? [requirement.skill, ...levels] : levels;
}

export function buildDcqlQuery(requirements: readonly Requirement[]): DcqlQuery {
  const credentials = requirements.map((requirement, i) => ({
    id: `requirement_${i}`,
    format: 'ldp_vc' as const,
    meta: { type_values: [['VerifiableCredential', 'OpenBadgeCredential']] },
    claims: [{ id: 'skill', path: ['credentialSubject', 'achievement', 'alignment', null, 'targetUrl'], values: acceptableSkillUrls(requirement) }],
  }));
  return {
    credentials,
    credential_sets: requirements.map((requirement, i) => ({
      options: [[`requirement_${i}`]],
      required: requirement.required,
      purpose: `${requirement.skill} at ${requirement.minLevel} or higher`,
    })),
  };
}
