/** employerSignIn: email and password → a short-lived session, with the same lockout as holders (core/sign-in-with-password.ts). */
import { signInWithPassword } from '../core/sign-in-with-password.ts';
import { UNMATCHABLE_PASSWORD_HASH, verifyPassword } from '../crypto/password-hash.ts';
import { signInFailureKey } from '../crypto/sign-in-failure-key.ts';
import { startEmployerSession, type EmployerSession } from './employer-session.ts';
import type { MarketplaceDeps } from './marketplace-deps.ts';

export async function employerSignIn(deps: Pick<MarketplaceDeps, 'store' | 'clock' | 'newId' | 'randomBytes'>, credentials: { email: string; password: string }): Promise<EmployerSession> {
  const employer = await signInWithPassword(deps.store.employers, credentials, {
    now: deps.clock(),
    verifyPassword,
    unmatchableHash: UNMATCHABLE_PASSWORD_HASH,
    failures: deps.store.signInFailures,
    failureKey: (email) => signInFailureKey('employer', email),
  });
  return startEmployerSession(deps, deps.store, employer.id);
}
