/**
 * The load generator, run as a forked child process so it never shares an event loop
 * with the hub, the floor or the sink. Closed loop: N keep-alive connections, each
 * sending the next order as soon as the last is answered. Open loop: orders start at
 * a fixed arrival rate whatever the answers do, and latency is measured from the
 * scheduled start (no coordinated omission). No pipelining: one request per socket
 * at a time (node:http Agent with keep-alive). A closed loop can also stop after a
 * number of orders (`maxOrders`). Bodies come from the factory of the spec's payload kind.
 */
import http from 'node:http';
import { orderBodies } from './payloads.js';
import { nowMs, type ChildMessage, type LoadResult, type LoadSpec, type ParentMessage } from './protocol.js';

interface Answer {
  status: number;
  id: string | undefined;
}

function send(message: ChildMessage): void {
  process.send?.(message);
}

/** POSTs one order; resolves with the status and the order id from the JSON answer (status 0 on error). */
function post(agent: http.Agent, url: URL, body: Buffer, headers: Record<string, string>, timeoutMs: number): Promise<Answer> {
  return new Promise((resolve) => {
    const request = http.request(
      { agent, host: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers, timeout: timeoutMs },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const match = /"hubOrderId"\s*:\s*"([^"]+)"/.exec(Buffer.concat(chunks).toString('utf8'));
          resolve({ status: response.statusCode ?? 0, id: match?.[1] });
        });
        response.on('error', () => resolve({ status: 0, id: undefined }));
      },
    );
    request.on('timeout', () => request.destroy(new Error('timeout')));
    request.on('error', () => resolve({ status: 0, id: undefined }));
    request.end(body);
  });
}

async function runLoad(spec: LoadSpec): Promise<LoadResult> {
  const factory = orderBodies(spec.payload ?? 'shopify-json', spec.secret);
  const maxOrders = spec.maxOrders ?? 0;
  const url = new URL(spec.url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: spec.mode === 'closed' ? spec.connections : Infinity });
  const latencies: number[] = [];
  const acceptedAt: Array<[string, number]> = [];
  const statuses: Record<string, number> = {};
  let sent = 0;
  let errors = 0;
  let next = spec.orderBase;
  let bytesMin = Infinity;
  let bytesMax = 0;
  let bytesSum = 0;
  let maxLag = 0;

  const one = async (scheduledAt: number): Promise<void> => {
    const request = factory.make(++next);
    bytesMin = Math.min(bytesMin, request.body.length);
    bytesMax = Math.max(bytesMax, request.body.length);
    bytesSum += request.body.length;
    const startedAt = spec.mode === 'open' ? scheduledAt : nowMs();
    sent++;
    const answer = await post(agent, url, request.body, request.headers, spec.requestTimeoutMs);
    const doneAt = nowMs();
    const key = String(answer.status);
    statuses[key] = (statuses[key] ?? 0) + 1;
    if (answer.status === 202 && answer.id !== undefined) {
      latencies.push(doneAt - startedAt);
      acceptedAt.push([answer.id, doneAt]);
    } else {
      errors++;
    }
  };

  const startedAt = nowMs();
  const endAt = startedAt + spec.durationMs;
  if (spec.mode === 'closed') {
    const loop = async (): Promise<void> => {
      while (nowMs() < endAt && (maxOrders <= 0 || sent < maxOrders)) await one(0);
    };
    await Promise.all(Array.from({ length: spec.connections }, loop));
  } else {
    const interval = 1000 / spec.rate;
    const inFlight = new Set<Promise<void>>();
    let scheduled = 0;
    while (true) {
      const now = nowMs();
      if (now >= endAt) break;
      // Start every arrival that is due by now, each stamped with its own scheduled time.
      while (startedAt + scheduled * interval <= now) {
        const at = startedAt + scheduled * interval;
        maxLag = Math.max(maxLag, now - at);
        scheduled++;
        const pending = one(at);
        inFlight.add(pending);
        void pending.finally(() => inFlight.delete(pending));
      }
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, Math.min(5, startedAt + scheduled * interval - nowMs()))));
    }
    await Promise.all(inFlight);
  }
  agent.destroy();
  return {
    mode: spec.mode, startedAt, endedAt: nowMs(), sent, accepted: acceptedAt.length, errors, statuses,
    latenciesMs: latencies, acceptedAt, maxScheduleLagMs: maxLag,
    bodyBytes: { min: sent > 0 ? bytesMin : 0, mean: sent > 0 ? bytesSum / sent : 0, max: bytesMax },
  };
}

process.on('message', (message: ParentMessage) => {
  if (message.type !== 'run') return;
  runLoad(message.spec).then(
    (result) => send({ type: 'result', seq: message.seq, result }),
    (error: unknown) => send({ type: 'error', seq: message.seq, message: String(error) }),
  );
});
process.on('disconnect', () => process.exit(0));
send({ type: 'ready' });
