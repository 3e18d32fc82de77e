/**
 * The flat-file OMS simulator (sims/oms-sftp) against a real OpenSSH server: order
 * files built here by hand from the spec tables are acknowledged with the right OMS
 * numbers, a file whose trailer does not add up is refused whole, a name seen twice
 * is ignored, status files are byte-exact CSV, slow writes grow in place, and polling
 * survives the server dropping every connection.
 */
import { existsSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { upsCheckDigit } from '../../sims/oms-xml/shipment.js';
import { startOmsSftpSim, type OmsSftpSim, type OmsSftpSimOptions } from '../../sims/oms-sftp/index.js';
import { sshdSupportsPassword, startSshd, type TestSshd } from '../support/sshd.js';

// ---- order files, built from the spec ("Order files (hub → OMS), fixed width") ----

interface TestLine { sku: string; qty: number; unitPrice: number; description?: string }
interface TestOrder { hubOrderId: string; total: number; lines: TestLine[]; shipToName?: string; pickup?: boolean }
interface TrailerOverride { orders?: number; details?: number; quantityHash?: number; totalHash?: number }

const text = (value: string, length: number): string => value.slice(0, length).padEnd(length, ' ');
const digits = (value: number, length: number): string => String(value).padStart(length, '0');
const record = (fields: string[]): string => fields.join('').padEnd(200, ' ');

function orderRecord(order: TestOrder): string {
  return record([
    'O', text(order.hubOrderId, 26), text('G9EV-A9JCK', 10), '20261123', text('web', 5), 'USD', 'GND',
    text(order.shipToName ?? 'Ada Lovelace', 30), text('1 Main Street', 30), text('', 30), text('Springfield', 20),
    text('IL', 3), text('62701', 10), 'US', digits(order.total, 12), digits(order.lines.length, 4), order.pickup ? 'P' : ' ',
  ]);
}

function detailRecord(order: TestOrder, line: TestLine, index: number): string {
  return record([
    'D', text(order.hubOrderId, 26), digits(index + 1, 4), text(line.sku, 20), digits(line.qty, 7),
    digits(line.unitPrice, 11), text(line.description ?? 'Widget', 40),
  ]);
}

function orderFile(batchId: string, orders: TestOrder[], trailer: TrailerOverride = {}): Buffer {
  const details = orders.flatMap((order) => order.lines);
  const records = [
    record(['H', text(batchId, 26), '20261123', '100000', text('ORDERHUB', 10), '01']),
    ...orders.flatMap((order) => [orderRecord(order), ...order.lines.map((line, index) => detailRecord(order, line, index))]),
    record([
      'T', digits(trailer.orders ?? orders.length, 8), digits(trailer.details ?? details.length, 8),
      digits(trailer.quantityHash ?? details.reduce((sum, line) => sum + line.qty, 0), 12),
      digits(trailer.totalHash ?? orders.reduce((sum, order) => sum + order.total, 0), 15),
    ]),
  ];
  for (const r of records) expect(r).toHaveLength(200);
  return Buffer.from(records.map((r) => `${r}\r\n`).join(''), 'latin1');
}

let idCounter = 0;
/** A 26-character, ULID-shaped hub order id. */
function hubOrderId(): string {
  idCounter += 1;
  return `01KSIMTEST${digits(idCounter, 16)}`;
}

function sampleOrder(lines: TestLine[] = [{ sku: 'SKU-1', qty: 2, unitPrice: 1250 }, { sku: 'SKU-2', qty: 1, unitPrice: 700 }]): TestOrder {
  return { hubOrderId: hubOrderId(), total: lines.reduce((sum, l) => sum + l.qty * l.unitPrice, 0) + 500, lines };
}

// ---- the SFTP server, its folders, and the simulator under test ----

let sshd: TestSshd;
let sim: OmsSftpSim | undefined;
let fileCounter = 0;

beforeAll(async () => {
  sshd = await startSshd({ password: sshdSupportsPassword() });
}, 30_000);

afterAll(async () => {
  await sshd?.stop();
});

afterEach(async () => {
  await sim?.close();
  sim = undefined;
  if (!sshd) return;
  for (const folder of [sshd.paths.inbox, sshd.paths.outbox]) emptyFolder(sshd.localPath(folder));
});

async function startSim(options: Partial<OmsSftpSimOptions> = {}): Promise<OmsSftpSim> {
  sim = await startOmsSftpSim({
    sftp: { host: sshd.host, port: sshd.port, username: sshd.username, privateKey: sshd.privateKey, hostKeyFingerprint: sshd.hostKeyFingerprint },
    inbox: sshd.paths.inbox, outbox: sshd.paths.outbox, pollIntervalMs: 50, ...options,
  });
  return sim;
}

function emptyFolder(path: string): void {
  for (const name of readdirSync(path)) rmSync(`${path}/${name}`, { recursive: true, force: true });
}

function local(sftpPath: string): string {
  return sshd.localPath(sftpPath);
}

function freshFileName(): string {
  fileCounter += 1;
  return `ORD_01KSIMBATCH${digits(fileCounter, 14)}.txt`;
}

/** Uploads like the hub does: a hidden `.part` file, then a rename. */
function upload(name: string, content: Buffer): void {
  const part = local(`${sshd.paths.inbox}/.${name}.part`);
  writeFileSync(part, content);
  renameSync(part, local(`${sshd.paths.inbox}/${name}`));
}

function readOutbox(name: string, encoding: BufferEncoding): string {
  return readFileSync(local(`${sshd.paths.outbox}/${name}`)).toString(encoding);
}

function ackRecords(name: string): string[] {
  const content = readOutbox(name, 'latin1');
  expect(content.endsWith('\r\n')).toBe(true);
  return content.slice(0, -2).split('\r\n');
}

function outboxNames(): string[] {
  return readdirSync(local(sshd.paths.outbox)).sort();
}

function inboxNames(folder = ''): string[] {
  const path = local(folder ? `${sshd.paths.inbox}/${folder}` : sshd.paths.inbox);
  return existsSync(path) ? readdirSync(path).sort() : [];
}

async function until<T>(probe: () => T | undefined, timeoutMs: number, what: string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

const STATUS_HEADER = 'hub_order_id,oms_order_number,status,line_number,quantity,carrier,tracking_number,expected_date,event_time';
const EVENT_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

function isValidUpsTracking(number: string): boolean {
  const match = /^1Z([0-9A-Z]{15})(\d)$/.exec(number);
  return match !== null && upsCheckDigit(match[1]!) === Number(match[2]);
}

// ---- the tests ----

describe('order files in, acknowledgements out', () => {
  it('acknowledges a valid file with Y records and the OMS numbers it assigned, ignoring uploads in progress', async () => {
    const oms = await startSim();
    const orders = [sampleOrder(), { ...sampleOrder([{ sku: 'SKU-9', qty: 3, unitPrice: 999 }]), shipToName: 'Zoë Ångström' }];
    writeFileSync(local(`${sshd.paths.inbox}/.ORD_01KSIMINPROGRESS00000000.txt.part`), 'H half an upload');
    const name = freshFileName();
    upload(name, orderFile('01KSIMBATCH000000000000001', orders));

    const [file] = await oms.waitForFiles(1, 10_000);
    expect(file).toMatchObject({ name, result: 'accepted', orders: 2, ackFile: 'ACK_000001.txt' });
    const records = ackRecords('ACK_000001.txt');
    expect(records).toHaveLength(2);
    records.forEach((ack, index) => {
      expect(ack).toHaveLength(100);
      expect(ack.slice(0, 1)).toBe('A');
      expect(ack.slice(1, 27)).toBe(orders[index]!.hubOrderId);
      expect(ack.slice(27, 28)).toBe('Y');
      expect(ack.slice(28, 40)).toBe(`OMS-00000${index + 1}  `);
      expect(ack.slice(40, 54)).toMatch(/^20\d{12}$/);
      expect(ack.slice(54)).toBe(' '.repeat(46));
    });

    const accepted = oms.orders();
    expect(accepted.map((o) => [o.omsOrderNumber, o.hubOrderId, o.file])).toEqual([
      ['OMS-000001', orders[0]!.hubOrderId, name], ['OMS-000002', orders[1]!.hubOrderId, name],
    ]);
    expect(accepted[0]!.lines.map((l) => [l.number, l.sku, l.qty, l.unitPrice])).toEqual([[1, 'SKU-1', 2, 1250], [2, 'SKU-2', 1, 700]]);
    expect(accepted[0]!.total).toBe(orders[0]!.total);
    expect(accepted[1]!.shipTo.name).toBe('Zoë Ångström');

    await until(() => (inboxNames('processed').includes(name) ? true : undefined), 5000, 'the file in processed/');
    expect(inboxNames()).toEqual(['.ORD_01KSIMINPROGRESS00000000.txt.part', 'processed']);
    expect(oms.files()).toHaveLength(1);
  });

  it('refuses a file whose trailer does not add up: every order gets an N record with the reason', async () => {
    const oms = await startSim();
    const orders = [sampleOrder(), sampleOrder([{ sku: 'SKU-3', qty: 1, unitPrice: 100 }])];
    const name = freshFileName();
    upload(name, orderFile('01KSIMBATCH000000000000002', orders, { details: 2 }));

    const [file] = await oms.waitForFiles(1, 10_000);
    expect(file).toMatchObject({ name, result: 'refused', orders: 2, reason: 'TRAILER_MISMATCH detail-count 2 != 3' });
    const records = ackRecords(file!.ackFile!);
    expect(records.map((ack) => [ack.length, ack.slice(1, 27), ack.slice(27, 28), ack.slice(28, 40)])).toEqual(
      orders.map((order) => [100, order.hubOrderId, 'N', ' '.repeat(12)]),
    );
    for (const ack of records) expect(ack.slice(54).trimEnd()).toBe('TRAILER_MISMATCH detail-count 2 != 3');
    expect(oms.orders()).toEqual([]);
  });

  it('ignores a file name it has processed before, and moves a file it cannot read to rejected/', async () => {
    const oms = await startSim();
    const name = freshFileName();
    const first = sampleOrder();
    upload(name, orderFile('01KSIMBATCH000000000000003', [first]));
    await oms.waitForFiles(1, 10_000);
    await until(() => (inboxNames().includes(name) ? undefined : true), 5000, 'the first copy moved away');

    upload(name, orderFile('01KSIMBATCH000000000000003', [sampleOrder()]));
    const files = await oms.waitForFiles(2, 10_000);
    expect(files.map((f) => [f.name, f.result, f.orders])).toEqual([[name, 'accepted', 1], [name, 'duplicate', 0]]);
    expect(oms.orders().map((o) => o.hubOrderId)).toEqual([first.hubOrderId]);
    expect(oms.log().some((entry) => entry.event === 'duplicateFile' && entry.file === name)).toBe(true);

    const unreadable = freshFileName();
    upload(unreadable, Buffer.from('this is not an order file\r\n', 'latin1'));
    const third = (await oms.waitForFiles(3, 10_000))[2]!;
    expect(third).toMatchObject({ name: unreadable, result: 'unreadable', orders: 0 });
    await until(() => (inboxNames('rejected').includes(unreadable) ? true : undefined), 5000, 'the unreadable file in rejected/');
    expect(outboxNames()).toEqual(['ACK_000001.txt']);
  });
});

describe('status files', () => {
  it('writes the CSV exactly as specified, one row per line, with a valid UPS tracking number', async () => {
    const oms = await startSim();
    const order = sampleOrder();
    upload(freshFileName(), orderFile('01KSIMBATCH000000000000004', [order]));
    await oms.waitForOrders(1, 10_000);

    const shipped = await oms.emitStatus(order.hubOrderId, 'SHIPPED', { lines: [{ number: 1, qty: 2 }, { number: 2, qty: 1 }] });
    expect(shipped.name).toBe('STS_000001.csv');
    const tracking = shipped.rows[0]!.trackingNumber;
    const time = shipped.rows[0]!.eventTime;
    expect(isValidUpsTracking(tracking)).toBe(true);
    expect(time).toMatch(EVENT_TIME);
    expect(readOutbox('STS_000001.csv', 'utf8')).toBe([
      STATUS_HEADER,
      `${order.hubOrderId},OMS-000001,SHIPPED,1,2,UPS,${tracking},,${time}`,
      `${order.hubOrderId},OMS-000001,SHIPPED,2,1,UPS,${tracking},,${time}`,
      '',
    ].join('\r\n'));

    const backordered = await oms.emitStatus('OMS-000001', 'BACKORDERED', { carrier: 'Acme, "Fast" Freight', expectedDate: '2026-12-01' });
    expect(readOutbox(backordered.name, 'utf8')).toBe(
      `${STATUS_HEADER}\r\n${order.hubOrderId},OMS-000001,BACKORDERED,,,"Acme, ""Fast"" Freight",,2026-12-01,${backordered.rows[0]!.eventTime}\r\n`,
    );
    expect(() => oms.emitStatus('OMS-999999', 'SHIPPED')).toThrow(/OMS-999999/);
  });

  it('writes several updates into one file, and with done files and auto progress: ALLOCATED then SHIPPED', async () => {
    const oms = await startSim({ doneFiles: true, autoProgress: { allocateAfterMs: 50, shipAfterMs: 300 } });
    const orders = [sampleOrder(), sampleOrder()];
    upload(freshFileName(), orderFile('01KSIMBATCH000000000000005', orders));
    await oms.waitForOrders(2, 10_000);

    const done = (name: string): true | undefined => (outboxNames().includes(`${name}.done`) ? true : undefined);
    await until(() => done('STS_000002.csv'), 10_000, 'the SHIPPED status file and its done file');
    expect(outboxNames()).toEqual(['ACK_000001.txt', 'ACK_000001.txt.done', 'STS_000001.csv', 'STS_000001.csv.done', 'STS_000002.csv', 'STS_000002.csv.done']);
    expect(readFileSync(local(`${sshd.paths.outbox}/ACK_000001.txt.done`))).toHaveLength(0);
    const allocated = readOutbox('STS_000001.csv', 'utf8').split('\r\n');
    expect(allocated.slice(1, 3).map((row) => row.split(',').slice(0, 3))).toEqual(
      orders.map((order, index) => [order.hubOrderId, `OMS-00000${index + 1}`, 'ALLOCATED']),
    );
    const shipped = readOutbox('STS_000002.csv', 'utf8').split('\r\n').slice(1, 3).map((row) => row.split(','));
    expect(shipped.map((row) => [row[2], row[5]])).toEqual([['SHIPPED', 'UPS'], ['SHIPPED', 'UPS']]);
    expect(shipped.every((row) => isValidUpsTracking(row[6]!))).toBe(true);
    expect(shipped[0]![6]).not.toBe(shipped[1]![6]);

    const both = await oms.emitStatuses([{ ref: 'OMS-000001', status: 'DELIVERED' }, { ref: orders[1]!.hubOrderId, status: 'CANCELLED' }]);
    expect(both.name).toBe('STS_000003.csv');
    const rows = readOutbox('STS_000003.csv', 'utf8').split('\r\n').slice(1, -1).map((row) => row.split(','));
    expect(rows.map((row) => [row[1], row[2], row[6]])).toEqual([['OMS-000001', 'DELIVERED', shipped[0]![6]], ['OMS-000002', 'CANCELLED', '']]);
    expect(done('STS_000003.csv')).toBe(true);
  });
});

describe('pickup orders', () => {
  it('reads the pickup flag of the O record, and auto progress reports READY_FOR_PICKUP where the other order ships', async () => {
    const oms = await startSim({ autoProgress: { allocateAfterMs: 50, shipAfterMs: 300 } });
    const orders = [sampleOrder(), { ...sampleOrder(), pickup: true }];
    upload(freshFileName(), orderFile('01KSIMBATCH000000000000009', orders));
    await oms.waitForOrders(2, 10_000);
    expect(oms.orders().map((o) => o.pickup)).toEqual([false, true]);

    await until(() => (outboxNames().includes('STS_000002.csv') ? true : undefined), 10_000, 'the second status file');
    const rows = readOutbox('STS_000002.csv', 'utf8').split('\r\n').slice(1, -1).map((row) => row.split(','));
    expect(rows.map((row) => [row[0], row[2], row[5], row[6]])).toEqual([
      [orders[0]!.hubOrderId, 'SHIPPED', 'UPS', expect.any(String)],
      [orders[1]!.hubOrderId, 'READY_FOR_PICKUP', '', ''],
    ]);
  });
});

describe('test controls', () => {
  it('writeSlowly grows the file in place and ends with exactly the content; writeRaw can truncate', async () => {
    const oms = await startSim();
    const content = `${STATUS_HEADER}\r\n${'01KSIMTEST0000000000000001,OMS-000001,ALLOCATED,,,,,,2026-11-23T10:00:00Z\r\n'.repeat(4)}`;
    const path = local(`${sshd.paths.outbox}/STS_900001.csv`);
    const sizes = new Set<number>();
    let writing = true;
    const watching = (async () => {
      while (writing) {
        if (existsSync(path)) sizes.add(statSync(path).size);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    })();
    await oms.writeSlowly('STS_900001.csv', content, { chunks: 5, delayMs: 150 });
    writing = false;
    await watching;
    expect(readFileSync(path, 'utf8')).toBe(content);
    expect([...sizes].some((size) => size > 0 && size < content.length)).toBe(true);

    await oms.writeRaw('STS_900002.csv', content, { partial: { firstBytes: 30 } });
    expect(readOutbox('STS_900002.csv', 'utf8')).toBe(content.slice(0, 30));
    expect(outboxNames()).toEqual(['STS_900001.csv', 'STS_900002.csv']);
  });
});

describe('a flaky server', () => {
  it('keeps polling after sshd drops every connection', async () => {
    const oms = await startSim();
    upload(freshFileName(), orderFile('01KSIMBATCH000000000000006', [sampleOrder()]));
    await oms.waitForFiles(1, 10_000);

    await sshd.killConnections();
    const order = sampleOrder();
    upload(freshFileName(), orderFile('01KSIMBATCH000000000000007', [order]));
    const files = await oms.waitForFiles(2, 15_000);
    expect(files[1]).toMatchObject({ result: 'accepted', orders: 1 });
    expect(ackRecords(files[1]!.ackFile!)[0]!.slice(1, 40)).toBe(`${order.hubOrderId}YOMS-000002  `);
    const events = oms.log().map((entry) => entry.event);
    expect(events.filter((event) => event === 'connected').length).toBeGreaterThanOrEqual(2);
    expect(events).toContain('disconnected');
  });

  it('keeps polling after sshd restarts', async () => {
    const oms = await startSim();
    upload(freshFileName(), orderFile('01KSIMBATCH000000000000008', [sampleOrder()]));
    await oms.waitForFiles(1, 10_000);

    await sshd.restart();
    upload(freshFileName(), orderFile('01KSIMBATCH000000000000009', [sampleOrder()]));
    const files = await oms.waitForFiles(2, 15_000);
    expect(files.map((f) => f.result)).toEqual(['accepted', 'accepted']);
    expect(oms.orders().map((o) => o.omsOrderNumber)).toEqual(['OMS-000001', 'OMS-000002']);
    const status = await oms.emitStatus('OMS-000002', 'ALLOCATED');
    expect(readOutbox(status.name, 'utf8').split('\r\n')[1]).toMatch(/,OMS-000002,ALLOCATED,,,,,,/);
  });

  it('writes a status file emitted while sshd is down once it is back', async () => {
    const oms = await startSim();
    upload(freshFileName(), orderFile('01KSIMBATCH000000000000010', [sampleOrder()]));
    await oms.waitForOrders(1, 10_000);

    await sshd.kill();
    const writing = oms.emitStatus('OMS-000001', 'SHIPPED');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(outboxNames()).toEqual(['ACK_000001.txt']);
    await sshd.restart();
    const file = await writing;
    expect(readOutbox(file.name, 'utf8')).toBe(file.content);
    expect(oms.log().some((entry) => entry.event === 'writeFailed' && entry.file === file.name)).toBe(true);
  });
});

describe('connecting', () => {
  it('refuses a server whose host key does not match the fingerprint', async () => {
    await expect(startOmsSftpSim({
      sftp: { host: sshd.host, port: sshd.port, username: sshd.username, privateKey: sshd.privateKey, hostKeyFingerprint: 'SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' },
      inbox: sshd.paths.inbox, outbox: sshd.paths.outbox,
    })).rejects.toThrow(/host/i);
  });

  it.runIf(sshdSupportsPassword())('logs in with a password instead of a key', async () => {
    const oms = await startSim({ sftp: { host: sshd.host, port: sshd.port, username: sshd.username, password: sshd.password! } });
    upload(freshFileName(), orderFile('01KSIMBATCH000000000000011', [sampleOrder()]));
    expect((await oms.waitForFiles(1, 10_000))[0]).toMatchObject({ result: 'accepted', orders: 1 });
  });
});
