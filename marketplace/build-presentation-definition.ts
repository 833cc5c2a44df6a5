/**
 * buildPresentationDefinition: an opening's requirements as a DIF Presentation Exchange v2 presentation definition.
 * One input descriptor per requirement (OB 3.0 credential, an alignment to the skill at an acceptable level, an
 * accepted issuer when the opening names any); submission requirements: every required descriptor, any of the
 * preferred ones.
 */
import type { Requirement } from '../core/marketplace-ports.ts';
import { acceptableSkillUrls } from './build-dcql-query.ts';

export interface PresentationDefinition {
  id: string;
  name?: string;
  purpose: string;
  format: { ldp_vc: { proof_type: string[] }; ldp_vp: { proof_type: string[] } };
  submission_requirements: { name: string; rule: 'all' | 'pick'; min?: number; from: string }[];
  input_descriptors: {
    id: string;
    name: string;
    purpose: string;
    group: string[];
    constraints: { fields: { path: string[]; filter: Record<string, unknown> }[] };
  }[];
}

export function buildPresentationDefinition(
  id: string,
  requirements: readonly Requirement[],
  options: { name?: string; acceptedIssuers?: readonly string[] } = {},
): PresentationDefinition {
  const { acceptedIssuers = [] } = options;
  const hasRequired = requirements.some((r) => r.required);
  const hasPreferred = requirements.some((r) => !r.required);
  return {
    id,
    ...(options.name ? { name: options.name } : {}),
    purpose: 'Verified skill credentials for this opening: only what the credentials prove is scored.',
    format: { ldp_vc: { proof_type: ['DataIntegrityProof'] }, ldp_vp: { proof_type: ['DataIntegrityProof'] } },
    submission_requirements: [
      ...(hasRequired ? [{ name: 'Required skills', rule: 'all' as const, from: 'required' }] : []),
      ...(hasPreferred ? [{ name: 'Preferred skills', rule: 'pick' as const, min: 0, from: 'preferred' }] : []),
    ],
    input_descriptors: requirements.map((requirement, i) => ({
      id: `requirement_${i}`,
      name: requirement.skill,
      purpose: `${requirement.skill} at ${requirement.minLevel} or higher${requirement.maxAgeMonths ? `, assessed within ${requirement.maxAgeMonths} months` : ''}`,
      group: [requirement.required ? 'required' : 'preferred'],
      constraints: {
        fields: [
          { path: ['$.type'], filter: { type: 'array', contains: { const: 'OpenBadgeCredential' } } },
          {
            path: ['$.credentialSubject.achievement.alignment[*].targetUrl'],
            filter: { type: 'string', enum: acceptableSkillUrls(requirement) },
          },
          ...(acceptedIssuers.length > 0 ? [{ path: ['$.issuer', '$.issuer.id'], filter: { type: 'string', enum: [...acceptedIssuers] } }] : []),
        ],
      },
    })),
  };
}
