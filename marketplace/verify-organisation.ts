/**
 * verifyOrganisation: an organisation proves who it is, through verifier/ only (no fetch of our own):
 * - `did:web`: a presentation signed by a key of the organisation's did:web document (resolved by the guarded did:web
 *   resolver of `deps.verification`) over a challenge from POST /orgs/{id}/verification/challenge, for the
 *   organisation's URL as domain. The challenge is consumed once.
 * - `credential`: a verifiable credential from a trusted issuer whose subject is the organisation: its
 *   `credentialSubject.id` is the organisation's URL (or its proven did:web). A name never suffices (names are not
 *   unique and sign-up is open), and a credential (by SHA-256) that verified another organisation is refused.
 * The latest successful verification is stored and shown (GET /orgs/{id}, JobPosting hiringOrganization).
 */
import { NotFoundError } from '../core/errors.ts';
import type { OrganisationRecord, OrganisationVerification } from '../core/marketplace-ports.ts';
import { isJsonObject, type JsonObject } from '../core/open-badges.ts';
import { sha256Hex } from '../crypto/digest.ts';
import { canonicalJson } from '../core/canonical-json.ts';
import { verifyCredential, verifyPresentation } from '../verifier/index.ts';
import type { MarketplaceDeps } from './marketplace-deps.ts';

type Deps = Pick<MarketplaceDeps, 'store' | 'clock' | 'publicUrl' | 'verification'>;

export type OrganisationProof = { method: 'did:web'; did: string; presentation: object | string; challenge: string } | { method: 'credential'; credential: object | string };

/** Verifier problem codes, plus DID_NOT_WEB, SUBJECT_MISMATCH and CREDENTIAL_ALREADY_USED of our own. */
export interface OrganisationProblem {
  code: string;
  detail: string;
}

export type VerifyOrganisationResult = { verified: true; verification: OrganisationVerification } | { verified: false; problemDetails: OrganisationProblem[] };

export function organisationUrl(publicUrl: string, organisationId: string): string {
  return `${publicUrl}/orgs/${encodeURIComponent(organisationId)}`;
}

const problem = (code: string, detail: string): OrganisationProblem => ({ code, detail });
const problems = (list: readonly { code: string; detail: string }[]): OrganisationProblem[] => list.map((p) => problem(p.code, p.detail));

export async function verifyOrganisation(deps: Deps, organisationId: string, proof: OrganisationProof): Promise<VerifyOrganisationResult> {
  const organisation = await deps.store.organisations.getById(organisationId);
  if (!organisation) throw new NotFoundError(`No organisation ${organisationId}.`);
  const now = deps.clock();
  const result = proof.method === 'did:web' ? await byDidWeb(deps, organisation, proof, now) : await byCredential(deps, organisation, proof.credential, now);
  if (result.verified) await deps.store.organisationVerifications.put(organisation.id, result.verification);
  return result;
}

async function byDidWeb(deps: Deps, organisation: OrganisationRecord, proof: Extract<OrganisationProof, { method: 'did:web' }>, now: Date): Promise<VerifyOrganisationResult> {
  if (!/^did:web:[^#?\s]+$/.test(proof.did)) return { verified: false, problemDetails: [problem('DID_NOT_WEB', 'Only a did:web proves control of an organisation\'s domain.')] };
  const result = await verifyPresentation(proof.presentation, {
    ...deps.verification,
    now,
    challenge: proof.challenge,
    domain: organisationUrl(deps.publicUrl, organisation.id),
    holderBinding: false,
    consumeChallenge: (value, options) => deps.store.challenges.consume(value, options),
  });
  // Embedded credentials are not needed and do not count; only the presentation's own proof does.
  const blocking = result.problemDetails.filter((p) => p.code !== 'CREDENTIAL_NOT_VERIFIED');
  if (blocking.length > 0 || !result.presentation) return { verified: false, problemDetails: problems(blocking.length > 0 ? blocking : result.problemDetails) };
  if (result.holder !== proof.did) {
    return { verified: false, problemDetails: [problem('HOLDER_BINDING_ERROR', `The presentation is signed by ${result.holder ?? 'nobody'}, not by ${proof.did}.`)] };
  }
  const proofValue = result.presentation['proof'];
  const firstProof = [proofValue].flat()[0];
  const verificationMethod = isJsonObject(firstProof) && typeof firstProof['verificationMethod'] === 'string' ? firstProof['verificationMethod'] : null;
  return { verified: true, verification: { verified: true, verifiedBy: { method: 'did:web', did: proof.did, verificationMethod }, verifiedAt: now } };
}

async function byCredential(deps: Deps, organisation: OrganisationRecord, credential: object | string, now: Date): Promise<VerifyOrganisationResult> {
  const result = await verifyCredential(credential, { ...deps.verification, now });
  if (!result.verified) return { verified: false, problemDetails: problems(result.problemDetails) };
  if (result.trusted !== true) return { verified: false, problemDetails: [problem('UNTRUSTED_ISSUER', `${result.issuer ?? 'The issuer'} is not a trusted issuer.`)] };
  const parsed = result.credential as JsonObject | null;
  const subjects = [parsed?.['credentialSubject']].flat().filter(isJsonObject);
  const previous = await deps.store.organisationVerifications.get(organisation.id);
  const ids = new Set([organisationUrl(deps.publicUrl, organisation.id), ...(previous?.verifiedBy.method === 'did:web' ? [previous.verifiedBy.did] : [])]);
  const about = subjects.some((s) => typeof s['id'] === 'string' && ids.has(s['id']));
  if (!about) return { verified: false, problemDetails: [problem('SUBJECT_MISMATCH', `The credential's subject id is not ${[...ids].join(' or ')}.`)] };
  const digest = sha256Hex(typeof credential === 'string' ? credential : canonicalJson(credential));
  const usedBy = (await deps.store.organisations.verifiedByCredentialDigest(digest)).filter((id) => id !== organisation.id);
  if (usedBy.length > 0) return { verified: false, problemDetails: [problem('CREDENTIAL_ALREADY_USED', 'This credential already verified another organisation.')] };
  return {
    verified: true,
    verification: { verified: true, verifiedBy: { method: 'credential', issuer: result.issuer ?? '', credentialId: result.credentialId, credentialDigest: digest }, verifiedAt: now },
  };
}
