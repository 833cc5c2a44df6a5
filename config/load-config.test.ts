import { expect } from 'chai';
import { loadConfig } from './load-config.ts';
import { ConfigError } from '../core/errors.ts';

describe('loadConfig', () => {
  it('gives the documented defaults on an empty environment', () => {
    const config = loadConfig({});
    expect(config.server).to.deep.equal({ port: 3000, host: '127.0.0.1', publicUrl: 'http://localhost:3000' });
    expect(config.storage.databaseUrl).to.equal(null);
    expect(config.issuer.didMethod).to.equal('key');
    expect(config.tls).to.equal(null);
    expect(Object.isFrozen(config.server)).to.equal(true);
  });

  it('uses did:web when the public URL is https', () => {
    expect(loadConfig({ PUBLIC_URL: 'https://academy.example/' }).issuer.didMethod).to.equal('web');
    expect(loadConfig({ PUBLIC_URL: 'https://academy.example/' }).server.publicUrl).to.equal('https://academy.example');
  });

  it('turns the canonicalization fast path off with PROOFLINE_FAST_CANONIZE=off', () => {
    expect(loadConfig({}).canonize).to.equal('fast');
    expect(loadConfig({ PROOFLINE_FAST_CANONIZE: 'off' }).canonize).to.equal('jsonld');
    expect(() => loadConfig({ PROOFLINE_FAST_CANONIZE: 'maybe' })).to.throw(ConfigError);
  });

  it('names every invalid variable at once', () => {
    try {
      loadConfig({ PORT: 'x', PUBLIC_URL: 'ftp://a', PROOFLINE_DID_METHOD: 'ion', TLS_CERT_FILE: 'a.pem' });
      expect.fail('should throw');
    } catch (error) {
      expect(error).to.be.instanceOf(ConfigError);
      const pointers = (error as ConfigError).details.map((d) => d.pointer);
      expect(pointers).to.include.members(['/PORT', '/PUBLIC_URL', '/PROOFLINE_DID_METHOD', '/TLS_CERT_FILE']);
    }
  });
});
