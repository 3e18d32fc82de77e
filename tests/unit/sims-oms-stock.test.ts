/**
 * The OMS simulator's stock through real HTTP on loopback: orders are
 * allocated from the best distribution centre, on-hand goes down, and the OMS
 * pushes signed `<StockUpdate>` documents (absolute on-hand, increasing
 * sequence) to a stand-in hub; snapshots, setStock, cancellations and the
 * control API.
 */
import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import {
  StockError, attrOf, childOf, listOf, parseXml, startOmsSim,
  type OmsSim, type OmsSimOptions, type OmsStockOptions,
} from '../../sims/oms-xml/index.js';
import { omsOrderXml } from '../support/oms-order-xml.js';

const SECRET = 'test-oms-secret';
const cleanups: Array<() => Promise<void>> = [];

afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

const DCS = ['DC-LEEDS', 'DC-BRISTOL', 'DC-GLASGOW'];

function stockOptions(): OmsStockOptions {
  return {
    dcs: [...DCS],
    items: [
      { sku: 'PEN2041K', dc: 'DC-LEEDS', onHand: 5 },
      { sku: 'PEN2041K', dc: 'DC-BRISTOL', onHand: 20 },
      { sku: 'PEN2041K', dc: 'DC-GLASGOW', onHand: 8 },
      { sku: 'GEL3310K', dc: 'DC-LEEDS', onHand: 2 },
      { sku: 'GEL3310K', dc: 'DC-BRISTOL', onHand: 3, expectedDate: '2026-12-20' },
      { sku: 'INK0007', dc: 'DC-GLASGOW', onHand: 40 },
    ],
  };
}

// ---------------------------------------------------------------- the stand-in hub

interface Received {
  path: string;
  body: string;
  contentType: string | undefined;
  signatureOk: boolean;
}

interface Hub {
  base: string;
  received: Received[];
  stockDocs(): StockDoc[];
}

/** Records every POST, checks its signature, answers the queued statuses for /stock, then 200. */
async function startHub(stockAnswers: number[] = []): Promise<Hub> {
  const received: Received[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const signature = req.headers['x-oms-signature'];
      const path = req.url ?? '';
      received.push({ path, body, contentType: req.headers['content-type'], signatureOk: signature === expectedSignature(body) });
      res.statusCode = path.endsWith('/stock') ? stockAnswers.shift() ?? 200 : 200;
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  }));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    base, received,
    stockDocs: () => received.filter((r) => r.path === '/in/oms-main/stock').map((r) => parseStockDoc(r.body)),
  };
}

function expectedSignature(body: string): string {
  return `sha256=${createHmac('sha256', SECRET).update(body).digest('hex')}`;
}

interface StockDoc {
  kind?: string;
  asOf?: string;
  sequence: number;
  items: Array<{ sku?: string; dc?: string; onHand: number; expected?: string }>;
}

function parseStockDoc(xml: string): StockDoc {
  const root = childOf(parseXml(xml), 'StockUpdate');
  const items = listOf(childOf(root, 'Item')).map((item) => {
    const parsed: StockDoc['items'][number] = { sku: attrOf(item, 'sku'), dc: attrOf(item, 'dc'), onHand: Number(attrOf(item, 'onHand')) };
    const expected = attrOf(item, 'expected');
    if (expected !== undefined) parsed.expected = expected;
    return parsed;
  });
  return { kind: attrOf(root, 'kind'), asOf: attrOf(root, 'asOf'), sequence: Number(attrOf(root, 'sequence')), items };
}

// ---------------------------------------------------------------- the simulator

async function startSim(hub: Hub | undefined, options: OmsSimOptions = {}): Promise<OmsSim> {
  const sim = await startOmsSim({
    port: 0, callbackSecret: SECRET, callbackRetry: { baseDelayMs: 10 }, stock: stockOptions(),
    ...(hub ? { callbackUrl: `${hub.base}/in/oms-main/status` } : {}),
    ...options,
  });
  cleanups.push(() => sim.close());
  return sim;
}

async function postOrder(sim: OmsSim, body: string, key: string): Promise<Response> {
  return fetch(`${sim.url}/orders`, {
    method: 'POST',
    headers: { 'content-type': 'application/xml; charset=utf-8', 'idempotency-key': key },
    body,
    signal: AbortSignal.timeout(5000),
  });
}

function onHand(sim: OmsSim, sku: string, dc: string): number | undefined {
  return sim.stock().find((item) => item.sku === sku && item.dc === dc)?.onHand;
}

const ISO_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

// ---------------------------------------------------------------- tests

describe('OMS simulator stock: allocation', () => {
  it('allocates a line from the DC with the most stock that can fill it and pushes one signed delta with absolute values', async () => {
    const hub = await startHub();
    const sim = await startSim(hub);
    expect((await postOrder(sim, omsOrderXml('01HUB-S1', [{ item: 'PEN2041K', qty: 6 }]), 'k-1')).status).toBe(201);

    // Leeds (5) cannot fill 6; Bristol (20) and Glasgow (8) can; Bristol has the most.
    expect(sim.orders()[0]?.allocation).toEqual([
      { number: 1, sku: 'PEN2041K', qty: 6, allocated: [{ dc: 'DC-BRISTOL', qty: 6 }], short: 0 },
    ]);
    expect(onHand(sim, 'PEN2041K', 'DC-BRISTOL')).toBe(14);
    expect(onHand(sim, 'PEN2041K', 'DC-LEEDS')).toBe(5);
    expect(onHand(sim, 'PEN2041K', 'DC-GLASGOW')).toBe(8);

    await sim.stockPushesSettled(3000);
    const stockPosts = hub.received.filter((r) => r.path === '/in/oms-main/stock');
    expect(stockPosts).toHaveLength(1);
    expect(stockPosts[0]?.signatureOk).toBe(true);
    expect(stockPosts[0]?.contentType).toContain('application/xml');
    const [doc] = hub.stockDocs();
    expect(doc).toMatchObject({ kind: 'delta', sequence: 1, items: [{ sku: 'PEN2041K', dc: 'DC-BRISTOL', onHand: 14 }] });
    expect(doc?.asOf).toMatch(ISO_MS);
    expect(hub.received.filter((r) => r.path !== '/in/oms-main/stock')).toEqual([]);
    expect(sim.stockPushes()).toEqual([expect.objectContaining({
      kind: 'delta', sequence: 1, asOf: doc?.asOf, items: [{ sku: 'PEN2041K', dc: 'DC-BRISTOL', onHand: 14 }],
      attempts: 1, httpStatus: 200, delivered: true, xml: stockPosts[0]?.body,
    })]);
  });

  it('splits a line no DC can fill across the DCs in order, never below 0, and reports the shortfall', async () => {
    const hub = await startHub();
    const sim = await startSim(hub);
    await postOrder(sim, omsOrderXml('01HUB-S2', [{ item: 'GEL3310K', qty: 7 }, { item: 'PEN2041K', qty: 3 }, { item: 'NOPE-1', qty: 1 }]), 'k-2');

    expect(sim.orders()[0]?.allocation).toEqual([
      { number: 1, sku: 'GEL3310K', qty: 7, allocated: [{ dc: 'DC-LEEDS', qty: 2 }, { dc: 'DC-BRISTOL', qty: 3 }], short: 2 },
      { number: 2, sku: 'PEN2041K', qty: 3, allocated: [{ dc: 'DC-BRISTOL', qty: 3 }], short: 0 },
      { number: 3, sku: 'NOPE-1', qty: 1, allocated: [], short: 1 },
    ]);
    expect(onHand(sim, 'GEL3310K', 'DC-LEEDS')).toBe(0);
    expect(onHand(sim, 'GEL3310K', 'DC-BRISTOL')).toBe(0);
    expect(sim.stock().every((item) => item.onHand >= 0)).toBe(true);
    expect(sim.stock().some((item) => item.sku === 'NOPE-1')).toBe(false);

    await sim.stockPushesSettled(3000);
    // One document for the whole order, only the items that changed; the restock date rides along at 0.
    expect(hub.stockDocs()).toEqual([{
      kind: 'delta', sequence: 1, asOf: expect.stringMatching(ISO_MS),
      items: [
        { sku: 'PEN2041K', dc: 'DC-BRISTOL', onHand: 17 },
        { sku: 'GEL3310K', dc: 'DC-LEEDS', onHand: 0 },
        { sku: 'GEL3310K', dc: 'DC-BRISTOL', onHand: 0, expected: '2026-12-20' },
      ],
    }]);
  });

  it('numbers documents 1, 2, 3 … and sends them in that order, each with the on-hand after its change', async () => {
    const hub = await startHub();
    const sim = await startSim(hub);
    for (let n = 1; n <= 3; n += 1) await postOrder(sim, omsOrderXml(`01HUB-N${n}`, [{ item: 'INK0007', qty: 4 }]), `k-n${n}`);
    await sim.stockPushesSettled(3000);
    const docs = hub.stockDocs();
    expect(docs.map((doc) => doc.sequence)).toEqual([1, 2, 3]);
    expect(docs.map((doc) => doc.items)).toEqual([36, 32, 28].map((value) => [{ sku: 'INK0007', dc: 'DC-GLASGOW', onHand: value }]));
    const times = docs.map((doc) => Date.parse(doc.asOf ?? ''));
    expect([...times].sort((a, b) => a - b)).toEqual(times);
  });

  it('changes nothing for a repeated idempotency key or a refused duplicate HubOrderId', async () => {
    const hub = await startHub();
    const sim = await startSim(hub);
    const body = omsOrderXml('01HUB-D', [{ item: 'PEN2041K', qty: 6 }]);
    expect((await postOrder(sim, body, 'same')).status).toBe(201);
    await sim.stockPushesSettled(3000);
    const afterFirst = sim.stock();

    const replay = await postOrder(sim, body, 'same');
    expect(replay.status).toBe(200);
    expect(replay.headers.get('idempotent-replay')).toBe('true');
    expect((await postOrder(sim, body, 'other-key')).status).toBe(409);
    await sim.stockPushesSettled(3000);

    expect(sim.stock()).toEqual(afterFirst);
    expect(onHand(sim, 'PEN2041K', 'DC-BRISTOL')).toBe(14);
    expect(sim.stockPushes()).toHaveLength(1);
    expect(hub.stockDocs()).toHaveLength(1);
    expect(sim.orders()).toHaveLength(1);
  });
});

describe('OMS simulator stock: snapshot and setStock', () => {
  it('pushSnapshot sends every SKU×DC and resolves once the hub answered', async () => {
    const hub = await startHub();
    const sim = await startSim(hub);
    await postOrder(sim, omsOrderXml('01HUB-P', [{ item: 'PEN2041K', qty: 6 }]), 'k-p');
    await sim.pushSnapshot();

    const snapshot = sim.stockPushes().at(-1);
    expect(snapshot).toMatchObject({ kind: 'snapshot', sequence: 2, delivered: true, httpStatus: 200 });
    const docs = hub.stockDocs();
    expect(docs).toHaveLength(2);
    expect(docs[1]).toEqual({
      kind: 'snapshot', sequence: 2, asOf: snapshot?.asOf,
      items: [
        { sku: 'PEN2041K', dc: 'DC-LEEDS', onHand: 5 },
        { sku: 'PEN2041K', dc: 'DC-BRISTOL', onHand: 14 },
        { sku: 'PEN2041K', dc: 'DC-GLASGOW', onHand: 8 },
        { sku: 'GEL3310K', dc: 'DC-LEEDS', onHand: 2 },
        // The restock date is only sent while nothing is on hand.
        { sku: 'GEL3310K', dc: 'DC-BRISTOL', onHand: 3 },
        { sku: 'INK0007', dc: 'DC-GLASGOW', onHand: 40 },
      ],
    });
    expect(docs[1]?.items.map((item) => ({ sku: item.sku, dc: item.dc, onHand: item.onHand })))
      .toEqual(sim.stock().map(({ sku, dc, onHand: value }) => ({ sku, dc, onHand: value })));
    expect(hub.received.every((r) => r.signatureOk)).toBe(true);
  });

  it('setStock stores an absolute quantity and pushes a delta with the restock date', async () => {
    const hub = await startHub();
    const sim = await startSim(hub);
    expect(sim.setStock({ sku: 'PEN2041K', dc: 'DC-LEEDS', onHand: 0, expectedDate: '2027-01-15' }))
      .toEqual({ sku: 'PEN2041K', dc: 'DC-LEEDS', onHand: 0, expectedDate: '2027-01-15' });
    sim.setStock({ sku: 'NEW-1', dc: 'DC-GLASGOW', onHand: 12 });
    await sim.stockPushesSettled(3000);

    expect(hub.stockDocs()).toEqual([
      { kind: 'delta', sequence: 1, asOf: expect.stringMatching(ISO_MS), items: [{ sku: 'PEN2041K', dc: 'DC-LEEDS', onHand: 0, expected: '2027-01-15' }] },
      { kind: 'delta', sequence: 2, asOf: expect.stringMatching(ISO_MS), items: [{ sku: 'NEW-1', dc: 'DC-GLASGOW', onHand: 12 }] },
    ]);
    expect(sim.stock().at(-1)).toEqual({ sku: 'NEW-1', dc: 'DC-GLASGOW', onHand: 12 });

    // Leeds is now empty, so a 5-unit order goes to Bristol (20) — and new stock is allocated too.
    await postOrder(sim, omsOrderXml('01HUB-AF', [{ item: 'PEN2041K', qty: 5 }, { item: 'NEW-1', qty: 2 }]), 'k-af');
    expect(sim.orders()[0]?.allocation?.map((line) => line.allocated)).toEqual([[{ dc: 'DC-BRISTOL', qty: 5 }], [{ dc: 'DC-GLASGOW', qty: 2 }]]);
  });

  it('refuses an unknown DC or a bad quantity or date, and pushes nothing for them', async () => {
    const hub = await startHub();
    const sim = await startSim(hub);
    expect(() => sim.setStock({ sku: 'PEN2041K', dc: 'DC-NOWHERE', onHand: 1 })).toThrow(StockError);
    expect(() => sim.setStock({ sku: 'PEN2041K', dc: 'DC-LEEDS', onHand: -1 })).toThrow(/whole number/);
    expect(() => sim.setStock({ sku: 'PEN2041K', dc: 'DC-LEEDS', onHand: 1.5 })).toThrow(/whole number/);
    expect(() => sim.setStock({ sku: 'PEN2041K', dc: 'DC-LEEDS', onHand: 0, expectedDate: '2027-02-30' })).toThrow(/YYYY-MM-DD/);
    expect(sim.stockPushes()).toEqual([]);
    await expect(startOmsSim({ stock: { dcs: ['A'], items: [{ sku: 'X', dc: 'B', onHand: 1 }] } })).rejects.toThrow(/dc must be one of A/);
  });
});

describe('OMS simulator stock: cancellations and shipments', () => {
  it('a CANCELLED order puts its units back (once) and pushes a delta', async () => {
    const hub = await startHub();
    const sim = await startSim(hub);
    await postOrder(sim, omsOrderXml('01HUB-C', [{ item: 'GEL3310K', qty: 4 }]), 'k-c');
    expect([onHand(sim, 'GEL3310K', 'DC-LEEDS'), onHand(sim, 'GEL3310K', 'DC-BRISTOL')]).toEqual([0, 1]);

    sim.emitStatus('01HUB-C', 'CANCELLED');
    sim.emitStatus('01HUB-C', 'CANCELLED');
    expect([onHand(sim, 'GEL3310K', 'DC-LEEDS'), onHand(sim, 'GEL3310K', 'DC-BRISTOL')]).toEqual([2, 3]);
    await sim.stockPushesSettled(3000);
    await sim.callbacksSettled(3000);
    expect(hub.stockDocs().map((doc) => [doc.sequence, doc.items])).toEqual([
      [1, [{ sku: 'GEL3310K', dc: 'DC-LEEDS', onHand: 0 }, { sku: 'GEL3310K', dc: 'DC-BRISTOL', onHand: 1 }]],
      [2, [{ sku: 'GEL3310K', dc: 'DC-LEEDS', onHand: 2 }, { sku: 'GEL3310K', dc: 'DC-BRISTOL', onHand: 3 }]],
    ]);
    // The status callbacks still go to the callback URL.
    expect(hub.received.filter((r) => r.path === '/in/oms-main/status')).toHaveLength(2);
  });

  it('cancelling some units of a line puts back only those; shipped units never come back', async () => {
    const hub = await startHub();
    const sim = await startSim(hub);
    await postOrder(sim, omsOrderXml('01HUB-L', [{ item: 'INK0007', qty: 10 }, { item: 'PEN2041K', qty: 2 }]), 'k-l');
    sim.emitStatus('01HUB-L', 'CANCELLED', { lines: [{ number: 1, qty: 4 }] });
    expect(onHand(sim, 'INK0007', 'DC-GLASGOW')).toBe(34);
    sim.emitStatus('01HUB-L', 'SHIPPED');
    sim.emitStatus('01HUB-L', 'CANCELLED');
    expect(onHand(sim, 'INK0007', 'DC-GLASGOW')).toBe(34);
    expect(onHand(sim, 'PEN2041K', 'DC-BRISTOL')).toBe(18);
    await sim.stockPushesSettled(3000);
    expect(sim.stockPushes().map((push) => push.items)).toEqual([
      [{ sku: 'PEN2041K', dc: 'DC-BRISTOL', onHand: 18 }, { sku: 'INK0007', dc: 'DC-GLASGOW', onHand: 30 }],
      [{ sku: 'INK0007', dc: 'DC-GLASGOW', onHand: 34 }],
    ]);
  });
});

describe('OMS simulator stock: delivery', () => {
  it('retries a stock push answered 500 with the same body and sequence, and does not retry a 401', async () => {
    const hub = await startHub([500, 503]);
    const sim = await startSim(hub);
    await postOrder(sim, omsOrderXml('01HUB-R', [{ item: 'INK0007', qty: 1 }]), 'k-r');
    await sim.stockPushesSettled(3000);
    const posts = hub.received.filter((r) => r.path === '/in/oms-main/stock');
    expect(posts).toHaveLength(3);
    expect(new Set(posts.map((r) => r.body)).size).toBe(1);
    expect(sim.stockPushes()).toEqual([expect.objectContaining({ sequence: 1, attempts: 3, httpStatus: 200, delivered: true })]);

    const refusing = await startHub([401]);
    const other = await startSim(refusing);
    await other.pushSnapshot();
    expect(refusing.received).toHaveLength(1);
    expect(other.stockPushes()).toEqual([expect.objectContaining({ kind: 'snapshot', attempts: 1, httpStatus: 401, delivered: false })]);
  });

  it('pushSnapshot resolves after the retries are used up when the hub is down', async () => {
    const sim = await startSim(undefined, { stock: { ...stockOptions(), pushUrl: 'http://127.0.0.1:9/in/oms-main/stock' }, callbackRetry: { attempts: 2, baseDelayMs: 10 } });
    await sim.pushSnapshot();
    expect(sim.stockPushes()).toEqual([expect.objectContaining({ kind: 'snapshot', attempts: 2, httpStatus: 0, delivered: false })]);
  });

  it('uses pushUrl when given, and keeps stock without pushing when there is nowhere to push', async () => {
    const hub = await startHub();
    const sim = await startSim(undefined, { stock: { ...stockOptions(), pushUrl: `${hub.base}/elsewhere/stock-feed` } });
    await sim.pushSnapshot();
    expect(hub.received.map((r) => r.path)).toEqual(['/elsewhere/stock-feed']);

    const silent = await startSim(undefined);
    await postOrder(silent, omsOrderXml('01HUB-Q', [{ item: 'INK0007', qty: 1 }]), 'k-q');
    await silent.pushSnapshot();
    expect(onHand(silent, 'INK0007', 'DC-GLASGOW')).toBe(39);
    expect(silent.stockPushes()).toEqual([]);
  });

  it('without the stock option keeps no stock, allocates nothing and pushes nothing', async () => {
    const hub = await startHub();
    const sim = await startSim(hub, { stock: undefined });
    await postOrder(sim, omsOrderXml('01HUB-O', [{ item: 'PEN2041K', qty: 1 }]), 'k-o');
    sim.emitStatus('01HUB-O', 'CANCELLED');
    await sim.callbacksSettled(3000);
    expect(sim.orders()[0]).not.toHaveProperty('allocation');
    expect(sim.stock()).toEqual([]);
    expect(sim.stockPushes()).toEqual([]);
    expect(() => sim.setStock({ sku: 'PEN2041K', dc: 'DC-LEEDS', onHand: 1 })).toThrow(/keeps no stock/);
    await expect(sim.pushSnapshot()).rejects.toThrow(StockError);
    expect(hub.received.map((r) => r.path)).toEqual(['/in/oms-main/status']);
  });
});

describe('OMS simulator stock: JSON control API', () => {
  const control = (sim: OmsSim, path: string, body?: unknown): Promise<Response> =>
    fetch(`${sim.url}/_sim${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(5000),
    });

  it('shows stock, sets an item (pushing a delta) and pushes a snapshot', async () => {
    const hub = await startHub();
    const sim = await startSim(hub, { controlApi: true });

    const listed = (await (await control(sim, '/stock')).json()) as { stock: unknown[] };
    expect(listed.stock).toEqual(sim.stock());
    expect(listed.stock).toHaveLength(6);

    const set = await control(sim, '/stock', { sku: 'GEL3310K', dc: 'DC-LEEDS', onHand: 0, expectedDate: '2026-12-24' });
    expect(set.status).toBe(200);
    expect(await set.json()).toEqual({ ok: true, item: { sku: 'GEL3310K', dc: 'DC-LEEDS', onHand: 0, expectedDate: '2026-12-24' } });

    const snap = await control(sim, '/stock/snapshot', {});
    expect(snap.status).toBe(200);
    const snapJson = (await snap.json()) as { push: { kind: string; sequence: number; delivered: boolean; items: unknown[] } };
    expect(snapJson.push).toMatchObject({ kind: 'snapshot', sequence: 2, delivered: true });
    expect(snapJson.push.items).toHaveLength(6);

    await sim.stockPushesSettled(3000);
    expect(hub.stockDocs().map((doc) => [doc.kind, doc.sequence])).toEqual([['delta', 1], ['snapshot', 2]]);
    expect(hub.stockDocs()[0]?.items).toEqual([{ sku: 'GEL3310K', dc: 'DC-LEEDS', onHand: 0, expected: '2026-12-24' }]);

    const pushes = (await (await control(sim, '/stock/pushes')).json()) as { pushes: unknown[] };
    expect(pushes.pushes).toHaveLength(2);
  });

  it('answers 400 for a bad item and 409 when the sim keeps no stock', async () => {
    const sim = await startSim(undefined, { controlApi: true });
    expect((await control(sim, '/stock', { sku: 'PEN2041K', dc: 'DC-MARS', onHand: 1 })).status).toBe(400);
    expect((await control(sim, '/stock', { sku: 'PEN2041K', dc: 'DC-LEEDS' })).status).toBe(400);
    expect((await control(sim, '/stock', { sku: 'PEN2041K', dc: 'DC-LEEDS', onHand: '3' })).status).toBe(400);
    expect((await control(sim, '/stock', { dc: 'DC-LEEDS', onHand: 3 })).status).toBe(400);

    const bare = await startSim(undefined, { controlApi: true, stock: undefined });
    const refused = await control(bare, '/stock', { sku: 'PEN2041K', dc: 'DC-LEEDS', onHand: 1 });
    expect(refused.status).toBe(409);
    expect((await control(bare, '/stock/snapshot', {})).status).toBe(409);
    expect(await (await control(bare, '/stock')).json()).toEqual({ stock: [] });
  });
});
