/**
 * Organisation isolation: a route about an organisation's resources (openings, applications, matches, keys, webhooks)
 * answers only for a caller acting for THAT organisation (an employer session or an organisation API key, with the
 * route's scope, checked by http/) or for the platform admin. Anyone else gets 404, as if the resource did not exist,
 * so an employer of one organisation cannot even learn another's opening ids.
 */
import { NotFoundError } from '../core/errors.ts';
import type { OpeningRecord } from '../core/marketplace-ports.ts';
import type { Principal } from '../http/auth.ts';
import type { MarketplaceDeps } from './marketplace-deps.ts';

export function canActFor(principal: Principal | null, organisationId: string): boolean {
  if (!principal) return false;
  if (principal.organisation) return principal.organisation.organisationId === organisationId;
  return principal.scopes.includes('admin');
}

export function assertOrganisationAccess(principal: Principal | null, organisationId: string): void {
  if (!canActFor(principal, organisationId)) throw new NotFoundError(`No organisation ${organisationId}.`);
}

/** The opening, when the caller may act for its organisation; 404 otherwise (unknown or someone else's). */
export async function openingForCaller(deps: Pick<MarketplaceDeps, 'store'>, principal: Principal | null, openingId: string): Promise<OpeningRecord> {
  const opening = await deps.store.openings.get(openingId);
  if (!opening || !canActFor(principal, opening.organisationId)) throw new NotFoundError(`No opening ${openingId}.`);
  return opening;
}

/** Who did it, for records: the employer, the API key, or the platform token. */
export function actorOf(principal: Principal): string {
  return principal.organisation?.employerId ?? principal.tokenId;
}
