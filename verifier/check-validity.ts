/**
 * The validity period (VC 2.0 §4.9 validFrom/validUntil; VC 1.1 issuanceDate/expirationDate; JWT nbf/exp when the
 * payload has them), with a clock skew allowance both ways.
 */
import { isDateTime } from '../core/check-credential-shape.ts';
import type { JsonObject } from '../core/open-badges.ts';
import { verificationProblem, type VerificationProblem } from './verification-problem.ts';

export function checkValidity(credential: JsonObject, { now, clockSkewSeconds }: { now: Date; clockSkewSeconds: number }): VerificationProblem[] {
  const problems: VerificationProblem[] = [];
  const skew = clockSkewSeconds * 1000;
  const time = now.getTime();
  const from = firstDate(credential, ['validFrom', 'issuanceDate']) ?? epoch(credential.nbf);
  const until = firstDate(credential, ['validUntil', 'expirationDate']) ?? epoch(credential.exp);
  if (from !== undefined && from.getTime() > time + skew) {
    problems.push(verificationProblem('NOT_YET_VALID', 'validity', `The credential is valid from ${from.toISOString()}; it is ${now.toISOString()}.`));
  }
  if (until !== undefined && until.getTime() < time - skew) {
    problems.push(verificationProblem('EXPIRED', 'validity', `The credential expired at ${until.toISOString()}; it is ${now.toISOString()}.`));
  }
  return problems;
}

function firstDate(credential: JsonObject, names: string[]): Date | undefined {
  for (const name of names) {
    const value = credential[name];
    if (isDateTime(value)) return new Date(value);
  }
  return undefined;
}

function epoch(value: unknown): Date | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? new Date(value * 1000) : undefined;
}
