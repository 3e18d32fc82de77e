/**
 * A small TCP fault proxy for tests: sits between the hub and a real server on
 * loopback, can slow traffic down (bytes per second, each direction), and can cut
 * every open connection at once (a network drop in the middle of a transfer).
 */
import { createServer, connect, type Server, type Socket } from 'node:net';

export interface TcpProxy {
  port: number;
  /** Limit throughput from client to server (undefined: no limit). */
  throttle(bytesPerSecond: number | undefined): void;
  /** Destroy every open connection (both sides). New connections still work. */
  cutAll(): void;
  connections(): number;
  close(): Promise<void>;
}

export async function startTcpProxy(targetPort: number, targetHost = '127.0.0.1'): Promise<TcpProxy> {
  let limit: number | undefined;
  const open = new Set<Socket>();
  const server: Server = createServer((client) => {
    const upstream = connect(targetPort, targetHost);
    open.add(client);
    open.add(upstream);
    const drop = () => {
      client.destroy();
      upstream.destroy();
      open.delete(client);
      open.delete(upstream);
    };
    client.on('error', drop).on('close', drop);
    upstream.on('error', drop).on('close', drop);
    upstream.pipe(client);
    client.on('data', (chunk: Buffer) => forward(chunk, client, upstream, () => limit));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return {
    port: typeof address === 'object' && address ? address.port : 0,
    throttle: (bytesPerSecond) => { limit = bytesPerSecond; },
    cutAll: () => { for (const socket of open) socket.destroy(); open.clear(); },
    connections: () => open.size / 2,
    close: () => new Promise<void>((resolve) => {
      for (const socket of open) socket.destroy();
      server.close(() => resolve());
    }),
  };
}

/** Writes a chunk upstream, pausing the client long enough to keep under the limit. */
function forward(chunk: Buffer, client: Socket, upstream: Socket, limit: () => number | undefined): void {
  if (upstream.destroyed) return;
  upstream.write(chunk);
  const bytesPerSecond = limit();
  if (bytesPerSecond === undefined) return;
  client.pause();
  setTimeout(() => { if (!client.destroyed) client.resume(); }, Math.ceil((chunk.length / bytesPerSecond) * 1000));
}
