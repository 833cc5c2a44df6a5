/**
 * The verifier's public entry point (`import { verifyCredential } from 'proofline/verifier'`): what other roles and
 * external job boards use. Only re-exports.
 */
export { verifyCredential } from './verify-credential.ts';
export type {
  CredentialFormat,
  TrustedIssuers,
  VerificationProfile,
  VerificationResult,
  VerifyCredentialOptions,
} from './verify-credential.ts';
export type { CheckName, VerificationProblem, VerificationProblemCode } from './verification-problem.ts';
export type { CredentialStatusResult, FetchStatusList } from './check-status.ts';
export type { LoadSchema } from './check-schema.ts';
export type { ResolveDid } from './create-did-resolver.ts';
export type { Skill } from './extract-skills.ts';
export type { Canonize } from '../crypto/verify-data-integrity.ts';
export { createLocalStatusListFetcher } from './create-local-status-list-fetcher.ts';
