import { ProoflineError } from './errors.ts';

/** Sign-in refused while an account is locked after repeated failures (429 with Retry-After). */
export class AccountLockedError extends ProoflineError {
  readonly retryAfterSeconds: number;
  constructor(retryAfterSeconds: number) {
    super('RATE_LIMITED', `Too many failed sign-ins: this account is locked; retry in ${retryAfterSeconds} s.`);
    this.retryAfterSeconds = retryAfterSeconds;
  }
}
