/**
 * Email addresses a holder proves they control (a one-time code sent to the address): awards the Academy addressed to
 * a proven address reach that holder's wallet. One holder per proven address; pending proofs keep only the code's
 * SHA-256, an expiry and an attempt count.
 */
import { sql } from 'drizzle-orm';
import { index, integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { holders } from './schema.ts';

export const holderEmails = pgTable(
  'holder_emails',
  {
    id: text('id').primaryKey(),
    holderId: text('holder_id')
      .notNull()
      .references(() => holders.id),
    /** Normalised (trimmed, lower-cased). */
    email: text('email').notNull(),
    codeHash: text('code_hash'),
    codeExpiresAt: timestamp('code_expires_at', { withTimezone: true, mode: 'date' }),
    failedAttempts: integer('failed_attempts').notNull().default(0),
    provenAt: timestamp('proven_at', { withTimezone: true, mode: 'date' }),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [
    uniqueIndex('holder_emails_holder_email_key').on(t.holderId, t.email),
    uniqueIndex('holder_emails_one_prover').on(t.email).where(sql`${t.provenAt} is not null`),
    index('holder_emails_holder_idx').on(t.holderId),
  ],
);
