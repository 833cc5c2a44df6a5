/**
 * Re-checks (issue 6 item 8): applications' credentials verified again now, their stored evidence replaced, their
 * flags recomputed; an application whose flags change gets an `application.flagged` / `application.unflagged` event
 * for its organisation's webhooks. Flags say what is wrong now: a suspended credential that is reinstated unflags
 * the application (the webhook deliveries keep the history).
 *
 * - recheckStatusEntry: after a status change of ours (issuer hook, called once the change committed), only the
 *   credentials that depend on that status list bit.
 * - recheckOpening: every application of an opening (POST /jobs/{id}/recheck): credentials of other issuers, whose
 *   status lists are fetched through the guarded client; also back-fills evidence for applications made before it.
 */
import type { CredentialRef } from '../core/marketplace-evidence-ports.ts';
import { isJsonObject } from '../core/open-badges.ts';
import { verifyCredential } from '../verifier/index.ts';
import { enqueueWebhookEvent } from './enqueue-webhook-event.ts';
import type { MarketplaceDeps } from './marketplace-deps.ts';
import { flagsOf, toEvidenceRecord } from './stored-evidence.ts';
import { openingUrl } from './to-job-posting.ts';

export interface RecheckSummary {
  applications: number;
  credentials: number;
  /** Applications that gained flags, and that lost all of them. */
  flagged: string[];
  unflagged: string[];
}

type RecheckDeps = Pick<MarketplaceDeps, 'store' | 'clock' | 'newId' | 'verification' | 'publicUrl'>;

/** Re-checks the given credentials (a ref without a position: every credential of that application). */
export async function recheckApplications(deps: RecheckDeps, targets: readonly (CredentialRef | { applicationId: string; position?: undefined })[]): Promise<RecheckSummary> {
  const now = deps.clock();
  const wanted = new Map<string, Set<number> | 'all'>();
  for (const target of targets) {
    const current = wanted.get(target.applicationId);
    if (target.position === undefined) wanted.set(target.applicationId, 'all');
    else if (current === undefined) wanted.set(target.applicationId, new Set([target.position]));
    else if (current !== 'all') current.add(target.position);
  }
  const applications = await deps.store.evidence.loadForRecheck([...wanted.keys()]);
  const records = [];
  for (const application of applications) {
    const positions = wanted.get(application.id);
    for (const [position, secured] of application.credentials.entries()) {
      if (positions !== 'all' && !positions?.has(position)) continue;
      const input = isJsonObject(secured) || typeof secured === 'string' ? secured : {};
      const result = await verifyCredential(input, { ...deps.verification, now });
      records.push(toEvidenceRecord({ applicationId: application.id, openingId: application.openingId, position, secured, result, checkedAt: now }));
    }
  }
  await deps.store.evidence.save(records);

  const evidence = await deps.store.evidence.listByApplications(applications.map((a) => a.id));
  const summary: RecheckSummary = { applications: applications.length, credentials: records.length, flagged: [], unflagged: [] };
  const organisations = new Map<string, string | null>();
  for (const application of applications) {
    const flags = flagsOf(
      evidence.filter((r) => r.applicationId === application.id),
      now,
    );
    const gained = flags.some((f) => !application.flags.includes(f));
    const cleared = flags.length === 0 && application.flags.length > 0;
    if (!gained && flags.length === application.flags.length) continue;
    await deps.store.applications.updateCheck(application.id, { flagged: flags.length > 0, flags, checkedAt: now });
    if (!gained && !cleared) continue;
    (gained ? summary.flagged : summary.unflagged).push(application.id);
    if (!organisations.has(application.openingId)) organisations.set(application.openingId, (await deps.store.openings.get(application.openingId))?.organisationId ?? null);
    const organisationId = organisations.get(application.openingId);
    if (!organisationId) continue;
    await enqueueWebhookEvent(deps, organisationId, gained ? 'application.flagged' : 'application.unflagged', {
      applicationId: application.id,
      openingId: application.openingId,
      opening: openingUrl(deps.publicUrl, application.openingId),
      flags,
      checkedAt: now.toISOString(),
    });
  }
  return summary;
}

/**
 * After a status list bit changed: the applications relying on a credential with that entry. Their evidence is first
 * marked stale, so that if this re-check fails (or the process stops) the periodic re-check (recheck-worker.ts)
 * takes them first instead of a revoked credential counting until its evidence ages out.
 */
export async function recheckStatusEntry(deps: RecheckDeps, statusListCredential: string, statusListIndex: number): Promise<RecheckSummary> {
  const refs = await deps.store.evidence.findByStatusEntry(statusListCredential, statusListIndex);
  await deps.store.evidence.markStale(refs);
  return recheckApplications(deps, refs);
}

/** Every application of an opening, `batchSize` applications at a time. */
export async function recheckOpening(deps: RecheckDeps, openingId: string, { batchSize = 100 } = {}): Promise<RecheckSummary> {
  const ids = (await deps.store.evidence.listApplications(openingId)).map((a) => a.id).sort();
  const total: RecheckSummary = { applications: 0, credentials: 0, flagged: [], unflagged: [] };
  for (let i = 0; i < ids.length; i += batchSize) {
    const part = await recheckApplications(
      deps,
      ids.slice(i, i + batchSize).map((applicationId) => ({ applicationId })),
    );
    total.applications += part.applications;
    total.credentials += part.credentials;
    total.flagged.push(...part.flagged);
    total.unflagged.push(...part.unflagged);
  }
  return total;
}
