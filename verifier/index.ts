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
export { verifyPresentation } from './verify-presentation.ts';
export { createChallenge, DEFAULT_CHALLENGE_TTL_SECONDS } from './create-challenge.ts';
export type { ConsumeChallenge, PresentationFormat, PresentationVerificationResult, VerifyPresentationOptions } from './verify-presentation.ts';
export { DEFAULT_TRUST_CACHE_TTL_MS, trustedIssuersFromStore, trustRegistryChanged } from './trusted-issuers-from-store.ts';
export type { TrustedIssuersFromStoreOptions } from './trusted-issuers-from-store.ts';
export type { CheckName, VerificationProblem, VerificationProblemCode } from './verification-problem.ts';
export type { CredentialStatusResult, FetchStatusList } from './check-status.ts';
export type { LoadSchema } from './check-schema.ts';
export type { ResolveDid } from './create-did-resolver.ts';
export type { ResolveKey } from './verify-jwt-proof.ts';
export type { Skill } from './extract-skills.ts';
export type { Canonize } from '../crypto/verify-data-integrity.ts';
export { createLocalStatusListFetcher } from './create-local-status-list-fetcher.ts';
export type { LocalStatusListFetcher } from './create-local-status-list-fetcher.ts';
export { createGuardedFetch, GuardedFetchError } from './guarded-fetch.ts';
export type { GuardedFetch, GuardedFetchErrorCode, GuardedFetchOptions, LookupAddresses } from './guarded-fetch.ts';
export { createDidWebResolver } from './create-did-web-resolver.ts';
export type { DidWebResolverOptions } from './create-did-web-resolver.ts';
export { createRemoteStatusListFetcher } from './create-remote-status-list-fetcher.ts';
export type { RemoteStatusListFetcherOptions } from './create-remote-status-list-fetcher.ts';
export { checkLogInclusion } from './check-log-inclusion.ts';
export type { CheckLogInclusionInput, ExpectedLeafFields, LogInclusionReceipt, LogInclusionResult } from './check-log-inclusion.ts';
