import { RateLimitedError } from './errors.ts';

/** Sign-in refused while an account is locked after repeated failures (429 with Retry-After). */
export class AccountLockedError extends RateLimitedError {
  constructor(retryAfterSeconds: number) {
    super(`Too many failed sign-ins: this account is locked; retry in ${retryAfterSeconds} s.`, retryAfterSeconds);
  }
}
