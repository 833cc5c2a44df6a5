/**
 * updateOpening: an organisation edits its opening's description or closes/reopens it. Requirements are fixed once
 * posted: applications were scored, and match receipts signed, against them (their digest is in every receipt);
 * different requirements are a new opening.
 */
import { NotFoundError } from '../core/errors.ts';
import type { OpeningRecord, RemotePolicy, OpeningStatus } from '../core/marketplace-ports.ts';
import type { MarketplaceDeps } from './marketplace-deps.ts';

export interface OpeningChanges {
  title?: string;
  description?: string;
  location?: string;
  remote?: RemotePolicy;
  employmentType?: string | null;
  status?: OpeningStatus;
}

export async function updateOpening(deps: Pick<MarketplaceDeps, 'store'>, openingId: string, changes: OpeningChanges): Promise<OpeningRecord> {
  const updated = await deps.store.openings.update(openingId, changes);
  if (!updated) throw new NotFoundError(`No opening ${openingId}.`);
  return updated;
}
