/**
 * The SQL of the one lockout rule every failed-sign-in count shares (holders, employers, emails without an account):
 * one more failure, or 1 when the last lock has ended; locked until `lockUntil` at `maxFailures`, the lock cleared once
 * it has ended. As SET expressions over the table's own columns, so each count is one statement under concurrency.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';

export function countFailedSignIn(
  columns: { failedSignIns: AnyPgColumn; lockedUntil: AnyPgColumn },
  { now, maxFailures, lockUntil }: { now: Date; maxFailures: number; lockUntil: Date },
): { failedSignIns: SQL; lockedUntil: SQL } {
  const ended = sql`(${columns.lockedUntil} is not null and ${columns.lockedUntil} <= ${now.toISOString()}::timestamptz)`;
  const count = sql`(case when ${ended} then 1 else ${columns.failedSignIns} + 1 end)`;
  return {
    failedSignIns: count,
    lockedUntil: sql`(case when ${count} >= ${maxFailures} then ${lockUntil.toISOString()}::timestamptz when ${ended} then null else ${columns.lockedUntil} end)`,
  };
}
