/**
 * Failed sign-ins for emails without an account (core/sign-in-with-password.ts), by an opaque key: the account kind and
 * the SHA-256 of the normalised email, never the address. Counted and locked in single statements, like accounts.
 */
import { index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

export const signInFailures = pgTable(
  'sign_in_failures',
  {
    key: text('key').primaryKey(),
    failedSignIns: integer('failed_sign_ins').notNull(),
    lockedUntil: timestamp('locked_until', { withTimezone: true, mode: 'date' }),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [index('sign_in_failures_updated_idx').on(t.updatedAt)],
);
