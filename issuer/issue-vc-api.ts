/**
 * POST /credentials/issue (VC-API issueCredential): signs any well-formed VC 1.1 or 2.0 credential whose issuer is
 * one of this server's issuers, adding the status entries. The caller's `id` is kept.
 */
import { checkCredentialShape } from '../core/check-credential-shape.ts';
import { ProoflineError, UnknownIssuerError, ValidationError } from '../core/errors.ts';
import { contextsOf, issuerIdOf, type JsonObject } from '../core/open-badges.ts';
import { assertKnownContexts } from '../contexts/assert-known-contexts.ts';
import { findIssuerByDid } from './find-issuer.ts';
import type { IssuerDeps } from './issuer-deps.ts';
import { issueCredential, type IssueResult, type OnIssued } from './issue-credential.ts';
import { algorithmFor, signingFormatFrom, type FormatOptions } from './signing-format.ts';

const VOCAB_CONTEXTS = new Set([
  'https://www.w3.org/ns/credentials/undefined-terms/v2',
  'https://www.w3.org/ns/credentials/examples/v2',
  'https://www.w3.org/2018/credentials/examples/v1',
]);

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
  // Contexts with @vocab turn every undefined term into a made-up IRI: fine for test suites, not for what we sign.
  const vocabContexts = contextsOf(credential).filter((c): c is string => typeof c === 'string' && VOCAB_CONTEXTS.has(c));
  if (vocabContexts.length > 0) {
    throw new ProoflineError('UNSUPPORTED_CONTEXT', `The issuer does not sign credentials using ${vocabContexts.join(', ')} (its @vocab hides undefined terms).`, {
      details: [{ pointer: '/credential/@context', detail: 'uses a context with @vocab' }],
    });
  }

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
