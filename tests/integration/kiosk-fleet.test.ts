/**
 * A fleet of simulated kiosks against the real hub, a real Redis and a real Mosquitto:
 * 20 kiosks that go offline and online upload overlapping, shuffled batches with
 * deliberate duplicates and lost answers, half over HTTP and half over MQTT; then a fleet
 * over MQTT whose status comes back on its topics, and uploads that wait on the broker
 * while the hub is down. Every order is recorded exactly once, each
 * device's highest contiguous number is its last, and status comes back on each device's
 * topic, up to "ready for pickup".
 */
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { Fleet, HttpKioskTransport, MqttKioskTransport, type FleetReport, type KioskIdentity } from '../../sims/kiosk/index.js';
import { runHub, type RunningHub } from '../../src/cli/run-hub.js';
import { eventually } from '../support/hub.js';
import { startMosquitto, type TestMosquitto } from '../support/mosquitto.js';
import { startWorld, type World } from '../support/world.js';

const DEVICE_SECRET = 'test-device-key-secret-0123456789abcdef';
const STORES = ['S01', 'S02', 'S03', 'S04'];

let broker: TestMosquitto;
let world: World;
/** The hub started again after the MQTT outage (the world's own was stopped). */
let restarted: RunningHub | undefined;

beforeAll(async () => {
  process.env.TEST_DEVICE_KEY_SECRET = DEVICE_SECRET;
  broker = await startMosquitto();
  world = await startWorld({
    oms: { autoProgress: { acknowledgeAfterMs: 100, allocateAfterMs: 200, shipAfterMs: 400 } },
    hub: {
      extra: {
        devices: { keySecret: { env: 'TEST_DEVICE_KEY_SECRET' } },
        routing: { stores: STORES.map((id) => ({ id, postalCode: '10001', country: 'US' })) },
        instances: {
          kiosks: {
            connector: 'kiosk', channel: 'kiosk',
            settings: { mqtt: { url: broker.url, clientId: `hub-${Date.now()}`, topicPrefix: 'kiosks' } },
            mappings: { inbound: resolve('mappings/kiosk-order-to-canonical.json') },
          },
        },
      },
    },
  });
}, 60_000);

afterAll(async () => {
  await restarted?.stop().catch(() => undefined);
  await world?.stop();
  await broker?.stop();
});

function hubUrl(): string {
  return restarted?.url ?? world.hub.url;
}

async function registerFleet(prefix: string, count: number): Promise<KioskIdentity[]> {
  const devices: KioskIdentity[] = [];
  for (let i = 0; i < count; i++) {
    const store = STORES[i % STORES.length]!;
    const response = await fetch(`${hubUrl()}/api/devices`, {
      method: 'POST', headers: { authorization: `Bearer ${world.hub.apiToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ id: `${prefix}-${i + 1}`, store }),
    });
    expect(response.status).toBe(201);
    const { key } = (await response.json()) as { key: { keyId: string; secret: string } };
    devices.push({ deviceId: `${prefix}-${i + 1}`, store, key });
  }
  return devices;
}

/** Every order the hub holds from the kiosk instance, by `<device>/<seq>`, with its confirmation. */
async function ordersHeld(): Promise<Map<string, string[]>> {
  const redis = (restarted ?? world.hub.hub).runtime.redis;
  const byRef = new Map<string, string[]>();
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${world.hub.prefix}:order:*`, 'COUNT', 1000);
    cursor = next;
    for (const key of keys) {
      const [source, ref, conf] = await redis.hmget(key, 'source', 'ext', 'conf');
      if (source !== 'kiosks' || !ref) continue;
      byRef.set(ref, [...(byRef.get(ref) ?? []), conf ?? '']);
    }
  } while (cursor !== '0');
  return byRef;
}

async function expectExactlyOnce(report: FleetReport, fleet: Fleet): Promise<void> {
  expect(report.drained, JSON.stringify(report.kiosks.filter((k) => !k.inSync).slice(0, 3))).toBe(true);
  expect(report.totals.anomalies).toBe(0);
  const held = await ordersHeld();
  for (const kiosk of fleet.kiosks) {
    for (let seq = 1; seq <= kiosk.lastSeq; seq++) {
      const confirmations = held.get(`${kiosk.deviceId}/${seq}`);
      expect(confirmations, `${kiosk.deviceId}/${seq}`).toHaveLength(1);
      const known = kiosk.record(seq)?.confirmation;
      if (known) expect(known).toBe(confirmations![0]);
    }
    const device = await (await fetch(`${hubUrl()}/api/devices/${kiosk.deviceId}`, { headers: { authorization: `Bearer ${world.hub.apiToken}` } })).json() as { sequence: { highestContiguous: number; heldBeyondGap: number } };
    expect(device.sequence).toMatchObject({ highestContiguous: kiosk.lastSeq, heldBeyondGap: 0 });
    expect(kiosk.highestContiguous).toBe(kiosk.lastSeq);
  }
  const fromFleet = [...held.keys()].filter((ref) => fleet.kiosks.some((k) => ref.startsWith(`${k.deviceId}/`)));
  expect(fromFleet).toHaveLength(report.totals.sold);
}

describe('a fleet of 20 kiosks, half over HTTP and half over MQTT', () => {
  it('records every order exactly once through offline periods, shuffled overlapping batches, duplicates and lost answers', async () => {
    const devices = await registerFleet('fleet-kiosk', 20);
    const fleet = new Fleet({
      devices, seed: 'mixed-fleet',
      transport: (identity, index) => (index % 2 === 0
        ? new HttpKioskTransport({ hubUrl: hubUrl(), instance: 'kiosks', identity })
        : new MqttKioskTransport({ brokerUrl: broker.url, prefix: 'kiosks', identity, receiptTimeoutMs: 3000 })),
      batchSize: 6, duplicateRate: 0.2, lostResponseRate: 0.2, shuffle: true,
      connectivity: { onlineTicks: [1, 3], offlineTicks: [2, 6], startOnline: false },
      salesPerTick: [0, 2], tickMs: 10,
    });
    try {
      const report = await fleet.run({ ordersPerKiosk: 12, drainTimeoutMs: 60_000 });
      expect(report.totals.sold).toBe(240);
      expect(report.totals.duplicatesSent + report.totals.lostResponses).toBeGreaterThan(0);
      expect(report.totals.outcomes.duplicate ?? 0).toBeGreaterThan(0);
      await expectExactlyOnce(report, fleet);
    } finally {
      await fleet.close();
    }
  }, 120_000);
});

describe('kiosks over MQTT', () => {
  it('records uploads exactly once, answers on each device\'s topic and pushes status back to it', async () => {
    const devices = await registerFleet('mqtt-kiosk', 6);
    const fleet = new Fleet({
      devices, transport: 'mqtt', brokerUrl: broker.url, topicPrefix: 'kiosks', receiptTimeoutMs: 3000, seed: 'mqtt-fleet',
      batchSize: 5, duplicateRate: 0.2, shuffle: true, shipRate: 0,
      connectivity: { onlineTicks: [1, 3], offlineTicks: [1, 4], startOnline: true },
      tickMs: 10,
    });
    try {
      const report = await fleet.run({ ordersPerKiosk: 8, drainTimeoutMs: 60_000 });
      await expectExactlyOnce(report, fleet);
      // The OMS simulator acknowledges and readies each pickup order; each change reaches the kiosk.
      for (const kiosk of fleet.kiosks) {
        await eventually(() => {
          const all = kiosk.allStatuses();
          return all.size >= kiosk.lastSeq && [...all.values()].every((messages) => messages.some((m) => m.state === 'ready_for_pickup')) ? true : undefined;
        }, 30_000, `status pushes to ${kiosk.deviceId}`);
      }
    } finally {
      await fleet.close();
    }
  }, 120_000);

  it('keeps what kiosks publish while the hub is down and records it when the hub is back', async () => {
    const devices = await registerFleet('outage-kiosk', 3);
    const fleet = new Fleet({
      devices, transport: 'mqtt', brokerUrl: broker.url, topicPrefix: 'kiosks', receiptTimeoutMs: 20_000, seed: 'outage',
      batchSize: 10, connectivity: { onlineTicks: [100, 100], offlineTicks: [0, 0], startOnline: true }, tickMs: 5,
    });
    try {
      await world.hub.stop();
      for (const kiosk of fleet.kiosks) {
        await kiosk.setOnline(true);
        kiosk.sell(4);
      }
      // Published while no hub listens: the broker keeps them for the hub's persistent session.
      const syncing = Promise.all(fleet.kiosks.map((kiosk) => kiosk.sync()));
      await new Promise((r) => setTimeout(r, 500));
      restarted = await runHub({ configFile: world.hub.configFile, api: true, workers: true, log: pino({ level: 'silent' }) });
      await syncing;
      const report = await fleet.drain({ timeoutMs: 60_000 });
      await expectExactlyOnce(report, fleet);
      // Each kiosk published once: the upload that waited on the broker is the one recorded and answered.
      expect(report.totals.uploads).toBe(fleet.kiosks.length);
      expect(report.kiosks.every((k) => k.outcomes.captured === k.lastSeq)).toBe(true);
    } finally {
      await fleet.close();
    }
  }, 120_000);
});
