import { eq } from 'drizzle-orm';
import { ProoflineError } from '../core/errors.ts';
import type { SettingsRepository } from '../core/ports.ts';
import type { Db } from './db.ts';
import { settings } from './schema.ts';

// null is what `get` answers for an unset key, so it cannot be a stored value.
function assertStorable(key: string, value: unknown): void {
  if (value === null || value === undefined) throw new ProoflineError('INTERNAL', `Setting "${key}" needs a value.`);
}

export function createSettingsRepository(db: Db): SettingsRepository {
  return {
    async get(key) {
      const rows = await db.select({ value: settings.value }).from(settings).where(eq(settings.key, key));
      return rows[0]?.value ?? null;
    },
    async put(key, value) {
      assertStorable(key, value);
      await db.insert(settings).values({ key, value }).onConflictDoUpdate({ target: settings.key, set: { value } });
    },
    async putIfAbsent(key, value) {
      assertStorable(key, value);
      const inserted = await db
        .insert(settings)
        .values({ key, value })
        .onConflictDoNothing()
        .returning({ key: settings.key });
      return inserted.length > 0;
    },
  };
}
