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

/** Calendar months, UTC; the day is clamped to the target month's last day (Jan 31 + 1 month = Feb 28/29). */
export function addMonths(date: Date, months: number): Date {
  const d = new Date(date.getTime());
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + months);
  const lastDay = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, lastDay));
  return d;
}
