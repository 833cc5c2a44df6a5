/** Time, randomness and ids are injected (DESIGN.md §3 rule 7) so tests are deterministic. */
export type Clock = () => Date;
export type RandomBytes = (length: number) => Uint8Array;
export type RandomInt = (maxExclusive: number) => number;

export const systemClock: Clock = () => new Date();

export function fixedClock(at: string | Date): Clock {
  const time = new Date(at).getTime();
  return () => new Date(time);
}

/** XML Schema dateTime without milliseconds, as VC examples write it: 2026-01-01T00:00:00Z. */
export function toDateTimeString(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function addSeconds(date: Date, seconds: number): Date {
  return new Date(date.getTime() + seconds * 1000);
}
