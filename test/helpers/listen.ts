import type { AddressInfo } from 'node:net';
import type { RequestListener, Server } from 'node:http';

/** Serves `app` on a free loopback port for the suite: call in before(), close in after(). */
export async function listenOnLoopback(app: { listen(port: number, host: string): Server } | RequestListener): Promise<{ url: string; close(): Promise<void> }> {
  const server = (app as { listen(port: number, host: string): Server }).listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
