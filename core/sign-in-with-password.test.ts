import { expect } from 'chai';
import { AccountLockedError } from './account-locked-error.ts';
import { UnauthenticatedError } from './errors.ts';
import type { SignInFailureRecord, SignInFailureRepository } from './ports.ts';
import { LOCKOUT_SECONDS, signInWithPassword, type PasswordAccount, type PasswordAccounts } from './sign-in-with-password.ts';

/** An in-memory account port; passwords "hash" to `h:<password>` so the policy is tested without scrypt. */
function accounts(): PasswordAccounts<PasswordAccount & { email: string }> & { rows: Map<string, PasswordAccount & { email: string }>; checked: string[] } {
  const rows = new Map([['ada@example.com', { id: 'ada', email: 'ada@example.com', passwordHash: 'h:right', failedSignIns: 0, lockedUntil: null as Date | null }]]);
  const checked: string[] = [];
  return {
    rows,
    checked,
    getByEmail: async (email) => rows.get(email) ?? null,
    async recordFailedSignIn(id, { now, maxFailures, lockUntil }) {
      const row = [...rows.values()].find((r) => r.id === id)!;
      const ended = row.lockedUntil !== null && row.lockedUntil <= now;
      row.failedSignIns = ended ? 1 : row.failedSignIns + 1;
      row.lockedUntil = row.failedSignIns >= maxFailures ? lockUntil : ended ? null : row.lockedUntil;
      return row;
    },
    async clearFailedSignIns(id) {
      const row = [...rows.values()].find((r) => r.id === id)!;
      Object.assign(row, { failedSignIns: 0, lockedUntil: null });
    },
  };
}

/** The in-memory counts of emails without an account, by key (the same rule as the account rows). */
function failureCounts(): Pick<SignInFailureRepository, 'get' | 'recordFailure'> & { rows: Map<string, SignInFailureRecord> } {
  const rows = new Map<string, SignInFailureRecord>();
  return {
    rows,
    get: async (key) => rows.get(key) ?? null,
    async recordFailure(key, { now, maxFailures, lockUntil }) {
      const row = rows.get(key) ?? { failedSignIns: 0, lockedUntil: null };
      const ended = row.lockedUntil !== null && row.lockedUntil <= now;
      row.failedSignIns = ended ? 1 : row.failedSignIns + 1;
      row.lockedUntil = row.failedSignIns >= maxFailures ? lockUntil : ended ? null : row.lockedUntil;
      rows.set(key, row);
      return row;
    },
  };
}

describe('signInWithPassword', () => {
  const now = new Date('2026-03-01T12:00:00Z');
  const options = (store: ReturnType<typeof accounts>, at = now, failures = failureCounts()) => ({
    now: at,
    failures,
    failureKey: (email: string) => `test:${email}`,
    unmatchableHash: 'h:unmatchable',
    verifyPassword: async (password: string, encoded: string) => {
      store.checked.push(encoded);
      return encoded === `h:${password}`;
    },
  });

  it('returns the account for the right password, the email compared trimmed and lower-cased', async () => {
    const store = accounts();
    expect((await signInWithPassword(store, { email: ' ADA@example.com ', password: 'right' }, options(store))).id).to.equal('ada');
  });

  it('answers a wrong password and an unknown email alike, after the same hash work', async () => {
    const store = accounts();
    const wrong = await signInWithPassword(store, { email: 'ada@example.com', password: 'wrong' }, options(store)).catch((e: unknown) => e);
    const unknown = await signInWithPassword(store, { email: 'bob@example.com', password: 'right' }, options(store)).catch((e: unknown) => e);
    expect(wrong).to.be.instanceOf(UnauthenticatedError);
    expect(unknown).to.be.instanceOf(UnauthenticatedError);
    expect((wrong as Error).message).to.equal((unknown as Error).message);
    expect(store.checked).to.deep.equal(['h:right', 'h:unmatchable']);
  });

  it('locks after five failures without checking even the right password, until the lock ends; success clears the count', async () => {
    const store = accounts();
    for (let i = 0; i < 4; i += 1) await signInWithPassword(store, { email: 'ada@example.com', password: 'x' }, options(store)).catch(() => undefined);
    const fifth = await signInWithPassword(store, { email: 'ada@example.com', password: 'x' }, options(store)).catch((e: unknown) => e);
    expect(fifth).to.be.instanceOf(AccountLockedError);
    store.checked.length = 0;
    const locked = await signInWithPassword(store, { email: 'ada@example.com', password: 'right' }, options(store)).catch((e: unknown) => e);
    expect(locked).to.be.instanceOf(AccountLockedError);
    expect((locked as AccountLockedError).retryAfterSeconds).to.equal(LOCKOUT_SECONDS);
    expect(store.checked).to.deep.equal([]);

    const later = new Date(now.getTime() + LOCKOUT_SECONDS * 1000 + 1);
    expect((await signInWithPassword(store, { email: 'ada@example.com', password: 'right' }, options(store, later))).id).to.equal('ada');
    expect(store.rows.get('ada@example.com')).to.include({ failedSignIns: 0, lockedUntil: null });
  });

  it('locks an email without an account after five failures too, with the same answer, and counts it under its key only', async () => {
    const store = accounts();
    const failures = failureCounts();
    const attempt = async (email: string, password = 'x') => signInWithPassword(store, { email, password }, options(store, now, failures)).catch((e: unknown) => e);
    const known: unknown[] = [];
    const unknown: unknown[] = [];
    for (let i = 0; i < 6; i += 1) {
      known.push(await attempt('ada@example.com'));
      unknown.push(await attempt(' BOB@example.com '));
    }
    // Attempt by attempt, the same error class, message and Retry-After.
    const answer = (e: unknown) => [(e as Error).constructor.name, (e as Error).message, (e as AccountLockedError).retryAfterSeconds ?? null];
    expect(unknown.map(answer)).to.deep.equal(known.map(answer));
    expect(unknown.slice(4).every((e) => e instanceof AccountLockedError)).to.equal(true);
    expect([...failures.rows.keys()]).to.deep.equal(['test:bob@example.com']);
    // Once the lock ends, an unknown email is again refused as wrong, not locked.
    const later = new Date(now.getTime() + LOCKOUT_SECONDS * 1000 + 1);
    const after = await signInWithPassword(store, { email: 'bob@example.com', password: 'x' }, options(store, later, failures)).catch((e: unknown) => e);
    expect(after).to.be.instanceOf(UnauthenticatedError);
    expect(failures.rows.get('test:bob@example.com')).to.deep.equal({ failedSignIns: 1, lockedUntil: null });
  });
});
