/**
 * `npm run bench:trace [-- --orders N]`: where the Redis commands of one order go.
 * Starts a durable Redis, the sink and the hub as `npm run bench` does, sends N orders
 * one at a time (each delivered before the next), records every command with MONITOR
 * (commands run inside Lua scripts included) and prints them per order, grouped by
 * command and key pattern (ids replaced by placeholders), top level and inside scripts
 * apart. Background work (polls, heartbeats, stall checks) during the trace is
 * included, so a few orders give a fair picture of the steady per-order cost.
 */
import { startRedis, type TestRedis } from '../tests/support/redis.js';
import { IpcChild } from './ipc-child.js';
import { OrderFactory } from './order-bodies.js';
import { startHub, type RunningTarget } from './targets.js';

const ordersArg = process.argv.indexOf('--orders');
const ORDERS = ordersArg > 0 ? Number(process.argv[ordersArg + 1]) : 20;

interface Traced {
  fromScript: boolean;
  name: string;
  pattern: string;
}

/** A command's key shape: the hub prefix dropped, ids and numbers replaced. */
function patternOf(args: string[], prefix: string): string {
  const key = args[1] ?? '';
  if (!key.includes(':')) return '';
  return key
    .replace(`${prefix}:`, '')
    .replace(/[0-9A-HJKMNP-TV-Z]{26}/g, '<ulid>')
    .replace(/[0-9a-f]{16,}/g, '<hash>')
    .replace(/idx:conf:.*/, 'idx:conf:<code>')
    .replace(/\d+/g, '<n>');
}

async function sendOne(url: string, factory: OrderFactory, n: number): Promise<string> {
  const { body, headers } = factory.make(n);
  const response = await fetch(url, { method: 'POST', headers, body });
  const answer = await response.json() as { hubOrderId?: string };
  if (response.status !== 202 || !answer.hubOrderId) throw new Error(`order ${n}: answered ${response.status}`);
  return answer.hubOrderId;
}

async function main(): Promise<void> {
  let redis: TestRedis | undefined;
  let sink: IpcChild | undefined;
  let hub: RunningTarget | undefined;
  try {
    redis = await startRedis({ appendfsync: 'always', policy: 'noeviction' });
    sink = await IpcChild.start('bench/sink.ts');
    hub = await startHub(redis.url, `http://127.0.0.1:${sink.port}`);
    const factory = new OrderFactory(hub.secret);
    // Warm up: the first orders load scripts and fill caches.
    for (let n = 1; n <= 3; n++) await sink.request({ type: 'await', ids: [await sendOne(hub.ingestUrl, factory, n)], timeoutMs: 10_000 });
    const monitor = await redis.client().monitor();
    const traced: Traced[] = [];
    const prefix = hub.prefix;
    monitor.on('monitor', (_time: string, args: string[], source: string) => {
      traced.push({ fromScript: source === 'lua', name: String(args[0]).toLowerCase(), pattern: patternOf(args.map(String), prefix) });
    });
    for (let n = 100; n < 100 + ORDERS; n++) {
      const id = await sendOne(hub.ingestUrl, factory, n);
      await sink.request({ type: 'await', ids: [id], timeoutMs: 10_000 });
    }
    // Let the receipt transaction after the sink's answer land before stopping the trace.
    await new Promise((resolve) => setTimeout(resolve, 300));
    monitor.disconnect();
    report(traced);
  } finally {
    await hub?.stop();
    await sink?.stop();
    await redis?.stop();
  }
}

function report(traced: Traced[]): void {
  const groups = new Map<string, number>();
  for (const t of traced) {
    const label = `${t.fromScript ? '  lua' : 'top  '} ${t.name.padEnd(16)} ${t.pattern}`;
    groups.set(label, (groups.get(label) ?? 0) + 1);
  }
  const top = traced.filter((t) => !t.fromScript).length;
  console.log(`${ORDERS} orders, ${traced.length} commands: ${(traced.length / ORDERS).toFixed(1)} per order ` +
    `(${(top / ORDERS).toFixed(1)} top level, ${((traced.length - top) / ORDERS).toFixed(1)} inside scripts)\n`);
  console.log('per order  where command          key');
  for (const [label, count] of [...groups].sort((a, b) => b[1] - a[1])) {
    console.log(`${(count / ORDERS).toFixed(2).padStart(9)}  ${label}`);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : String(error));
  process.exitCode = 1;
});
