/**
 * The fleet against the in-memory hub stand-in: it drains under every injected fault, and the
 * same seed gives the same orders and the same per-kiosk upload history.
 */
import { describe, expect, it } from 'vitest';
import { ConnectivitySchedule } from './connectivity.js';
import { Fleet, type FleetOptions } from './fleet.js';
import type { KioskEvent } from './kiosk.js';
import { MemoryHub } from './memory-hub.js';
import { seededRng } from './prng.js';
import type { KioskIdentity } from './types.js';

const devices: KioskIdentity[] = Array.from({ length: 5 }, (_, i) => ({
  deviceId: `kiosk-${i + 1}`, store: `store-${(i % 2) + 1}`, key: { keyId: `kiosk-${i + 1}.k`, secret: `secret-${i + 1}` },
}));

function fleetOn(hub: MemoryHub, options: Partial<FleetOptions> = {}): Fleet {
  return new Fleet({
    devices,
    // Each kiosk's failures come from its own stream, so runs do not depend on interleaving.
    transport: (identity) => hub.transport(identity, { failRate: 0.2, rng: seededRng(`fail/${identity.deviceId}`) }),
    seed: 'fleet-test',
    batchSize: 4,
    duplicateRate: 0.2,
    lostResponseRate: 0.3,
    tickMs: 0,
    retry: { baseMs: 1, maxMs: 4 },
    ...options,
  });
}

describe('kiosk fleet', () => {
  it('drains: the hub holds every kiosk order up to its last seq, each with its confirmation', async () => {
    const hub = new MemoryHub({ pushStatuses: true });
    const fleet = fleetOn(hub);
    const report = await fleet.run({ ordersPerKiosk: 25, drainTimeoutMs: 10_000 });
    await fleet.close();
    expect(report.drained).toBe(true);
    expect(report.totals).toMatchObject({ kiosks: 5, sold: 125, held: 125, pending: 0, unanswered: 0, confirmations: 125, anomalies: 0, refusals: 0 });
    expect(report.totals.lostResponses).toBeGreaterThan(0);
    expect(report.totals.duplicatesSent).toBeGreaterThan(0);
    expect(report.totals.retries).toBeGreaterThan(0);
    for (const kiosk of fleet.kiosks) {
      expect(kiosk.lastSeq).toBe(25);
      expect(kiosk.highestContiguous).toBe(25);
      expect(hub.highestContiguous(kiosk.deviceId)).toBe(25);
      for (const [seq, held] of hub.held(kiosk.deviceId)) {
        expect(kiosk.record(seq)?.confirmation).toBe(held.confirmation);
        expect(kiosk.statuses(held.confirmation as string)).toHaveLength(1);
      }
    }
  });

  it('sells while offline too, keeping placedAt, and sends those orders once back online', async () => {
    const hub = new MemoryHub();
    const uploadsWhileOffline: string[] = [];
    const fleet = fleetOn(hub, {
      lostResponseRate: 0, duplicateRate: 0,
      connectivity: { startOnline: false, offlineTicks: [3, 3], onlineTicks: [1, 1] },
      onEvent: (event) => {
        if (event.type === 'upload' && !fleet.kiosk(event.deviceId).online) uploadsWhileOffline.push(event.deviceId);
      },
    });
    const report = await fleet.run({ ordersPerKiosk: 12 });
    await fleet.close();
    expect(report.drained).toBe(true);
    expect(uploadsWhileOffline).toEqual([]);
    const kiosk = fleet.kiosks[0];
    const placed = Array.from({ length: 12 }, (_, i) => Date.parse(kiosk?.ledger.order(i + 1)?.placedAt ?? ''));
    expect(placed).toEqual([...placed].sort((a, b) => a - b));
  });

  it('is reproducible: the same seed, the same orders and per-kiosk upload history', async () => {
    async function once(seed: string): Promise<{ orders: unknown[]; history: Map<string, string[]> }> {
      const history = new Map<string, string[]>();
      const record = (event: KioskEvent): void => {
        if (event.type !== 'upload') return;
        history.set(event.deviceId, [...(history.get(event.deviceId) ?? []), `${event.seqs.join(',')}:${event.outcome}${event.lost ? ':lost' : ''}`]);
      };
      const fleet = fleetOn(new MemoryHub(), { seed, onEvent: record });
      await fleet.run({ ordersPerKiosk: 15 });
      await fleet.close();
      const orders = fleet.kiosks.flatMap((kiosk) => kiosk.ledger.held().map(({ placedAt: _placedAt, ...order }) => ({ device: kiosk.deviceId, ...order })));
      return { orders, history };
    }
    const a = await once('same');
    const b = await once('same');
    expect(b.orders).toEqual(a.orders);
    expect(b.history).toEqual(a.history);
    const c = await once('other');
    expect(c.orders).not.toEqual(a.orders);
  });

  it('draws online and offline periods from the seed', () => {
    const pattern = (seed: string): boolean[] => {
      const schedule = new ConnectivitySchedule(seededRng(seed));
      return Array.from({ length: 40 }, () => schedule.next());
    };
    expect(pattern('a')).toEqual(pattern('a'));
    expect(pattern('a')).toContain(true);
    expect(pattern('a')).toContain(false);
    const always = new ConnectivitySchedule(seededRng('b'), { startOnline: false, offlineTicks: [0, 0] });
    expect(Array.from({ length: 10 }, () => always.next())).toEqual(Array(10).fill(true));
  });

  it('stops draining a kiosk whose key the hub refuses, and says so', async () => {
    const hub = new MemoryHub();
    hub.revoke('kiosk-3.k');
    const fleet = fleetOn(hub, { lostResponseRate: 0 });
    const report = await fleet.run({ ordersPerKiosk: 5, drainTimeoutMs: 5_000 });
    await fleet.close();
    expect(report.drained).toBe(false);
    const refused = report.kiosks.find((kiosk) => kiosk.deviceId === 'kiosk-3');
    expect(refused).toMatchObject({ inSync: false, highestContiguous: 0, blocked: { code: 'KEY_REVOKED', status: 401 } });
    expect(report.kiosks.filter((kiosk) => kiosk.inSync)).toHaveLength(4);
  });
});
