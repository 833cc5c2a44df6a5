/** A minimal GET client for loopback servers: the test network guard replaces global fetch with one that refuses. */
import http from 'node:http';

export function loopbackFetch(url: string): Promise<{ status: number; text(): Promise<string> }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: async () => body }));
        res.on('error', reject);
      })
      .on('error', reject);
  });
}
