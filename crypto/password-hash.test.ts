import { expect } from 'chai';
import { hashPassword, UNMATCHABLE_PASSWORD_HASH, verifyPassword } from './password-hash.ts';

describe('hashPassword / verifyPassword', () => {
  it('verifies the password it hashed and nothing else, with a fresh salt each time', async () => {
    const hash = await hashPassword('correct horse battery staple');
    expect(hash).to.match(/^scrypt\$15\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(await verifyPassword('correct horse battery staple', hash)).to.equal(true);
    expect(await verifyPassword('correct horse battery stapler', hash)).to.equal(false);
    expect(await hashPassword('correct horse battery staple')).not.to.equal(hash);
  });

  it('reads the cost from the stored hash, so a cheaper or dearer cost still verifies', async () => {
    const cheap = await hashPassword('pw-0123456789', { log2Cost: 10 });
    expect(cheap.split('$')[1]).to.equal('10');
    expect(await verifyPassword('pw-0123456789', cheap)).to.equal(true);
  });

  it('treats Unicode normalisation forms of one password alike', async () => {
    const hash = await hashPassword('caf\u00e9-password', { log2Cost: 10 });
    expect(await verifyPassword('cafe\u0301-password', hash)).to.equal(true);
  });

  it('refuses malformed encodings and out-of-range parameters without throwing', async () => {
    const hash = await hashPassword('x-password', { log2Cost: 10 });
    const [, , r, p, salt, key] = hash.split('$');
    for (const bad of ['', 'bcrypt$x', `scrypt$30$${r}$${p}$${salt}$${key}`, `scrypt$10$99$${p}$${salt}$${key}`, `scrypt$10$${r}$${p}$${salt}$AAAA`]) {
      expect(await verifyPassword('x-password', bad), bad).to.equal(false);
    }
    expect(await verifyPassword('', UNMATCHABLE_PASSWORD_HASH)).to.equal(false);
  });
});
