import { expect } from 'chai';
import { createDocumentLoader } from '../contexts/document-loader.ts';
import { forEachStore, rejectionOf, uniqueId } from '../test/helpers/store.ts';
import { AccountLockedError } from '../core/account-locked-error.ts';
import { authenticateHolder } from './authenticate-holder.ts';
import { signIn } from './sign-in.ts';
import { signUp } from './sign-up.ts';
import type { WalletDeps } from './wallet-deps.ts';

forEachStore('signIn', (getStore) => {
  let now = new Date('2026-03-01T10:00:00Z');
  const deps = (): WalletDeps => ({
    store: getStore(),
    kek: new Uint8Array(32).fill(7),
    clock: () => now,
    newId: () => globalThis.crypto.randomUUID(),
    randomBytes: (n) => globalThis.crypto.getRandomValues(new Uint8Array(n)),
    documentLoader: createDocumentLoader(),
    verification: {},
  });
  const advance = (seconds: number) => {
    now = new Date(now.getTime() + seconds * 1000);
  };

  it('locks for 15 minutes at the fifth failure, then lets the right password in and starts the count afresh', async () => {
    const email = `${uniqueId('lock')}@example.com`;
    await signUp(deps(), { email, password: 'the right password' });
    for (let i = 0; i < 4; i += 1) expect((await rejectionOf(signIn(deps(), { email, password: 'wrong' })))).to.include({ code: 'UNAUTHENTICATED' });
    const locked = await rejectionOf(signIn(deps(), { email, password: 'wrong' }));
    expect(locked).to.be.instanceOf(AccountLockedError);
    advance(14 * 60);
    expect(await rejectionOf(signIn(deps(), { email, password: 'the right password' }))).to.include({ retryAfterSeconds: 60 });
    advance(60);
    const tokens = await signIn(deps(), { email, password: 'the right password' });
    expect(tokens.accessToken).to.match(/^pla_/);
    // A success cleared the count: four more failures do not lock.
    for (let i = 0; i < 4; i += 1) await rejectionOf(signIn(deps(), { email, password: 'wrong' }));
    await signIn(deps(), { email, password: 'the right password' });
  });

  it('expires the access token after 15 minutes', async () => {
    const email = `${uniqueId('ttl')}@example.com`;
    await signUp(deps(), { email, password: 'the right password' });
    const { accessToken } = await signIn(deps(), { email, password: 'the right password' });
    advance(15 * 60 - 1);
    await authenticateHolder(deps(), `Bearer ${accessToken}`);
    advance(1);
    expect((await rejectionOf(authenticateHolder(deps(), `Bearer ${accessToken}`)))).to.include({ code: 'UNAUTHENTICATED' });
  });
});
