/**
 * One short TCP exchange with a server under test, as its start loop probes it: connect to
 * 127.0.0.1:port, send a request (or nothing, for servers that speak first), read until the
 * reply is complete. null when the server is unreachable, closes first, or is too slow.
 */
import net from 'node:net';

/**
 * Sends `request` (if any) once connected and resolves with `reply(received)` as soon as that is
 * not undefined (`received`: every byte so far); null on error, close or after `timeoutMs`.
 */
export function exchange(
  port: number,
  request: string | undefined,
  reply: (received: Buffer) => string | undefined,
  timeoutMs: number,
): Promise<string | null> {
  return new Promise((resolve) => {
    let received = Buffer.alloc(0);
    let settled = false;
    const socket = net.connect({ host: '127.0.0.1', port });
    const finish = (value: string | null): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(value);
    };
    const timer = setTimeout(() => finish(null), timeoutMs);
    socket.once('error', () => finish(null));
    socket.once('close', () => finish(null));
    if (request !== undefined) socket.on('connect', () => socket.write(request));
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      const value = reply(received);
      if (value !== undefined) finish(value);
    });
  });
}

/** The first line the server sends on connect (an SSH banner, an IMAP greeting), without its line end. */
export function readFirstLine(port: number, timeoutMs: number): Promise<string | null> {
  return exchange(
    port,
    undefined,
    (received) => {
      const text = received.toString('latin1');
      const eol = text.indexOf('\n');
      return eol >= 0 ? text.slice(0, eol).trimEnd() : undefined;
    },
    timeoutMs,
  );
}
