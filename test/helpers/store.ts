/**
 * Stores for tests (DESIGN.md §7): one in-memory PGlite for the whole run (it takes seconds to start), plus the
 * PostgreSQL server named by DATABASE_URL when set. Stores are shared, so tests create rows with unique ids and slugs
 * (`uniqueId`) and never assume an empty table.
 */
import { randomUUID } from 'node:crypto';
import type { KeyRecord } from '../../core/keys.ts';
import type { CredentialRecord, IssuerRecord, StatusListRecord, StatusPurpose, Store } from '../../core/ports.ts';
import { openStore } from '../../storage/open-store.ts';

export type StoreName = 'pglite' | 'postgres';

export interface TestStore {
  name: StoreName;
  open(): Promise<Store>;
}

const opened = new Map<StoreName, Promise<Store>>();

function shared(name: StoreName, open: () => Promise<Store>): TestStore {
  return {
    name,
    open() {
      let store = opened.get(name);
      if (!store) {
        store = open();
        opened.set(name, store);
        store.catch(() => opened.delete(name));
      }
      return store;
    },
  };
}

export function testStores(): TestStore[] {
  const stores = [shared('pglite', () => openStore({ dataDir: ':memory:' }))];
  const databaseUrl = process.env.DATABASE_URL;
  if (databaseUrl) stores.push(shared('postgres', () => openStore({ databaseUrl, dataDir: ':memory:', poolSize: 20 })));
  return stores;
}

/** One `describe` per store kind; `getStore()` is valid inside hooks and tests. */
export function forEachStore(title: string, fn: (getStore: () => Store, name: StoreName) => void): void {
  for (const testStore of testStores()) {
    describe(`${title} (${testStore.name})`, function () {
      let store: Store | undefined;
      before(async function () {
        this.timeout(120_000);
        store = await testStore.open();
      });
      fn(() => {
        if (!store) throw new Error('the store is opened in a before() hook: call getStore() inside hooks and tests');
        return store;
      }, testStore.name);
    });
  }
}

const run = randomUUID().slice(0, 8);
let counter = 0;

/** An id unique across runs that share a database: `${prefix}-${run}-${n}`. */
export function uniqueId(prefix: string): string {
  counter += 1;
  return `${prefix}-${run}-${counter}`;
}

const at = new Date('2026-01-01T00:00:00Z');

/** Record builders with unique ids; pass overrides for what a test cares about. */
export function newIssuer(overrides: Partial<IssuerRecord> = {}): IssuerRecord {
  const id = uniqueId('issuer');
  const did = `did:web:example.com:issuers:${id}`;
  return { id, slug: id, name: 'Test Academy', did, didMethod: 'web', profile: {}, createdAt: at, ...overrides };
}

export function newKey(issuerId: string, overrides: Partial<KeyRecord> = {}): KeyRecord {
  return {
    id: `did:web:example.com#${uniqueId('key')}`,
    issuerId,
    purpose: 'assertion',
    algorithm: 'Ed25519',
    publicKeyMultibase: 'z6MkTest',
    encryptedSecretKey: 'envelope',
    status: 'active',
    createdAt: at,
    retiredAt: null,
    ...overrides,
  };
}

export function newStatusList(
  issuerId: string,
  purpose: StatusPurpose,
  overrides: Partial<StatusListRecord> = {},
): StatusListRecord {
  const empty = { allocated: 0, version: 0, signed: null, signedVersion: null };
  return { id: uniqueId('sl'), issuerId, purpose, length: 131_072, ...empty, createdAt: at, ...overrides };
}

export interface IssuerWithLists {
  issuer: IssuerRecord;
  revocation: StatusListRecord;
  suspension: StatusListRecord;
}

/** An issuer with one revocation and one suspension list, stored. */
export async function createIssuerWithLists(store: Store): Promise<IssuerWithLists> {
  const issuer = newIssuer();
  const revocation = newStatusList(issuer.id, 'revocation');
  const suspension = newStatusList(issuer.id, 'suspension');
  await store.issuers.create(issuer);
  await store.statusLists.create(revocation);
  await store.statusLists.create(suspension);
  return { issuer, revocation, suspension };
}

export function newCredential(
  lists: IssuerWithLists,
  overrides: Partial<CredentialRecord> = {},
): CredentialRecord {
  const index = counter;
  return {
    id: `urn:uuid:${randomUUID()}`,
    issuerId: lists.issuer.id,
    achievementId: null,
    format: 'eddsa-rdfc-2022',
    secured: '{"proof":{}}',
    digest: '0'.repeat(64),
    recipient: 'did:key:z6MkHolder',
    idempotencyKey: null,
    requestHash: null,
    revocation: { listId: lists.revocation.id, index },
    suspension: { listId: lists.suspension.id, index },
    validFrom: at,
    validUntil: null,
    issuedAt: at,
    revokedAt: null,
    suspended: false,
    ...overrides,
  };
}

export { rejectionOf } from './rejection.ts';

// Close the shared stores once, after the whole run (a root-level hook, registered when mocha loads a spec).
if (typeof after === 'function') {
  after(async () => {
    const stores = await Promise.allSettled(opened.values());
    opened.clear();
    for (const result of stores) if (result.status === 'fulfilled') await result.value.close();
  });
}
