/**
 * Blind review with consent-gated reveal (issue 6 item 5): an employer shortlists an application and so asks who it
 * is; the candidate sees the request in their wallet and consents (choosing what contact to share; the DID always) or
 * declines. Until consent, nothing the employer receives names the candidate: `candidateFor` is the only place that
 * reads `revealed`, and only for a `given` consent.
 */
import { NotFoundError } from '../core/errors.ts';
import type { ApplicationRecord, RevealedCandidate, ShortlistRecord } from '../core/marketplace-ports.ts';
import type { MarketplaceDeps } from './marketplace-deps.ts';

export interface ShortlistView {
  status: 'shortlisted';
  consent: ShortlistRecord['consent'];
  shortlistedAt: string;
  decidedAt: string | null;
}

/** The employer's view of a shortlist: the candidate only after consent. */
export function employerShortlistView(shortlist: ShortlistRecord | null): { shortlist: ShortlistView | null; candidate?: RevealedCandidate } {
  if (!shortlist) return { shortlist: null };
  const view: ShortlistView = { status: 'shortlisted', consent: shortlist.consent, shortlistedAt: shortlist.shortlistedAt.toISOString(), decidedAt: shortlist.decidedAt?.toISOString() ?? null };
  return shortlist.consent === 'given' && shortlist.revealed ? { shortlist: view, candidate: shortlist.revealed } : { shortlist: view };
}

/** The application of this opening, or 404. */
export async function applicationOfOpening(deps: Pick<MarketplaceDeps, 'store'>, openingId: string, applicationId: string): Promise<ApplicationRecord> {
  const application = await deps.store.reveals.getApplication(applicationId);
  if (!application || application.openingId !== openingId) throw new NotFoundError(`No application ${applicationId} for opening ${openingId}.`);
  return application;
}

export async function shortlistApplication(deps: Pick<MarketplaceDeps, 'store' | 'clock'>, input: { organisationId: string; openingId: string; applicationId: string; by: string }): Promise<ShortlistRecord> {
  const application = await applicationOfOpening(deps, input.openingId, input.applicationId);
  return deps.store.reveals.shortlist({
    applicationId: application.id,
    organisationId: input.organisationId,
    shortlistedAt: deps.clock(),
    shortlistedBy: input.by,
    consent: 'pending',
    decidedAt: null,
    revealed: null,
  });
}

async function holderDids(deps: Pick<MarketplaceDeps, 'store'>, holderId: string): Promise<string[]> {
  return (await deps.store.holderKeys.listByHolder(holderId)).map((k) => k.did);
}

export interface CandidateApplication {
  applicationId: string;
  openingId: string;
  title: string | null;
  organisation: { id: string; name: string } | null;
  submittedAt: string;
  flagged: boolean;
  /** A pending request means the employer shortlisted this application and asks to see who you are. */
  revealRequest: { consent: ShortlistRecord['consent']; requestedAt: string; decidedAt: string | null; shared: RevealedCandidate | null } | null;
}

/** The holder's applications (under any of their DIDs, current or retired), newest first. */
export async function listCandidateApplications(deps: Pick<MarketplaceDeps, 'store'>, holderId: string): Promise<CandidateApplication[]> {
  const rows = await deps.store.reveals.listByHolders(await holderDids(deps, holderId));
  const result: CandidateApplication[] = [];
  for (const { application, shortlist } of rows) {
    const opening = await deps.store.openings.get(application.openingId);
    const organisation = opening ? await deps.store.organisations.getById(opening.organisationId) : null;
    result.push({
      applicationId: application.id,
      openingId: application.openingId,
      title: opening?.title ?? null,
      organisation: organisation ? { id: organisation.id, name: organisation.name } : null,
      submittedAt: application.submittedAt.toISOString(),
      flagged: application.flagged,
      revealRequest: shortlist
        ? { consent: shortlist.consent, requestedAt: shortlist.shortlistedAt.toISOString(), decidedAt: shortlist.decidedAt?.toISOString() ?? null, shared: shortlist.revealed }
        : null,
    });
  }
  return result;
}

/**
 * The candidate answers a reveal request. Consent shares the DID the application was made with plus the contact the
 * candidate gives here; a decline (or a later consent replacing it) is recorded with its time. 404 unless the
 * application is the holder's and has been shortlisted.
 */
export async function decideReveal(
  deps: Pick<MarketplaceDeps, 'store' | 'clock'>,
  holderId: string,
  applicationId: string,
  decision: { consent: 'given'; share?: Omit<RevealedCandidate, 'did'> } | { consent: 'declined' },
): Promise<ShortlistRecord> {
  const application = await deps.store.reveals.getApplication(applicationId);
  if (!application || !(await holderDids(deps, holderId)).includes(application.holder)) throw new NotFoundError(`No application ${applicationId}.`);
  const revealed = decision.consent === 'given' ? { ...(decision.share ?? {}), did: application.holder } : null;
  const decided = await deps.store.reveals.decide(application.id, { consent: decision.consent, revealed, at: deps.clock() });
  if (!decided) throw new NotFoundError(`Application ${applicationId} has not been shortlisted: there is nothing to consent to.`);
  return decided;
}
