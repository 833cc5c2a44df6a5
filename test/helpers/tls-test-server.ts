/**
 * Local listeners for the guarded client's tests: an https server on 127.0.0.1 with a self-signed certificate for
 * test host names (made by openssl, as test/https.test.ts does), and a plain TCP "trap" that only counts connections,
 * so a test can prove a refused URL made no connection at all.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import https from 'node:https';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export interface Listener {
  port: number;
  /** TCP connections accepted so far. */
  connections(): number;
  close(): Promise<void>;
}

export interface TestHttpsServer extends Listener {
  /** The self-signed certificate (PEM): pass it as the guarded client's test-only `ca`. */
  ca: string;
  /** Request paths received, in order. */
  requests: string[];
}

export function selfSignedCertificate(hostnames: readonly string[]): { cert: string; key: string } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'proofline-guard-tls-'));
  try {
    const cert = path.join(dir, 'cert.pem');
    const key = path.join(dir, 'key.pem');
    execFileSync(
      'openssl',
      ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', `/CN=${hostnames[0]}`, '-addext', `subjectAltName=${hostnames.map((h) => `DNS:${h}`).join(',')}`],
      { stdio: 'ignore' },
    );
    return { cert: readFileSync(cert, 'utf8'), key: readFileSync(key, 'utf8') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function startTestHttpsServer(hostnames: readonly string[], handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<TestHttpsServer> {
  const { cert, key } = selfSignedCertificate(hostnames);
  const requests: string[] = [];
  let connections = 0;
  const server = https.createServer({ cert, key }, (req, res) => {
    requests.push(req.url ?? '');
    handler(req, res);
  });
  server.on('connection', () => (connections += 1));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    ca: cert,
    requests,
    connections: () => connections,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export async function startTrapListener(): Promise<Listener> {
  let connections = 0;
  const server = net.createServer((socket) => {
    connections += 1;
    socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    connections: () => connections,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
