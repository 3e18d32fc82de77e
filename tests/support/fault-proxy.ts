/**
 * A small TCP fault proxy of our own: sits between the hub and a real server on
 * loopback (Redis, the OMS, sshd) and misbehaves on request, the way networks do:
 * added latency, a bandwidth limit (each direction), a blackhole (connections stay
 * open, nothing arrives), connections reset in the middle of an answer, and
 * refused connections. `heal()` ends every fault; connections that a blackhole held
 * are reset then, as a TCP timeout would end them.
 */
import { createServer, connect, type Server, type Socket } from 'node:net';

export type FaultMode =
  | { kind: 'pass' }
  | { kind: 'blackhole' }
  | { kind: 'refuse' }
  /** Forward `afterBytes` bytes of the server's answer, then reset both sides. */
  | { kind: 'reset-mid-response'; afterBytes: number };

export interface FaultProxy {
  port: number;
  /** Delay every chunk, both directions (0: none). */
  latency(ms: number): void;
  /** Limit throughput from client to server (undefined: no limit). */
  throttle(bytesPerSecond: number | undefined): void;
  /** Limit throughput both ways (undefined: no limit). */
  bandwidth(bytesPerSecond: number | undefined): void;
  blackhole(): void;
  refuse(): void;
  resetMidResponse(afterBytes?: number): void;
  /** Back to a clean link: no latency, no limit, no fault. */
  heal(): void;
  /** Destroy every open connection (both sides). New connections still work. */
  cutAll(): void;
  connections(): number;
  /** Connections reset by a fault so far (a measure of what the fault did). */
  resets(): number;
  close(): Promise<void>;
}

interface Link {
  client: Socket;
  upstream: Socket;
  /** Bytes of answer forwarded since the reset fault began. */
  answered: number;
}

interface Policy {
  mode: FaultMode;
  latencyMs: number;
  upLimit: number | undefined;
  downLimit: number | undefined;
}

export async function startFaultProxy(targetPort: number, targetHost = '127.0.0.1'): Promise<FaultProxy> {
  const policy: Policy = { mode: { kind: 'pass' }, latencyMs: 0, upLimit: undefined, downLimit: undefined };
  const links = new Set<Link>();
  let resets = 0;

  const drop = (link: Link, reset = false): void => {
    if (!links.delete(link)) return;
    if (reset) {
      resets += 1;
      link.client.resetAndDestroy();
      link.upstream.resetAndDestroy();
    } else {
      link.client.destroy();
      link.upstream.destroy();
    }
  };

  const server: Server = createServer((client) => {
    if (policy.mode.kind === 'refuse') {
      resets += 1;
      client.resetAndDestroy();
      return;
    }
    const upstream = connect(targetPort, targetHost);
    const link: Link = { client, upstream, answered: 0 };
    links.add(link);
    client.on('error', () => drop(link)).on('close', () => drop(link));
    upstream.on('error', () => drop(link)).on('close', () => drop(link));
    client.on('data', (chunk: Buffer) => relay(chunk, client, upstream, policy, policy.upLimit));
    upstream.on('data', (chunk: Buffer) => {
      if (policy.mode.kind === 'reset-mid-response') {
        const room = policy.mode.afterBytes - link.answered;
        if (room <= 0) return drop(link, true);
        link.answered += chunk.length;
        if (chunk.length > room) {
          relay(chunk.subarray(0, room), upstream, client, policy, policy.downLimit);
          return setTimeout(() => drop(link, true), policy.latencyMs + 5);
        }
      }
      relay(chunk, upstream, client, policy, policy.downLimit);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();

  const setMode = (mode: FaultMode): void => {
    policy.mode = mode;
    for (const link of links) link.answered = 0;
  };

  return {
    port: typeof address === 'object' && address ? address.port : 0,
    latency: (ms) => { policy.latencyMs = ms; },
    throttle: (bytesPerSecond) => { policy.upLimit = bytesPerSecond; },
    bandwidth: (bytesPerSecond) => { policy.upLimit = bytesPerSecond; policy.downLimit = bytesPerSecond; },
    blackhole: () => setMode({ kind: 'blackhole' }),
    refuse: () => setMode({ kind: 'refuse' }),
    resetMidResponse: (afterBytes = 1) => setMode({ kind: 'reset-mid-response', afterBytes }),
    heal: () => {
      const wasBlackhole = policy.mode.kind === 'blackhole';
      Object.assign(policy, { mode: { kind: 'pass' }, latencyMs: 0, upLimit: undefined, downLimit: undefined });
      // A blackhole swallowed bytes: those streams are broken, as after a TCP timeout.
      if (wasBlackhole) for (const link of [...links]) drop(link, true);
    },
    cutAll: () => { for (const link of [...links]) drop(link); },
    connections: () => links.size,
    resets: () => resets,
    close: () => new Promise<void>((resolve) => {
      for (const link of [...links]) drop(link);
      server.close(() => resolve());
    }),
  };
}

/** Chunks waiting (for the latency) to be written to each socket, oldest first. */
const waiting = new WeakMap<Socket, Array<{ at: number; chunk: Buffer }>>();

/** Forwards a chunk under the current policy: swallowed by a blackhole, delayed, rate-limited. */
function relay(chunk: Buffer, from: Socket, to: Socket, policy: Policy, limit: number | undefined): void {
  if (policy.mode.kind === 'blackhole') return;
  // One queue per direction, drained in order: a chunk never overtakes an earlier one, even
  // when the latency drops meanwhile (a reordered byte stream is not a fault networks make).
  const queue = waiting.get(to) ?? [];
  if (!waiting.has(to)) waiting.set(to, queue);
  const last = queue.at(-1)?.at ?? 0;
  queue.push({ at: Math.max(Date.now() + policy.latencyMs, last), chunk });
  if (queue.length === 1) drain(to, queue);
  if (limit === undefined) return;
  from.pause();
  setTimeout(() => { if (!from.destroyed) from.resume(); }, Math.ceil((chunk.length / limit) * 1000));
}

/** Writes every due chunk at the head of `queue`, then waits for the next one. */
function drain(to: Socket, queue: Array<{ at: number; chunk: Buffer }>): void {
  while (queue.length > 0 && queue[0]!.at <= Date.now()) {
    const { chunk } = queue.shift()!;
    if (!to.destroyed) to.write(chunk);
  }
  if (queue.length > 0) setTimeout(() => drain(to, queue), queue[0]!.at - Date.now());
}
