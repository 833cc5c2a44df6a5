/** employerSignIn: email and password → a short-lived session, with the same lockout as holders (core/sign-in-with-password.ts). */
import { signInWithPassword } from '../core/sign-in-with-password.ts';
import { passwordSignInOptions } from '../crypto/password-sign-in.ts';
import { startEmployerSession, type EmployerSession } from './employer-session.ts';
import type { MarketplaceDeps } from './marketplace-deps.ts';

export async function employerSignIn(deps: Pick<MarketplaceDeps, 'store' | 'clock' | 'newId' | 'randomBytes'>, credentials: { email: string; password: string }): Promise<EmployerSession> {
  const employer = await signInWithPassword(deps.store.employers, credentials, passwordSignInOptions('employer', deps.store.signInFailures, deps.clock()));
  return startEmployerSession(deps, deps.store, employer.id);
}
