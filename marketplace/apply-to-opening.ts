/**
 * applyToOpening: a candidate's presentation, signed over a challenge from POST /jobs/{id}/challenge (or POST
 * /challenges with the opening URL as domain), verified by verifier/ and consumed once. The application keeps the
 * usable credentials as presented (what a re-check verifies again) and, per credential, the verifier's evidence
 * (marketplace/stored-evidence.ts) that ranking reads.
 */
import { NotFoundError } from '../core/errors.ts';
import type { ApplicationRecord } from '../core/marketplace-ports.ts';
import type { VerificationProblem } from '../verifier/index.ts';
import type { MarketplaceDeps } from './marketplace-deps.ts';
import { scoreMatch, type MatchResult } from './score-match.ts';
import { openingUrl } from './to-job-posting.ts';
import { toEvidenceRecord } from './stored-evidence.ts';
import { verifyCandidate, type RejectedCredential } from './verify-candidate.ts';

export type ApplyResult =
  | { accepted: false; problemDetails: VerificationProblem[] }
  | { accepted: true; applicationId: string; match: MatchResult; rejected: RejectedCredential[] };

export async function applyToOpening(deps: MarketplaceDeps, openingId: string, input: { presentation: object | string; challenge: string }): Promise<ApplyResult> {
  const opening = await deps.store.openings.get(openingId);
  if (!opening || opening.status !== 'open') throw new NotFoundError(`No open opening ${openingId}.`);
  const now = deps.clock();
  const domain = openingUrl(deps.publicUrl, opening.id);
  const verified = await verifyCandidate(input.presentation, {
    ...deps.verification,
    now,
    challenge: input.challenge,
    domain,
    holderBinding: true,
    consumeChallenge: (value, options) => deps.store.challenges.consume(value, options),
  });
  if (!verified.accepted) return verified;
  const application: ApplicationRecord = {
    id: deps.newId(),
    openingId: opening.id,
    holder: verified.holder,
    credentials: verified.credentials.map((c) => c.secured),
    verification: {
      checkedAt: now.toISOString(),
      credentials: verified.credentials.map((c) => ({ credentialId: c.verified.credentialId, issuer: c.verified.issuer, skills: c.verified.skills })),
      rejected: verified.rejected,
    },
    flagged: false,
    flags: [],
    submittedAt: now,
    checkedAt: now,
  };
  // The application and the verifier's evidence for each of its credentials, together: ranking reads the evidence.
  await deps.store.transaction(async (tx) => {
    await tx.applications.insert(application);
    await tx.evidence.save(
      verified.credentials.map((c, position) =>
        toEvidenceRecord({ applicationId: application.id, openingId: opening.id, position, secured: c.secured, result: c.result, checkedAt: now }),
      ),
    );
  });
  const match = scoreMatch(
    opening.requirements,
    verified.credentials.map((c) => c.verified),
    { now, skills: deps.skills, acceptedIssuers: opening.acceptedIssuers },
  );
  return { accepted: true, applicationId: application.id, match, rejected: verified.rejected };
}
