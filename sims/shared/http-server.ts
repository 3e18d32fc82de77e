/**
 * Starts a Hono app on a plain node:http server bound to loopback (or any host)
 * and closes it hard: open and hanging connections are destroyed, so tests never
 * wait for a client that will not come back.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import type { Hono } from 'hono';

export interface RunningServer {
  /** Base URL without a trailing slash, e.g. `http://127.0.0.1:40123`. */
  url: string;
  port: number;
  server: Server;
  close(): Promise<void>;
}

export interface ListenOptions {
  port?: number;
  host?: string;
}

/** Listens on `port` (0 = a free port) and resolves once the socket is bound. */
export async function listen<E extends object>(app: Hono<E>, options: ListenOptions = {}): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1';
  const server = createServer(getRequestListener(app.fetch));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  return { url: `http://${urlHost}:${port}`, port, server, close: () => closeServer(server) };
}

/** Stops accepting, destroys every open connection, resolves when the server is closed. */
export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    if (!server.listening) {
      resolve();
      return;
    }
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
