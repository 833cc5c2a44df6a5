/**
 * The guarded client against SSRF (issue 3, "What must be shown"): every forbidden URL is refused with its code and
 * makes no connection (local listeners count them; test/network-guard.ts records any outbound attempt); the success
 * path runs end to end against an https server on 127.0.0.1 with a self-signed certificate, reached through the
 * test-only `allowAddresses` and `ca` options.
 */
import { expect } from 'chai';
import { outboundAttempts } from '../test/network-guard.ts';
import { startTestHttpsServer, startTrapListener, type Listener, type TestHttpsServer } from '../test/helpers/tls-test-server.ts';
import { createGuardedFetch, GuardedFetchError, type GuardedFetchErrorCode, type GuardedFetchOptions, type LookupAddresses } from './guarded-fetch.ts';

const HOSTS = ['issuer.test', 'other.test'];

async function refusal(promise: Promise<unknown>): Promise<GuardedFetchError> {
  try {
    await promise;
  } catch (error) {
    expect(error).to.be.instanceOf(GuardedFetchError);
    return error as GuardedFetchError;
  }
  throw new Error('expected the fetch to be refused');
}

/** A lookup that answers from a table and counts its calls. */
function tableLookup(table: Record<string, string[]>): LookupAddresses & { calls: string[] } {
  const calls: string[] = [];
  const lookup = async (hostname: string) => {
    calls.push(hostname);
    const addresses = table[hostname];
    if (!addresses) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
    return addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
  };
  return Object.assign(lookup, { calls });
}

describe('createGuardedFetch', function () {
  this.timeout(20_000);
  let server: TestHttpsServer;
  let trap: Listener;
  let counted = 0;

  before(async () => {
    trap = await startTrapListener();
    server = await startTestHttpsServer(HOSTS, (req, res) => {
      const json = (status: number, body: unknown, type = 'application/json') => {
        res.writeHead(status, { 'content-type': type });
        res.end(JSON.stringify(body));
      };
      switch (req.url) {
        case '/doc.json':
          return json(200, { id: 'doc', hello: 'world' });
        case '/did+json':
          return json(200, { id: 'did' }, 'application/did+ld+json; charset=utf-8');
        case '/counted':
          counted += 1;
          return json(200, { n: counted });
        case '/counted-404':
          counted += 1;
          return json(404, { error: 'no' });
        case '/redirect-same':
          res.writeHead(302, { location: '/doc.json' });
          return res.end();
        case '/redirect-loop':
          res.writeHead(302, { location: '/redirect-loop' });
          return res.end();
        case '/redirect-localhost':
          res.writeHead(302, { location: `https://localhost:${trap.port}/` });
          return res.end();
        case '/redirect-other-port':
          res.writeHead(301, { location: `https://issuer.test:${trap.port}/doc.json` });
          return res.end();
        case '/redirect-metadata':
          res.writeHead(307, { location: 'http://169.254.169.254/latest/meta-data/' });
          return res.end();
        case '/big':
          res.writeHead(200, { 'content-type': 'application/json' });
          res.write('{"padding":"');
          for (let i = 0; i < 64; i++) res.write('x'.repeat(16 * 1024));
          return res.end('"}');
        case '/big-declared':
          res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(10 * 1024 * 1024) });
          return res.write('{"a":');
        case '/slow-body':
          res.writeHead(200, { 'content-type': 'application/json' });
          return res.write('{"a":'); // and never ends
        case '/slow-headers':
          return; // never answers
        case '/html':
          return json(200, { looks: 'like json' }, 'text/html');
        case '/array':
          return json(200, [1, 2, 3]);
        case '/broken':
          res.writeHead(200, { 'content-type': 'application/json' });
          return res.end('{"a":');
        case '/list.jwt':
          res.writeHead(200, { 'content-type': 'application/jwt' });
          return res.end('eyJhbGciOiJFZERTQSJ9.eyJ2YyI6e319.c2lnbmF0dXJl\n');
        case '/not-a-jws':
          res.writeHead(200, { 'content-type': 'application/vc+jwt' });
          return res.end('{"looks":"like json"}');
        default:
          return json(404, { error: 'not found' });
      }
    });
  });
  after(async () => {
    await server.close();
    await trap.close();
  });

  /** The production configuration (nothing allowed beyond public addresses), with an injected lookup. */
  const strict = (lookup: LookupAddresses, options: GuardedFetchOptions = {}) => createGuardedFetch({ lookup, timeoutMs: 2_000, ...options });
  /** The test server is reachable: 127.0.0.1 allowed, its certificate trusted. */
  const local = (options: GuardedFetchOptions = {}) =>
    createGuardedFetch({ lookup: tableLookup({ 'issuer.test': ['127.0.0.1'], 'other.test': ['127.0.0.1'], localhost: ['127.0.0.1'] }), allowAddresses: ['127.0.0.1'], ca: server.ca, timeoutMs: 2_000, ...options });
  const at = (path: string, host = 'issuer.test') => `https://${host}:${server.port}${path}`;

  describe('refuses forbidden URLs before connecting', () => {
    let connectionsBefore: number;
    let attemptsBefore: number;
    beforeEach(() => {
      connectionsBefore = trap.connections() + server.connections();
      attemptsBefore = outboundAttempts.length;
    });
    afterEach(() => {
      expect(trap.connections() + server.connections(), 'connections made').to.equal(connectionsBefore);
      expect(outboundAttempts.length, 'outbound attempts').to.equal(attemptsBefore);
    });

    const cases: Array<[string, () => string, Record<string, string[]>, GuardedFetchErrorCode]> = [
      ['an IP literal 127.0.0.1', () => `https://127.0.0.1:${trap.port}/did.json`, {}, 'FORBIDDEN_ADDRESS'],
      ['an IP literal ::1', () => `https://[::1]:${trap.port}/did.json`, {}, 'FORBIDDEN_ADDRESS'],
      ['an IPv4-mapped ::ffff:127.0.0.1', () => `https://[::ffff:127.0.0.1]:${trap.port}/`, {}, 'FORBIDDEN_ADDRESS'],
      ['a private 10.x literal', () => 'https://10.0.0.8/.well-known/did.json', {}, 'FORBIDDEN_ADDRESS'],
      ['the metadata address 169.254.169.254', () => 'https://169.254.169.254/latest/meta-data/', {}, 'FORBIDDEN_ADDRESS'],
      ['a public IP literal (did:web names hosts, never addresses)', () => 'https://8.8.8.8/did.json', {}, 'FORBIDDEN_ADDRESS'],
      ['a decimal IP literal the URL parser normalises', () => `https://2130706433:${trap.port}/`, {}, 'FORBIDDEN_ADDRESS'],
      ['a host that resolves to 127.0.0.1', () => `https://loopback.test:${trap.port}/`, { 'loopback.test': ['127.0.0.1'] }, 'FORBIDDEN_ADDRESS'],
      ['a host that resolves to ::1', () => `https://loopback6.test:${trap.port}/`, { 'loopback6.test': ['::1'] }, 'FORBIDDEN_ADDRESS'],
      ['a host that resolves to a private address', () => `https://intranet.test:${trap.port}/`, { 'intranet.test': ['10.1.2.3'] }, 'FORBIDDEN_ADDRESS'],
      ['a host that resolves to the metadata address', () => 'https://metadata.test/', { 'metadata.test': ['169.254.169.254'] }, 'FORBIDDEN_ADDRESS'],
      ['a host that resolves to an IPv4-mapped private address', () => 'https://mapped.test/', { 'mapped.test': ['::ffff:192.168.0.1'] }, 'FORBIDDEN_ADDRESS'],
      ['a host with one public and one loopback address', () => `https://mixed.test:${trap.port}/`, { 'mixed.test': ['93.184.216.34', '127.0.0.1'] }, 'FORBIDDEN_ADDRESS'],
      ['a host with a CGNAT address', () => 'https://cgnat.test/', { 'cgnat.test': ['100.64.1.1'] }, 'FORBIDDEN_ADDRESS'],
      ['a host that resolves to nothing', () => 'https://empty.test/', { 'empty.test': [] }, 'LOOKUP_FAILED'],
      ['an unknown host', () => 'https://unknown.test/', {}, 'LOOKUP_FAILED'],
      ['plain http', () => `http://issuer.test:${trap.port}/did.json`, { 'issuer.test': ['93.184.216.34'] }, 'NOT_HTTPS'],
      ['a file: URL', () => 'file:///etc/passwd', {}, 'NOT_HTTPS'],
      ['a URL with credentials', () => 'https://user:pw@issuer.test/', { 'issuer.test': ['93.184.216.34'] }, 'INVALID_URL'],
      ['not a URL', () => 'did:web:issuer.test', {}, 'NOT_HTTPS'],
      ['garbage', () => '::::', {}, 'INVALID_URL'],
    ];
    for (const [name, url, table, code] of cases) {
      it(`refuses ${name} with ${code}`, async () => {
        const lookup = tableLookup(table);
        const error = await refusal(strict(lookup)(url()));
        expect(error.code, error.message).to.equal(code);
        const refusedByForm = code === 'NOT_HTTPS' || code === 'INVALID_URL' || (code === 'FORBIDDEN_ADDRESS' && Object.keys(table).length === 0);
        if (refusedByForm) expect(lookup.calls, 'no lookup for a URL refused by its form').to.deep.equal([]);
      });
    }

    it('refuses a redirect to localhost (REDIRECT) without connecting to it', async () => {
      const before = server.connections();
      const error = await refusal(local()(at('/redirect-localhost')));
      expect(error.code).to.equal('REDIRECT');
      connectionsBefore += server.connections() - before; // the allowed server itself was contacted, the trap not
    });

    it('refuses a redirect to another port of the same host and one to the metadata address', async () => {
      const before = server.connections();
      expect((await refusal(local()(at('/redirect-other-port')))).code).to.equal('REDIRECT');
      expect((await refusal(local()(at('/redirect-metadata')))).code).to.equal('REDIRECT');
      connectionsBefore += server.connections() - before;
    });
  });

  describe('jsonOrJwt: JWT-secured documents (status lists) as text, JSON otherwise', () => {
    it('returns a compact JWS served as application/jwt, and JSON as before', async () => {
      const guard = local();
      expect(await guard.jsonOrJwt!(at('/list.jwt'))).to.equal('eyJhbGciOiJFZERTQSJ9.eyJ2YyI6e319.c2lnbmF0dXJl');
      expect(await guard.jsonOrJwt!(at('/doc.json'))).to.deep.equal({ id: 'doc', hello: 'world' });
    });

    it('refuses a JWT media type on the plain (JSON-only) call, and a JWT media type whose body is no JWS', async () => {
      const guard = local();
      expect((await refusal(guard(at('/list.jwt')))).code).to.equal('NOT_JSON');
      expect((await refusal(guard.jsonOrJwt!(at('/not-a-jws')))).code).to.equal('NOT_JSON');
    });
  });

  describe('reads a public JSON document', () => {
    it('fetches over TLS from the vetted address, checking the certificate against the host name', async () => {
      const lookup = tableLookup({ 'issuer.test': ['127.0.0.1'] });
      const fetchDocument = createGuardedFetch({ lookup, allowAddresses: ['127.0.0.1'], ca: server.ca });
      expect(await fetchDocument(at('/doc.json'))).to.deep.equal({ id: 'doc', hello: 'world' });
      expect(await fetchDocument(at('/did+json'))).to.deep.equal({ id: 'did' });
      // Resolved once per fetch and connected to that answer: nothing re-resolves the name between check and connect.
      expect(lookup.calls).to.deep.equal(['issuer.test', 'issuer.test']);
    });

    it('refuses a certificate that does not name the host, and one it does not trust', async () => {
      const wrongName = createGuardedFetch({ lookup: tableLookup({ 'wrong.test': ['127.0.0.1'] }), allowAddresses: ['127.0.0.1'], ca: server.ca });
      const mismatch = await refusal(wrongName(at('/doc.json', 'wrong.test')));
      expect([mismatch.code, (mismatch.cause as { code?: string }).code]).to.deep.equal(['NETWORK_ERROR', 'ERR_TLS_CERT_ALTNAME_INVALID']);
      const untrusted = createGuardedFetch({ lookup: tableLookup({ 'issuer.test': ['127.0.0.1'] }), allowAddresses: ['127.0.0.1'] });
      const selfSigned = await refusal(untrusted(at('/doc.json')));
      expect([selfSigned.code, (selfSigned.cause as { code?: string }).code]).to.deep.equal(['NETWORK_ERROR', 'DEPTH_ZERO_SELF_SIGNED_CERT']);
    });

    it('follows a redirect within the origin, but not a loop', async () => {
      expect(await local()(at('/redirect-same'))).to.deep.equal({ id: 'doc', hello: 'world' });
      expect((await refusal(local()(at('/redirect-loop')))).code).to.equal('REDIRECT');
      expect((await refusal(local({ maxRedirects: 0 })(at('/redirect-same')))).code).to.equal('REDIRECT');
    });
  });

  describe('caps what it reads', () => {
    it('refuses an oversized body, streamed or declared, with TOO_LARGE', async () => {
      expect((await refusal(local()(at('/big')))).code).to.equal('TOO_LARGE');
      expect((await refusal(local()(at('/big-declared')))).code).to.equal('TOO_LARGE');
      // The same body under a larger cap is read.
      expect(await local({ maxBytes: 2 * 1024 * 1024 })(at('/big'))).to.have.property('padding');
    });

    it('gives up on a slow body, a server that never answers and a lookup that never returns, with TIMEOUT', async () => {
      const started = Date.now();
      expect((await refusal(local({ timeoutMs: 300 })(at('/slow-body')))).code).to.equal('TIMEOUT');
      expect((await refusal(local({ timeoutMs: 300 })(at('/slow-headers')))).code).to.equal('TIMEOUT');
      const hanging = createGuardedFetch({ lookup: () => new Promise(() => {}), timeoutMs: 300 });
      expect((await refusal(hanging('https://hang.test/'))).code).to.equal('TIMEOUT');
      expect(Date.now() - started).to.be.below(5_000);
    });

    it('refuses non-JSON media types, non-object JSON, broken JSON and error statuses', async () => {
      expect((await refusal(local()(at('/html')))).code).to.equal('NOT_JSON');
      expect((await refusal(local()(at('/array')))).code).to.equal('NOT_JSON');
      expect((await refusal(local()(at('/broken')))).code).to.equal('NOT_JSON');
      expect((await refusal(local()(at('/missing')))).code).to.equal('BAD_STATUS');
    });
  });

  describe('caches', () => {
    it('reuses a document until its TTL, and hands each caller its own copy', async () => {
      let time = 1_000_000;
      const fetchDocument = local({ now: () => time, cacheTtlMs: 60_000 });
      const start = counted;
      const first = await fetchDocument(at('/counted'));
      first.n = 'mutated';
      expect(await fetchDocument(at('/counted'))).to.deep.equal({ n: start + 1 });
      time += 61_000;
      expect(await fetchDocument(at('/counted'))).to.deep.equal({ n: start + 2 });
    });

    it('shares one fetch among concurrent callers', async () => {
      const fetchDocument = local();
      const start = counted;
      const results = await Promise.all([1, 2, 3, 4].map(() => fetchDocument(at('/counted'))));
      expect(results.map((r) => r.n)).to.deep.equal([start + 1, start + 1, start + 1, start + 1]);
    });

    it('remembers a failure for a short while, then tries again', async () => {
      let time = 1_000_000;
      const fetchDocument = local({ now: () => time, failureTtlMs: 10_000 });
      const start = counted;
      expect((await refusal(fetchDocument(at('/counted-404')))).code).to.equal('BAD_STATUS');
      expect((await refusal(fetchDocument(at('/counted-404')))).code).to.equal('BAD_STATUS');
      expect(counted).to.equal(start + 1);
      time += 11_000;
      expect((await refusal(fetchDocument(at('/counted-404')))).code).to.equal('BAD_STATUS');
      expect(counted).to.equal(start + 2);
    });

    it('keeps at most maxCacheEntries documents', async () => {
      const fetchDocument = local({ maxCacheEntries: 1 });
      const start = counted;
      await fetchDocument(at('/counted'));
      await fetchDocument(at('/doc.json'));
      await fetchDocument(at('/counted'));
      expect(counted).to.equal(start + 2);
    });
  });
});
