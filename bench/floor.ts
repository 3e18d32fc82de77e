/**
 * The floor: the least a Hono + BullMQ program can do with the same input, run as its
 * own process for comparison with the hub. POST /in parses the JSON, adds one job
 * (id in the data) and answers 202 {hubOrderId}; one worker (concurrency 4, like the
 * hub's default per-target delivery concurrency) posts {hubOrderId, order} to the sink.
 * No signature check, no dedup, no mapping, no validation, no timeline, no retries.
 *
 * Environment: FLOOR_REDIS_URL, FLOOR_PORT, FLOOR_SINK_URL, FLOOR_PREFIX.
 */
import { randomUUID } from 'node:crypto';
import { serve } from '@hono/node-server';
import { Queue, Worker } from 'bullmq';
import { Hono } from 'hono';
import { Redis } from 'ioredis';

interface FloorJob {
  id: string;
  order: unknown;
}

function env(name: string): string {
  const value = process.env[name];
  if (value === undefined || value === '') throw new Error(`${name} is not set`);
  return value;
}

const redisUrl = env('FLOOR_REDIS_URL');
const sinkUrl = env('FLOOR_SINK_URL');
const prefix = env('FLOOR_PREFIX');
const port = Number(env('FLOOR_PORT'));

const queueConnection = new Redis(redisUrl, { maxRetriesPerRequest: null });
const workerConnection = new Redis(redisUrl, { maxRetriesPerRequest: null });
const queue = new Queue<FloorJob>('orders', { connection: queueConnection, prefix });
const worker = new Worker<FloorJob>('orders', async (job) => {
  const response = await fetch(sinkUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': job.data.id },
    body: JSON.stringify({ hubOrderId: job.data.id, order: job.data.order }),
  });
  await response.arrayBuffer();
  if (!response.ok) throw new Error(`sink answered ${response.status}`);
}, { connection: workerConnection, prefix, concurrency: 4, removeOnComplete: { count: 0 } });

const app = new Hono();
app.get('/healthz', (c) => c.json({ ok: true }));
app.post('/in', async (c) => {
  const order: unknown = await c.req.json();
  const id = randomUUID();
  await queue.add('order', { id, order }, { removeOnComplete: true });
  return c.json({ status: 'received', hubOrderId: id }, 202);
});

await queue.waitUntilReady();
await worker.waitUntilReady();
const server = serve({ fetch: app.fetch, port, hostname: '127.0.0.1' });

async function shutdown(): Promise<void> {
  server.close();
  await worker.close();
  await queue.close();
  queueConnection.disconnect();
  workerConnection.disconnect();
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown());
process.on('SIGINT', () => void shutdown());
