/**
 * toJobPosting: an opening as JSON-LD schema.org `JobPosting`. Skills are `DefinedTerm`s (`skills`); our requirements
 * and the machine-readable request (DCQL, Presentation Exchange) ride along as JSON literals under our own terms, so
 * a schema.org consumer can ignore them.
 */
import type { OpeningRecord, OrganisationRecord, OrganisationVerification } from '../core/marketplace-ports.ts';
import { buildDcqlQuery, type DcqlQuery } from './build-dcql-query.ts';
import { buildPresentationDefinition, type PresentationDefinition } from './build-presentation-definition.ts';
import { verificationView } from './serialise-organisation.ts';
import type { SkillDirectory } from './skill-directory.ts';

export const JOB_POSTING_CONTEXT = {
  '@vocab': 'https://schema.org/',
  pl: 'https://proofline.dev/ns/marketplace#',
  requirements: { '@id': 'pl:requirements', '@type': '@json' },
  acceptedIssuers: { '@id': 'pl:acceptedIssuers', '@type': '@json' },
  presentationRequest: { '@id': 'pl:presentationRequest', '@type': '@json' },
} as const;

const EMPLOYMENT_TYPES: Record<string, string> = {
  'full-time': 'FULL_TIME',
  'part-time': 'PART_TIME',
  contract: 'CONTRACTOR',
  temporary: 'TEMPORARY',
  internship: 'INTERN',
  volunteer: 'VOLUNTEER',
};

export function openingUrl(publicUrl: string, openingId: string): string {
  return `${publicUrl}/jobs/${encodeURIComponent(openingId)}`;
}

export interface PresentationRequest {
  /** The domain a presentation for this opening is signed for. */
  domain: string;
  challengeEndpoint: string;
  applicationEndpoint: string;
  dcql_query: DcqlQuery;
  presentation_definition: PresentationDefinition;
}

export function presentationRequestFor(publicUrl: string, opening: OpeningRecord): PresentationRequest {
  const url = openingUrl(publicUrl, opening.id);
  return {
    domain: url,
    challengeEndpoint: `${url}/challenge`,
    applicationEndpoint: `${url}/applications`,
    dcql_query: buildDcqlQuery(opening.requirements),
    presentation_definition: buildPresentationDefinition(url, opening.requirements, { name: opening.title, acceptedIssuers: opening.acceptedIssuers }),
  };
}

/** `verification`: how the hiring organisation proved who it is (decision 0012); shown as `verified`, `verifiedBy`. */
export function toJobPosting(
  publicUrl: string,
  opening: OpeningRecord,
  organisation: OrganisationRecord,
  skills: SkillDirectory,
  verification: OrganisationVerification | null = null,
): Record<string, unknown> {
  const url = openingUrl(publicUrl, opening.id);
  const employmentType = opening.employmentType ? EMPLOYMENT_TYPES[opening.employmentType] : undefined;
  return {
    '@context': JOB_POSTING_CONTEXT,
    '@type': 'JobPosting',
    '@id': url,
    url,
    identifier: opening.id,
    title: opening.title,
    description: opening.description,
    datePosted: opening.createdAt.toISOString().slice(0, 10),
    ...(employmentType ? { employmentType } : {}),
    hiringOrganization: { '@type': 'Organization', '@id': `${publicUrl}/orgs/${organisation.id}`, name: organisation.name, additionalType: organisation.kind, ...verificationView(verification) },
    jobLocation: { '@type': 'Place', address: opening.location },
    ...(opening.remote === 'remote' ? { jobLocationType: 'TELECOMMUTE' } : {}),
    skills: opening.requirements.map((r) => ({
      '@type': 'DefinedTerm',
      '@id': r.skill,
      name: skills.get(r.skill)?.name ?? r.skill,
    })),
    requirements: opening.requirements,
    acceptedIssuers: opening.acceptedIssuers,
    presentationRequest: presentationRequestFor(publicUrl, opening),
  };
}
