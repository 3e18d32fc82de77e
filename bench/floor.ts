/**
 * The floor: the least a Hono + BullMQ program can do with the same input, run as its
 * own process(es) for comparison with the hub. POST /in parses the JSON (POST /in-xml
 * the XML), adds one job (id in the data) and answers 202 {hubOrderId}; a worker hands each job to the
 * delivery (HTTP to the sink, concurrency 16 like the hub's default per target; or
 * batched files over SFTP). No signature check, no dedup, no mapping, no validation,
 * no timeline, no retries.
 *
 * Environment: FLOOR_REDIS_URL, FLOOR_PORT, FLOOR_PREFIX; FLOOR_ROLE `all` (default),
 * `api` (intake only: nothing is consumed) or `worker` (worker only; /healthz still
 * answers on FLOOR_PORT); FLOOR_SINK_URL for HTTP delivery, or FLOOR_SFTP (JSON of
 * FloorSftpConfig) for SFTP delivery.
 */
import { randomBytes } from 'node:crypto';
import { serve } from '@hono/node-server';
import { Queue, Worker } from 'bullmq';
import { XMLParser } from 'fast-xml-parser';
import { Hono } from 'hono';
import { Redis } from 'ioredis';
import type { FloorSftpConfig } from './delivery.js';
import type { FloorDelivery, FloorJob } from './floor-delivery.js';
import { httpDelivery } from './floor-http.js';
import { sftpDelivery } from './floor-sftp.js';

function env(name: string): string {
  const value = process.env[name];
  if (value === undefined || value === '') throw new Error(`${name} is not set`);
  return value;
}

function chooseDelivery(): FloorDelivery {
  const sftp = process.env.FLOOR_SFTP;
  if (sftp !== undefined && sftp !== '') return sftpDelivery(JSON.parse(sftp) as FloorSftpConfig);
  return httpDelivery(env('FLOOR_SINK_URL'));
}

const redisUrl = env('FLOOR_REDIS_URL');
const prefix = env('FLOOR_PREFIX');
const port = Number(env('FLOOR_PORT'));
const role = process.env.FLOOR_ROLE ?? 'all';
if (!['all', 'api', 'worker'].includes(role)) throw new Error(`FLOOR_ROLE must be all, api or worker, not ${role}`);

const connections: Redis[] = [];
const connect = (): Redis => {
  const connection = new Redis(redisUrl, { maxRetriesPerRequest: null });
  connections.push(connection);
  return connection;
};

const app = new Hono();
app.get('/healthz', (c) => c.json({ ok: true }));

let queue: Queue<FloorJob> | undefined;
if (role !== 'worker') {
  const intake = new Queue<FloorJob>('orders', { connection: connect(), prefix });
  queue = intake;
  app.post('/in', async (c) => {
    const order: unknown = await c.req.json();
    const id = randomBytes(13).toString('hex');
    await intake.add('order', { id, order }, { removeOnComplete: true });
    return c.json({ status: 'received', hubOrderId: id }, 202);
  });
  // The same for an XML body: parse it (fast-xml-parser, as the hub does) and queue it.
  const xml = new XMLParser({ ignoreAttributes: false });
  app.post('/in-xml', async (c) => {
    const order: unknown = xml.parse(await c.req.text());
    const id = randomBytes(13).toString('hex');
    await intake.add('order', { id, order }, { removeOnComplete: true });
    return c.json({ status: 'received', hubOrderId: id }, 202);
  });
  await intake.waitUntilReady();
}

let worker: Worker<FloorJob> | undefined;
if (role !== 'api') {
  const delivery = chooseDelivery();
  worker = new Worker<FloorJob>('orders', (job) => delivery.deliver(job.data), {
    connection: connect(), prefix, concurrency: delivery.concurrency, removeOnComplete: { count: 0 },
  });
  await worker.waitUntilReady();
}

const server = serve({ fetch: app.fetch, port, hostname: '127.0.0.1' });

async function shutdown(): Promise<void> {
  server.close();
  await worker?.close();
  await queue?.close();
  for (const connection of connections) connection.disconnect();
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown());
process.on('SIGINT', () => void shutdown());
