import { randomInt as nodeRandomInt, randomUUID } from 'node:crypto';

/** Uniform integer in [0, maxExclusive) from the CSPRNG: status list indices must not be guessable. */
export function secureRandomInt(maxExclusive: number): number {
  return nodeRandomInt(maxExclusive);
}

export function newUuid(): string {
  return randomUUID();
}
