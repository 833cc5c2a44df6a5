/** createOrganisation: an employer profile (by the platform admin, or with its owner at employer sign-up: decision 0012). */
import { ConflictError } from '../core/errors.ts';
import type { OrganisationKind, OrganisationRecord } from '../core/marketplace-ports.ts';
import type { MarketplaceDeps } from './marketplace-deps.ts';
import { slugify } from './slugify.ts';

export async function createOrganisation(
  deps: Pick<MarketplaceDeps, 'store' | 'clock' | 'newId'>,
  input: { name: string; kind: OrganisationKind; slug?: string },
): Promise<OrganisationRecord> {
  const organisation: OrganisationRecord = { id: deps.newId(), slug: input.slug ?? slugify(input.name), name: input.name, kind: input.kind, createdAt: deps.clock() };
  if (!(await deps.store.organisations.create(organisation))) throw new ConflictError(`An organisation with slug "${organisation.slug}" exists already.`);
  return organisation;
}
