/** HTTPS when TLS_CERT_FILE / TLS_KEY_FILE are set (DESIGN.md §6), with a self-signed certificate made by openssl. */
import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { startServer } from '../server.ts';
import { testConfig } from './helpers/platform.ts';

describe('startServer with TLS', function () {
  this.timeout(60_000);

  it('serves HTTPS with the configured certificate', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'proofline-tls-'));
    const cert = path.join(dir, 'cert.pem');
    const key = path.join(dir, 'key.pem');
    execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=localhost'], { stdio: 'ignore' });
    const { platform, server } = await startServer(
      testConfig({ PORT: '0', TLS_CERT_FILE: cert, TLS_KEY_FILE: key, PROOFLINE_DATA_DIR: path.join(dir, 'data'), LOG_LEVEL: 'silent' }),
    );
    try {
      const { port } = server.address() as { port: number };
      const { status, body, peerCert } = await new Promise<{ status: number; body: string; peerCert: string }>((resolve, reject) => {
        const req = https.get({ host: '127.0.0.1', port, path: '/healthz', rejectUnauthorized: false }, (res) => {
          // Read the certificate while the socket is open.
          const peerCert = String((res.socket as import('node:tls').TLSSocket).getPeerCertificate().subject?.CN ?? '');
          let body = '';
          res.on('data', (d) => (body += d));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body, peerCert }));
        });
        req.on('error', reject);
      });
      expect(status).to.equal(200);
      expect(JSON.parse(body)).to.deep.equal({ status: 'ok' });
      expect(peerCert).to.equal('localhost');
    } finally {
      await new Promise((resolve) => server.close(resolve));
      await platform.close();
    }
  });
});
