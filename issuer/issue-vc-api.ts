/**
 * POST /credentials/issue (VC-API issueCredential): signs any well-formed VC 1.1 or 2.0 credential whose issuer is
 * one of this server's issuers, adding the status entries. The caller's `id` is kept.
 */
import { checkCredentialShape } from '../core/check-credential-shape.ts';
import { ProoflineError, UnknownIssuerError, ValidationError } from '../core/errors.ts';
import { issuerIdOf, type JsonObject } from '../core/open-badges.ts';
import { assertKnownContexts } from '../contexts/assert-known-contexts.ts';
import { findIssuerByDid } from './find-issuer.ts';
import type { IssuerDeps } from './issuer-deps.ts';
import { issueCredential, type IssueResult, type OnIssued } from './issue-credential.ts';
import { algorithmFor, signingFormatFrom, type FormatOptions } from './signing-format.ts';

export async function issueVcApiCredential(
  deps: IssuerDeps & { onIssued?: OnIssued },
  credential: JsonObject,
  options: FormatOptions | undefined,
  idempotency?: { key: string; requestHash: string },
): Promise<IssueResult> {
  const problems = checkCredentialShape(credential, '/credential');
  if ('proof' in credential) problems.push({ pointer: '/credential/proof', detail: 'must be absent: the issuer adds the proof' });
  if (problems.length > 0) {
    throw new ValidationError(`The credential is not well-formed: ${problems.map((p) => `${p.pointer} ${p.detail}`).join('; ')}`, problems);
  }
  // Unknown contexts are refused before any JSON-LD processing (and never fetched).
  assertKnownContexts(credential);

  const issuerId = issuerIdOf(credential)!;
  const match = await findIssuerByDid(deps.store, issuerId);
  if (!match) throw new UnknownIssuerError(issuerId);
  const format = signingFormatFrom(options);
  const algorithm = algorithmFor(format);
  if (!match.algorithms.has(algorithm)) {
    throw new ProoflineError('UNSUPPORTED_FORMAT', `Issuer ${issuerId} holds no ${algorithm} key for this format; see GET /issuers for its DIDs.`, {
      details: [{ pointer: '/options', detail: `${issuerId} cannot sign with ${algorithm}` }],
    });
  }
  return issueCredential(deps, { issuer: match.issuer, credential, format, ...(idempotency ? { idempotency } : {}) });
}
