/**
 * A worker process killed (SIGKILL) in the middle of a delivery: the job is taken up
 * again by a new worker, the OMS sees the same idempotency key, and the order exists
 * exactly once at the OMS and is recorded as sent.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeShopifyOrder } from '../../sims/storefront/index.js';
import { eventually } from '../support/hub.js';
import { getJson, startWorld, type World } from '../support/world.js';

let world: World;
const children: ChildProcess[] = [];

function startWorkerProcess(configFile: string): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'worker', '--config', configFile], {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, LOG_LEVEL: 'warn' },
  });
  children.push(child);
  return child;
}

function killed(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

beforeAll(async () => {
  world = await startWorld({ hub: { workers: false } });
});

afterAll(async () => {
  await Promise.all(children.map(killed));
  await world?.stop();
});

describe('worker killed mid-delivery', () => {
  it('delivers the order exactly once after a new worker takes over', async () => {
    world.oms.hangNext();
    const first = startWorkerProcess(world.hub.configFile);
    const sent = await world.store.sendOrderWebhook(world.webhookUrl, makeShopifyOrder(30));
    expect(sent.status).toBe(202);
    const id = (sent.body as { hubOrderId: string }).hubOrderId;

    const [received] = await world.oms.waitForOrders(1, 20_000);
    expect(received!.hubOrderId).toBe(id);
    await killed(first);
    expect(first.signalCode).toBe('SIGKILL');

    const { body: during } = await getJson<{ state: string }>(`${world.hub.url}/api/orders/${id}`);
    expect(during.state).toBe('accepted');

    startWorkerProcess(world.hub.configFile);
    await eventually(async () => {
      const { body } = await getJson<{ state: string }>(`${world.hub.url}/api/orders/${id}`);
      return body.state === 'sent' ? true : undefined;
    }, 30_000, 'order to be sent by the second worker');

    const atOms = world.oms.orders().filter((o) => o.hubOrderId === id);
    expect(atOms).toHaveLength(1);
    expect(atOms[0]!.posts).toBe(2);
    const { body } = await getJson<{ status: { receipts: Array<{ externalRef: string }> } }>(`${world.hub.url}/api/orders/${id}`);
    expect(body.status.receipts).toEqual([expect.objectContaining({ externalRef: atOms[0]!.omsOrderNumber })]);
    const ledger = await world.redis.client().hget(`${world.hub.prefix}:order:${id}`, 'rcpt:oms-main');
    expect(JSON.parse(ledger!)).toEqual({ externalRef: atOms[0]!.omsOrderNumber, at: expect.any(String), attempt: expect.any(Number), mapping: 'canonical-to-oms-xml@1.0.0' });
  });
});
