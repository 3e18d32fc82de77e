/**
 * Real-time stock and order changes with the flat-file OMS, against a real OpenSSH
 * server and the OMS simulator: stock files (a snapshot, a delta, a late delta) read
 * through the hub's poll into its inventory view; change requests uploaded by the
 * oms-sftp connector as CHG files, applied or refused by the OMS once per change id,
 * and answered in status files that the connector's poll turns into change events.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import omsSftp from '../../connectors/oms-sftp/index.js';
import type { OmsSftpConfig } from '../../connectors/oms-sftp/config.js';
import { loadMapping, parseWithLayout, type CompiledMapping } from '../../src/mapping/index.js';
import { loadFileLayouts } from '../../src/pipeline/file-layouts.js';
import type {
  CanonicalOrder, ChangeRequest, ConnectorInstance, OrderChangeOp, StatusEventIn, StockUpdate,
} from '../../src/sdk/index.js';
import { startOmsSftpSim, type OmsSftpSim, type OmsSftpStockOptions } from '../../sims/oms-sftp/index.js';
import { authHeaders, eventually } from '../support/hub.js';
import { makeShopifyOrder } from '../../sims/storefront/index.js';
import { startSftpWorld, type SftpWorld } from '../support/sftp-world.js';
import { startSshd, type TestSshd } from '../support/sshd.js';
import { getJson } from '../support/world.js';
import { standInServices } from '../../src/sdk/testkit/stand-ins.js';

const MAPPINGS = resolve('mappings');
const FILE_LAYOUTS = {
  'ACK_*.txt': join(MAPPINGS, 'oms-ack-fixed.json'),
  'STS_*.csv': join(MAPPINGS, 'oms-status-csv.json'),
  'STOCK_*.csv': join(MAPPINGS, 'oms-stock-csv.json'),
};

function readdirSafe(path: string): string[] {
  return existsSync(path) ? readdirSync(path).sort() : [];
}

describe('the examples of docs/protocols.md', () => {
  const doc = readFileSync(resolve('docs/protocols.md'), 'utf8');
  /** The first code block after `heading`. */
  const example = (heading: string, nth = 0): string => doc.slice(doc.indexOf(heading)).split('```\n').filter((_, i) => i % 2 === 1)[nth]!;

  it('the stock file reads as three stock rows', async () => {
    const parsed = parseWithLayout(await loadMapping(FILE_LAYOUTS['STOCK_*.csv']), Buffer.from(example('### Stock files')));
    expect(parsed.problems).toEqual([]);
    expect(parsed.rows.map((row) => [row.record, row.value.sku, row.value.dc, row.value.onHand, row.value.expectedDate])).toEqual([
      ['stock', 'PEN2041K', 'DC-LEEDS', 12, undefined], ['stock', 'PEN2041K', 'DC-BRISTOL', 3, undefined], ['stock', 'GEL3310K', 'DC-LEEDS', 0, '2026-12-20'],
    ]);
  });

  it('the answers to change requests read with their change ids and reasons', async () => {
    const parsed = parseWithLayout(await loadMapping(FILE_LAYOUTS['STS_*.csv']), Buffer.from(example('### Status files', 1)));
    expect(parsed.problems).toEqual([]);
    expect(parsed.rows.map((row) => [row.value.type, row.value.changeId, row.value.reason])).toEqual([
      ['change_accepted', '01K….c1', undefined], ['change_refused', '01K….c1', 'LINE_SHIPPED line 1'],
      ['change_accepted', '01K….c2', undefined], ['cancelled', undefined, 'customer changed their mind'],
    ]);
  });

  it('the change file is what mappings/change-to-oms-csv.json writes for its first sample', async () => {
    const sampleRequest = JSON.parse(readFileSync(join(MAPPINGS, 'samples/change-request-1.json'), 'utf8')) as { order: { hubOrderId: string } };
    const rendered = (await loadMapping(join(MAPPINGS, 'change-to-oms-csv.json'))).render(sampleRequest).body;
    expect(rendered.replaceAll(sampleRequest.order.hubOrderId, '01K…').replaceAll('\r\n', '\n')).toBe(example('### Change files'));
  });
});

describe('stock files through the hub', () => {
  interface Availability { sku: string; byDc: Record<string, number>; available: number; expectedDate?: string }
  const stock: OmsSftpStockOptions = {
    dcs: ['DC-LEEDS', 'DC-BRISTOL'],
    items: [
      { sku: 'PEN2041K', dc: 'DC-LEEDS', onHand: 12 },
      { sku: 'PEN2041K', dc: 'DC-BRISTOL', onHand: 3 },
      { sku: 'GEL3310K', dc: 'DC-LEEDS', onHand: 0, expectedDate: '2026-12-20' },
      { sku: 'GEL3310K', dc: 'DC-BRISTOL', onHand: 5 },
    ],
  };
  let world: SftpWorld;

  beforeAll(async () => {
    world = await startSftpWorld({
      oms: { stock }, pollIntervalMs: 200,
      instance: { mappings: { outbound: join(MAPPINGS, 'canonical-to-oms-fixed.json'), changes: join(MAPPINGS, 'change-to-oms-csv.json'), files: FILE_LAYOUTS } },
    });
  }, 60_000);
  afterAll(async () => world?.stop());

  async function availability(): Promise<Record<string, Availability>> {
    const { status, body } = await getJson<{ items: Availability[] }>(`${world.hub.url}/api/availability?skus=PEN2041K,GEL3310K`);
    expect(status).toBe(200);
    return Object.fromEntries(body.items.map((item) => [item.sku, item]));
  }

  it('applies a snapshot per DC, then a newer delta, and ignores a delta older than the snapshot', { timeout: 60_000 }, async () => {
    const beforeSnapshot = new Date(Date.now() - 60_000).toISOString();
    const snapshot = await world.oms.writeStockSnapshot();
    expect(snapshot.name).toMatch(/^STOCK_\d{14}_000001_SNAPSHOT\.csv$/);
    expect(snapshot.content.split('\r\n')[0]).toBe('sku,dc,on_hand,expected_date,as_of');

    const first = await eventually(async () => {
      const view = await availability();
      return view.PEN2041K?.byDc['DC-LEEDS'] === 12 ? view : undefined;
    }, 20_000, 'the snapshot in the hub\'s view');
    expect(first.PEN2041K!.byDc).toEqual({ 'DC-LEEDS': 12, 'DC-BRISTOL': 3 });
    expect(first.GEL3310K!.byDc).toEqual({ 'DC-LEEDS': 0, 'DC-BRISTOL': 5 });
    expect(first.PEN2041K!.available).toBe(15);

    const newer = await world.oms.setStock({ sku: 'PEN2041K', dc: 'DC-LEEDS', onHand: 7 });
    const late = await world.oms.writeStockDelta([{ sku: 'GEL3310K', dc: 'DC-BRISTOL', onHand: 99 }], { asOf: beforeSnapshot });
    expect([newer.kind, late.kind]).toEqual(['delta', 'delta']);
    expect([snapshot.name, newer.name, late.name]).toEqual([snapshot.name, newer.name, late.name].sort());
    expect(Date.parse(late.asOf)).toBeLessThan(Date.parse(snapshot.asOf));

    const archive = world.sshd.localPath(`${world.sshd.paths.outbox}/archive`);
    await eventually(() => ([snapshot, newer, late].every((file) => readdirSafe(archive).includes(file.name)) ? true : undefined),
      20_000, 'the three stock files archived');
    const view = await availability();
    expect(view.PEN2041K!.byDc).toEqual({ 'DC-LEEDS': 7, 'DC-BRISTOL': 3 });
    expect(view.GEL3310K!.byDc).toEqual({ 'DC-LEEDS': 0, 'DC-BRISTOL': 5 });
    expect(readdirSafe(world.sshd.localPath(`${world.sshd.paths.outbox}/quarantine`))).toEqual([]);
  });

  it('quarantines a stock file it cannot read, with the line and field, and goes on', { timeout: 60_000 }, async () => {
    const asOf = new Date().toISOString();
    await world.oms.writeRaw('STOCK_20991231235959_900001_DELTA.csv', `sku,dc,on_hand,expected_date,as_of\r\nPEN2041K,DC-LEEDS,lots,,${asOf}\r\n`);
    await world.oms.setStock({ sku: 'PEN2041K', dc: 'DC-BRISTOL', onHand: 4 });
    await eventually(async () => ((await availability()).PEN2041K?.byDc['DC-BRISTOL'] === 4 ? true : undefined), 20_000, 'the good delta');
    const quarantine = world.sshd.localPath(`${world.sshd.paths.outbox}/quarantine`);
    await eventually(() => (readdirSafe(quarantine).includes('STOCK_20991231235959_900001_DELTA.csv.error.txt') ? true : undefined), 20_000, 'the note');
    const note = readFileSync(`${quarantine}/STOCK_20991231235959_900001_DELTA.csv.error.txt`, 'utf8');
    expect(note).toContain('oms-stock-csv');
    expect(note).toMatch(/line 2 \(stock\) field \/onHand: column "on_hand": "lots" is not an integer/);
    expect((await availability()).PEN2041K!.byDc['DC-LEEDS']).toBe(7);
  });

  it('forwards a change asked of the hub as a CHG file; the answer in a status file settles it', { timeout: 60_000 }, async () => {
    const order = makeShopifyOrder(960);
    const sent = await world.store.sendOrderWebhook(world.webhookUrl, order);
    expect(sent.status).toBe(202);
    const id = (sent.body as { hubOrderId: string }).hubOrderId;
    await eventually(() => world.oms.orders().find((o) => o.hubOrderId === id), 20_000, 'the order at the OMS');
    const asked = await fetch(`${world.hub.url}/api/orders/${id}/changes`, {
      method: 'POST', headers: { ...authHeaders(), 'content-type': 'application/json' },
      body: JSON.stringify({ operations: [{ op: 'cancel_line', lineNumber: 1 }] }),
    });
    expect(asked.status).toBe(202);
    const settled = await eventually(async () => {
      const { body } = await getJson<{ changes: Array<{ state: string }>; status: { lines: Record<string, { cancelled: number }> }; timeline: Array<{ summary: string }> }>(`${world.hub.url}/api/orders/${id}`);
      return body.changes[0]?.state === 'accepted' ? body : undefined;
    }, 30_000, 'the change accepted through a status file');
    expect(Object.values(settled.status.lines)[0]!.cancelled).toBe(order.line_items[0]!.quantity);
    expect(settled.timeline.map((e) => e.summary)).toContain(`change ${id}.c1 sent to oms-files; waiting for its answer`);
    expect(world.oms.changes().map((c) => c.changeId)).toContain(`${id}.c1`);
  });
});

describe('change requests through the oms-sftp connector', () => {
  const stock: OmsSftpStockOptions = {
    dcs: ['DC-LEEDS', 'DC-BRISTOL'],
    items: [
      { sku: 'TSHIRT-BLK-M', dc: 'DC-LEEDS', onHand: 50 },
      { sku: 'MUG-001', dc: 'DC-BRISTOL', onHand: 20 },
      { sku: 'MUG-002', dc: 'DC-LEEDS', onHand: 8 },
      { sku: 'SOCK-GRY', dc: 'DC-BRISTOL', onHand: 30 },
      { sku: 'SCARF-RED', dc: 'DC-LEEDS', onHand: 0, expectedDate: '2027-01-15' },
    ],
  };
  let sshd: TestSshd;
  let sim: OmsSftpSim;
  let connector: ConnectorInstance;
  let orderFile: CompiledMapping;
  let changeFile: CompiledMapping;
  let sample: CanonicalOrder;
  let cursor: string | undefined;
  let orderCount = 0;

  beforeAll(async () => {
    sshd = await startSshd();
    sim = await startOmsSftpSim({
      sftp: { host: sshd.host, port: sshd.port, username: sshd.username, privateKey: sshd.privateKey, hostKeyFingerprint: sshd.hostKeyFingerprint },
      inbox: sshd.paths.inbox, outbox: sshd.paths.outbox, pollIntervalMs: 50, stock,
    });
    const config: OmsSftpConfig = {
      host: sshd.host, port: sshd.port, username: sshd.username, privateKey: sshd.privateKey, hostKeyFingerprint: sshd.hostKeyFingerprint,
      timeoutMs: 5000, inbox: sshd.paths.inbox, outbox: sshd.paths.outbox, archiveFolder: 'archive', quarantineFolder: 'quarantine',
      fileName: 'ORD_{batchId}.txt', writeDoneFiles: false, expectDoneFiles: false, batch: { maxOrders: 10, maxWaitMs: 100 }, pollIntervalMs: 100,
    };
    connector = await omsSftp.create({
      instanceId: 'oms-files', channel: undefined, config, log: pino({ level: 'silent' }), fileLayouts: await loadFileLayouts(FILE_LAYOUTS), ...standInServices(),
    });
    orderFile = await loadMapping(join(MAPPINGS, 'canonical-to-oms-fixed.json'));
    changeFile = await loadMapping(join(MAPPINGS, 'change-to-oms-csv.json'));
    sample = JSON.parse(readFileSync(join(MAPPINGS, 'samples/oms-order-1.canonical.json'), 'utf8')) as CanonicalOrder;
  }, 60_000);

  afterAll(async () => {
    await sim?.close();
    await sshd?.stop();
  });

  /** Delivers a fresh copy of the sample order as a batch file; answers the order and its OMS number. */
  async function placeOrder(): Promise<{ order: CanonicalOrder; externalRef: string }> {
    orderCount += 1;
    const order: CanonicalOrder = { ...sample, hubOrderId: `01KCHGTEST${String(orderCount).padStart(16, '0')}` };
    const batchId = `01KCHGBATCH${String(orderCount).padStart(15, '0')}`;
    const createdAt = new Date().toISOString();
    const rendered = orderFile.render({ batch: { id: batchId, createdAt }, orders: [order] });
    await connector.deliverBatch!({
      batchId, createdAt, orders: [order], payload: { bytes: rendered.bytes, contentType: rendered.contentType }, idempotencyKey: batchId, attempt: 1,
    });
    // The file's record is written once its orders are acknowledged and have taken their stock.
    await eventually(() => sim.files().find((file) => file.name === `ORD_${batchId}.txt`), 10_000, `ORD_${batchId}.txt handled by the OMS`);
    return { order, externalRef: sim.orders().find((o) => o.hubOrderId === order.hubOrderId)!.omsOrderNumber };
  }

  function changeRequest(order: CanonicalOrder, externalRef: string, seq: number, operations: OrderChangeOp[]): ChangeRequest {
    const changeId = `${order.hubOrderId}.c${seq}`;
    const requestedAt = new Date().toISOString();
    const rendered = changeFile.render({ changeId, requestedAt, externalRef, order, operations });
    return {
      changeId, order, externalRef, operations, requestedAt,
      payload: { body: rendered.body, contentType: rendered.contentType }, idempotencyKey: changeId, attempt: 1,
    };
  }

  /** Everything the polls below returned, oldest first. */
  const seen: { events: StatusEventIn[]; stock: StockUpdate[] } = { events: [], stock: [] };

  /** Polls the outbox like the hub does (cursor kept, archive after commit) until `found` holds. */
  async function pollUntil<T>(found: () => T | undefined, what: string): Promise<T> {
    return eventually(async () => {
      const result = await connector.poll!.run(cursor);
      cursor = result.cursor ?? cursor;
      seen.events.push(...(result.events ?? []));
      seen.stock.push(...(result.stock ?? []));
      await result.afterCommit?.();
      return found();
    }, 20_000, what);
  }

  const line1 = (order: CanonicalOrder) => order.lines[0]!;
  const line2 = (order: CanonicalOrder) => order.lines[1]!;

  it('uploads a CHG file; the OMS accepts it and the status poll yields change_accepted with the change id', { timeout: 60_000 }, async () => {
    const { order, externalRef } = await placeOrder();
    const request = changeRequest(order, externalRef, 1, [
      { op: 'set_quantity', lineId: line1(order).lineId, lineNumber: 1, sku: 'TSHIRT-BLK-M', quantity: 3 },
      { op: 'change_sku', lineId: line2(order).lineId, lineNumber: 2, fromSku: 'MUG-001', sku: 'MUG-002', unitPrice: 1750 },
    ]);
    expect(await connector.requestChange!(request)).toEqual({ outcome: 'pending' });
    const [record] = await sim.waitForChanges(1);
    expect(record).toMatchObject({ file: `CHG_${request.changeId}.csv`, changeId: request.changeId, ref: externalRef, result: 'accepted' });
    await eventually(() => (readdirSafe(sshd.localPath(`${sshd.paths.inbox}/processed`)).includes(`CHG_${request.changeId}.csv`) ? true : undefined),
      10_000, 'the CHG file in processed/');
    expect(readdirSafe(sshd.localPath(sshd.paths.inbox)).filter((name) => name.startsWith('.'))).toEqual([]);

    const answer = await pollUntil(() => seen.events.find((e) => e.changeId === request.changeId), 'the change_accepted event');
    expect(answer).toMatchObject({ type: 'change_accepted', changeId: request.changeId, hubOrderId: order.hubOrderId, externalRef });
    expect(answer.eventId).toMatch(/^STS_\d{6}\.csv:2$/);

    const changed = sim.orders().find((o) => o.hubOrderId === order.hubOrderId)!;
    expect(changed.lines.map((l) => [l.number, l.sku, l.qty, l.unitPrice])).toEqual([[1, 'TSHIRT-BLK-M', 3, 2500], [2, 'MUG-002', 1, 1750]]);
    expect(changed.changes).toEqual([request.changeId]);
    const onHand = (sku: string, dc: string) => sim.stock().find((i) => i.sku === sku && i.dc === dc)?.onHand;
    expect([onHand('TSHIRT-BLK-M', 'DC-LEEDS'), onHand('MUG-001', 'DC-BRISTOL'), onHand('MUG-002', 'DC-LEEDS')]).toEqual([47, 20, 7]);
    const delta = await pollUntil(() => seen.stock.find((u) => u.items.some((i) => i.sku === 'MUG-002')), 'the change\'s stock delta');
    expect(delta.kind).toBe('delta');
    expect(delta.items).toEqual(expect.arrayContaining([
      { sku: 'TSHIRT-BLK-M', dc: 'DC-LEEDS', onHand: 47 }, { sku: 'MUG-001', dc: 'DC-BRISTOL', onHand: 20 }, { sku: 'MUG-002', dc: 'DC-LEEDS', onHand: 7 },
    ]));
  });

  it('a change to a shipped line is refused, and the poll yields change_refused with the reason', { timeout: 60_000 }, async () => {
    const { order, externalRef } = await placeOrder();
    await sim.emitStatus(externalRef, 'SHIPPED', { lines: [{ number: 1, qty: 2 }] });
    const request = changeRequest(order, externalRef, 1, [{ op: 'set_quantity', lineId: line1(order).lineId, lineNumber: 1, sku: 'TSHIRT-BLK-M', quantity: 5 }]);
    await connector.requestChange!(request);

    const answer = await pollUntil(() => seen.events.find((e) => e.changeId === request.changeId), 'the change_refused event');
    expect(answer).toMatchObject({ type: 'change_refused', changeId: request.changeId, reason: 'LINE_SHIPPED line 1', externalRef });
    expect(sim.orders().find((o) => o.hubOrderId === order.hubOrderId)!.lines[0]).toMatchObject({ qty: 2, shipped: 2 });
  });

  it('refuses a new SKU no DC has, and the next change when told to', { timeout: 60_000 }, async () => {
    const { order, externalRef } = await placeOrder();
    const noStock = changeRequest(order, externalRef, 1, [
      { op: 'add_line', lineId: 'new-1', lineNumber: 3, sku: 'SCARF-RED', quantity: 1, unitPrice: 1999 },
    ]);
    const handled = sim.changes().length;
    await connector.requestChange!(noStock);
    await sim.waitForChanges(handled + 1);
    sim.refuseNextChange('CREDIT_HOLD');
    const refusedAnyway = changeRequest(order, externalRef, 2, [{ op: 'cancel_line', lineId: line2(order).lineId, lineNumber: 2, sku: 'MUG-001', quantity: 1 }]);
    await connector.requestChange!(refusedAnyway);
    const answers = await pollUntil(() => {
      const mine = seen.events.filter((e) => e.hubOrderId === order.hubOrderId && e.type === 'change_refused');
      return mine.length === 2 ? mine : undefined;
    }, 'two refusals');
    expect(answers.map((e) => [e.changeId, e.reason])).toEqual([[noStock.changeId, 'NO_STOCK SCARF-RED'], [refusedAnyway.changeId, 'CREDIT_HOLD']]);
    expect(sim.orders().find((o) => o.hubOrderId === order.hubOrderId)!.lines).toHaveLength(2);
  });

  it('a cancel_order accepted is answered CHANGE_ACCEPTED then CANCELLED, and its units come back', { timeout: 60_000 }, async () => {
    const { order, externalRef } = await placeOrder();
    const before = sim.stock().find((i) => i.sku === 'MUG-001')!.onHand;
    const request = changeRequest(order, externalRef, 1, [{ op: 'cancel_order', reason: 'customer changed their mind' }]);
    await connector.requestChange!(request);
    const events = await pollUntil(() => {
      const mine = seen.events.filter((e) => e.hubOrderId === order.hubOrderId && (e.type === 'change_accepted' || e.type === 'cancelled'));
      return mine.length === 2 ? mine : undefined;
    }, 'the answer and the cancellation');
    expect(events.map((e) => [e.type, e.changeId, e.reason])).toEqual([
      ['change_accepted', request.changeId, undefined], ['cancelled', undefined, 'customer changed their mind'],
    ]);
    expect(sim.orders().find((o) => o.hubOrderId === order.hubOrderId)!.state).toBe('cancelled');
    expect(sim.stock().find((i) => i.sku === 'MUG-001')!.onHand).toBe(before + 1);
  });

  it('the same change uploaded twice replaces the file, or is ignored by change id: applied once, answered once', { timeout: 60_000 }, async () => {
    const { order, externalRef } = await placeOrder();
    const request = changeRequest(order, externalRef, 1, [
      { op: 'add_line', lineId: 'new-socks', lineNumber: 3, sku: 'SOCK-GRY', description: 'Wool socks', quantity: 2, unitPrice: 899 },
    ]);
    const changesBefore = sim.changes().length;
    sim.pause();
    await connector.requestChange!(request);
    await connector.requestChange!({ ...request, attempt: 2 });
    expect(readdirSafe(sshd.localPath(sshd.paths.inbox)).filter((name) => name.includes(request.changeId))).toEqual([`CHG_${request.changeId}.csv`]);
    sim.resume();
    await sim.waitForChanges(changesBefore + 1);
    await eventually(() => (readdirSafe(sshd.localPath(sshd.paths.inbox)).includes(`CHG_${request.changeId}.csv`) ? undefined : true), 10_000, 'the file taken');

    await connector.requestChange!({ ...request, attempt: 3 });
    const records = (await sim.waitForChanges(changesBefore + 2)).slice(changesBefore);
    expect(records.map((r) => [r.changeId, r.result])).toEqual([[request.changeId, 'accepted'], [request.changeId, 'duplicate']]);
    expect(sim.log().some((entry) => entry.event === 'duplicateChange' && entry.file === `CHG_${request.changeId}.csv`)).toBe(true);

    const placed = sim.orders().find((o) => o.hubOrderId === order.hubOrderId)!;
    expect(placed.lines.map((l) => [l.number, l.sku, l.qty])).toEqual([[1, 'TSHIRT-BLK-M', 2], [2, 'MUG-001', 1], [3, 'SOCK-GRY', 2]]);
    expect(placed.changes).toEqual([request.changeId]);
    await pollUntil(() => (seen.events.some((e) => e.changeId === request.changeId) ? true : undefined), 'the answer');
    let polls = 0;
    await pollUntil(() => (++polls >= 5 ? true : undefined), 'five more polls');
    expect(seen.events.filter((e) => e.changeId === request.changeId)).toHaveLength(1);
    expect(sim.statusFiles().flatMap((f) => f.rows).filter((row) => row.changeId === request.changeId)).toHaveLength(1);
  });

  it('without a rendered payload, refuses at once: the instance needs mappings.changes', async () => {
    const { order, externalRef } = await placeOrder();
    const { payload: _payload, ...request } = changeRequest(order, externalRef, 1, [{ op: 'cancel_order' }]);
    await expect(connector.requestChange!(request)).rejects.toMatchObject({ kind: 'permanent', code: 'NO_CHANGE_MAPPING', message: expect.stringContaining('mappings.changes') });
  });
});
