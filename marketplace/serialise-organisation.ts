/** An organisation as JSON-LD schema.org `Organization`, with how it was verified when it was. */
import type { OrganisationRecord, OrganisationVerification } from '../core/marketplace-ports.ts';

export function verificationView(verification: OrganisationVerification | null): { verified: boolean; verifiedBy?: OrganisationVerification['verifiedBy']; verifiedAt?: string } {
  return verification ? { verified: true, verifiedBy: verification.verifiedBy, verifiedAt: verification.verifiedAt.toISOString() } : { verified: false };
}

export function serialiseOrganisation(publicUrl: string, org: OrganisationRecord, verification: OrganisationVerification | null): Record<string, unknown> {
  return {
    '@context': 'https://schema.org/',
    '@type': 'Organization',
    '@id': `${publicUrl}/orgs/${org.id}`,
    id: org.id,
    slug: org.slug,
    name: org.name,
    additionalType: org.kind,
    createdAt: org.createdAt.toISOString(),
    ...verificationView(verification),
  };
}
