/**
 * The "OMS flat files v1" mappings against their contract in docs/protocols.md: the
 * positions of the ORDER FILE are read from the document's table and compared with the
 * mapping, the golden file is checked field by field at those positions (and its trailer
 * recomputed from its own records), the CSV order file reads back, and the ACK and STS
 * parse mappings give status events the hub understands, the documented example included.
 */
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  compileMapping, loadMapping, parseWithLayout, type CompiledMapping, type RenderLayoutFile,
} from '../../src/mapping/index.js';
import { validateCanonicalOrder } from '../../src/model/index.js';

const ROOT = resolve(import.meta.dirname, '../..');
const MAPPINGS = join(ROOT, 'mappings');
const SAMPLES = join(MAPPINGS, 'samples');

type Slot = { field: string; start: number; length: number };

/** The ORDER FILE table of docs/protocols.md: record letter → its fields in order. */
async function orderFileTable(): Promise<Map<string, Slot[]>> {
  const doc = await readFile(join(ROOT, 'docs/protocols.md'), 'utf8');
  const section = doc.slice(doc.indexOf('### Order files (hub → OMS), fixed width'), doc.indexOf('### Acknowledgement files'));
  const table = new Map<string, Slot[]>();
  let record = '';
  for (const line of section.split('\n')) {
    const cells = line.split('|').slice(1, -1).map((cell) => cell.trim());
    if (cells.length !== 4 || !/^\d+$/.test(cells[2]!)) continue;
    record = /^`([A-Z])`/.exec(cells[0]!)?.[1] ?? record;
    table.set(record, [...(table.get(record) ?? []), { field: cells[1]!, start: Number(cells[2]), length: Number(cells[3]) }]);
  }
  return table;
}

async function batchOf(names: string[], id = '01KB2N0A1B2C3D4E5F6G7H8J9K', createdAt = '2026-11-24T06:00:05.000Z') {
  const orders = await Promise.all(names.map(async (name) => JSON.parse(await readFile(join(SAMPLES, name), 'utf8')) as unknown));
  return { batch: { id, createdAt }, orders };
}

const THREE = ['oms-order-long-address.canonical.json', 'oms-order-accents.canonical.json', 'oms-order-pickup-jpy.canonical.json'];

describe('ORDER FILE (canonical-to-oms-fixed.json)', () => {
  it('has exactly the records and positions of the table in docs/protocols.md', async () => {
    const table = await orderFileTable();
    const document = JSON.parse(await readFile(join(MAPPINGS, 'canonical-to-oms-fixed.json'), 'utf8')) as RenderLayoutFile;
    const records = [...document.records, ...document.records.flatMap((record) => record.records ?? [])];
    expect(records.map((record) => record.name).sort()).toEqual([...table.keys()].sort());
    for (const record of records) {
      const positions = (record.fields ?? []).map(({ start, length }) => [start, length]);
      expect(positions, record.name).toEqual(table.get(record.name)!.map(({ start, length }) => [start, length]));
    }
    expect(document).toMatchObject({ encoding: 'latin1', lineEnding: '\r\n', recordLength: 200 });
  });

  it('the golden file holds, at the documented positions, the values of the three sample orders', async () => {
    const table = await orderFileTable();
    const bytes = await readFile(join(SAMPLES, 'oms-batch-3.txt'));
    expect(bytes.includes(Buffer.from([0x48, 0xe9, 0x6c, 0xe8, 0x6e, 0x65]))).toBe(true);
    const text = bytes.toString('latin1');
    expect(text.endsWith('\r\n')).toBe(true);
    const records = text.slice(0, -2).split('\r\n');
    expect(records.every((record) => record.length === 200)).toBe(true);
    const fieldsOf = (record: string) => table.get(record[0]!)!.map(({ start, length }) => record.slice(start - 1, start - 1 + length));
    expect(records.map((record) => record[0]).join('')).toBe('HODDODODDT');
    expect(fieldsOf(records[0]!)).toEqual(['H', '01KB2N0A1B2C3D4E5F6G7H8J9K', '20261124', '060005', 'ORDERHUB  ', '01']);
    expect(fieldsOf(records[1]!)).toEqual([
      'O', '01KB2M4N6P8Q0R2S4T6V8W0X1Y', 'H4QZ-7RB2M', '20261123', 'phone', 'USD', 'GND',
      'Maximilian Alexander Worthingt', '27182 Northwest Longfellow Bou', 'Building C, Apartment 1200    ',
      'Rancho Santa Margari', 'CA ', '92688-1234', 'US', '000000035488', '0002', ' ',
    ]);
    expect(fieldsOf(records[2]!)).toEqual([
      'D', '01KB2M4N6P8Q0R2S4T6V8W0X1Y', '0001', 'LAMP-DESK-BRASS     ', '0000002', '00000012999', 'Articulated brass desk lamp with weighte',
    ]);
    expect(fieldsOf(records[4]!)).toEqual([
      'O', '01KB2M9C3D5E7F9G1H3J5K7M9N', 'PX3E-9TQ5V', '20261123', 'web  ', 'EUR', 'NDA',
      'Hélène Dubois'.padEnd(30), "12 rue de l'Église".padEnd(30), ' '.repeat(30), 'Saint-Étienne'.padEnd(20), '   ', '42000     ', 'FR', '000000005376', '0001', ' ',
    ]);
    expect(fieldsOf(records[6]!)).toEqual([
      'O', '01KAY0Q7D3H2J5K8M1N4P6R9S0', '7KQ4-M2XAA', '20261124', 'kiosk', 'JPY', 'GND',
      ' '.repeat(30), ' '.repeat(30), ' '.repeat(30), ' '.repeat(20), '   ', ' '.repeat(10), '  ', '000000002045', '0002', 'P',
    ]);
    expect(fieldsOf(records[7]!)[6]).toBe('Chips "Salt & Pepper" <Large>'.padEnd(40));
  });

  it('the trailer adds up: counts of O and D records and both hash totals, recomputed from the file', async () => {
    const records = (await readFile(join(SAMPLES, 'oms-batch-3.txt'))).toString('latin1').split('\r\n').filter(Boolean);
    const orders = records.filter((record) => record[0] === 'O');
    const details = records.filter((record) => record[0] === 'D');
    const trailer = records.at(-1)!;
    expect(Number(trailer.slice(1, 9))).toBe(orders.length);
    expect(Number(trailer.slice(9, 17))).toBe(details.length);
    expect(Number(trailer.slice(17, 29))).toBe(details.reduce((sum, d) => sum + Number(d.slice(51, 58)), 0));
    expect(Number(trailer.slice(29, 44))).toBe(orders.reduce((sum, o) => sum + Number(o.slice(181, 193)), 0));
    expect(orders.map((o) => Number(o.slice(193, 197)))).toEqual([2, 1, 2]);
  });

  it('ship via is mapped like the XML mapping: standard GND, express 2DA, overnight NDA, anything else GND', async () => {
    const m = await loadMapping(join(MAPPINGS, 'canonical-to-oms-fixed.json'));
    const input = await batchOf(['oms-order-1.canonical.json']);
    const shipVia = (serviceLevel: string | undefined) => {
      const order = { ...(input.orders[0] as Record<string, unknown>), fulfilment: serviceLevel ? { method: 'ship', serviceLevel } : { method: 'ship' } };
      return m.render({ ...input, orders: [order] }).body.split('\r\n')[1]!.slice(53, 56);
    };
    expect([shipVia('standard'), shipVia('express'), shipVia('overnight'), shipVia('same-day'), shipVia(undefined)]).toEqual(['GND', '2DA', 'NDA', 'GND', 'GND']);
  });

  it('cuts long text with a warning per field, and refuses a name ISO-8859-1 cannot hold with a clear error', async () => {
    const m = await loadMapping(join(MAPPINGS, 'canonical-to-oms-fixed.json'));
    const rendered = m.render(await batchOf(THREE));
    expect(rendered.warnings).toEqual([
      'record 2 (O) field shipToName truncated from 39 to 30 characters',
      'record 2 (O) field shipToStreet1 truncated from 36 to 30 characters',
      'record 2 (O) field shipToCity truncated from 22 to 20 characters',
      'record 3 (D) field description truncated from 53 to 40 characters',
    ]);
    expect(rendered.stats).toEqual({ records: { H: 1, O: 3, D: 5, T: 1 } });
    expect(rendered.contentType).toBe('text/plain; charset=iso-8859-1');
    const polish = m.render(await batchOf(['oms-order-polish.canonical.json']));
    expect(polish.warnings).toEqual([
      'record 2 (O) field shipToName: "Ł" (U+0141) → "L", "ą" (U+0105) → "a" (cannot be written in ISO-8859-1)',
      'record 2 (O) field shipToStreet1: "ł" (U+0142) → "l" (cannot be written in ISO-8859-1)',
    ]);
    expect(polish.bytes.toString('latin1')).toContain('Lukasz Wasowski');
  });

  it('its sample orders are valid canonical orders', async () => {
    for (const name of [...THREE, 'oms-order-polish.canonical.json']) {
      const validation = validateCanonicalOrder(JSON.parse(await readFile(join(SAMPLES, name), 'utf8')));
      expect(validation.ok ? [] : validation.errors, name).toEqual([]);
    }
  });
});

describe('CSV order file (canonical-to-oms-csv.json)', () => {
  it('one row per order line, order columns repeated, reading back to the orders\' values', async () => {
    const m = await loadMapping(join(MAPPINGS, 'canonical-to-oms-csv.json'));
    const input = await batchOf([...THREE, 'oms-order-polish.canonical.json']);
    const rendered = m.render(input);
    expect(rendered.contentType).toBe('text/csv; charset=utf-8');
    const reader = compileMapping({
      id: 'read-back', version: '1', from: 'csv', to: 'rows', direction: 'parse', format: 'csv', records: [{ name: 'line' }],
      fields: {
        '/hubOrderId': { column: 'hub_order_id' }, '/name': { column: 'ship_to_name', optional: true }, '/street2': { column: 'ship_to_street2', optional: true },
        '/total': { column: 'order_total' }, '/sku': { column: 'sku' }, '/quantity': { column: 'quantity', pipe: ['int'] },
        '/description': { column: 'description', optional: true },
      },
    });
    const parsed = parseWithLayout(reader, rendered.bytes);
    expect(parsed.problems).toEqual([]);
    type Order = { hubOrderId: string; shipTo?: { name?: string; line2?: string }; lines: Array<{ sku: string; quantity: number; description?: string }> };
    const expected = (input.orders as Order[]).flatMap((order) => order.lines.map((line) => ({
      hubOrderId: order.hubOrderId, sku: line.sku, quantity: line.quantity,
      ...(order.shipTo?.name ? { name: order.shipTo.name } : {}), ...(order.shipTo?.line2 ? { street2: order.shipTo.line2 } : {}),
      ...(line.description ? { description: line.description } : {}),
    })));
    expect(parsed.rows.map(({ value: { total: _total, ...rest } }) => rest)).toEqual(expected);
    expect(parsed.rows.map(({ value }) => value.total)).toEqual(['354.88', '354.88', '53.76', '2045', '2045', '80.00']);
  });
});

describe('ACK and STS parse mappings', () => {
  let ack: CompiledMapping;
  let sts: CompiledMapping;
  beforeAll(async () => {
    ack = await loadMapping(join(MAPPINGS, 'oms-ack-fixed.json'));
    sts = await loadMapping(join(MAPPINGS, 'oms-status-csv.json'));
  });

  it('are parse layouts', () => {
    expect([ack.direction, ack.format, sts.direction, sts.format]).toEqual(['parse', 'fixed-width', 'parse', 'csv']);
  });

  it('an acknowledgement becomes acknowledged (with the OMS number) or rejected (with the trimmed reason)', async () => {
    const parsed = parseWithLayout(ack, await readFile(join(SAMPLES, 'oms-ack-1.txt')));
    expect(parsed.problems).toEqual([]);
    for (const { value } of parsed.rows) {
      expect(value.type === 'acknowledged' ? 'externalRef' in value && !('reason' in value) : 'reason' in value && !('externalRef' in value)).toBe(true);
      expect(value.occurredAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    }
    expect(parsed.rows[1]!.value).toEqual({
      type: 'rejected', hubOrderId: '01KB2M9C3D5E7F9G1H3J5K7M9N', occurredAt: '2026-11-24T06:05:13.000Z', reason: 'Article inconnu: CRÈME-BRÛLÉE-SET',
    });
  });

  it('the status example of docs/protocols.md reads as the events it describes', async () => {
    const doc = await readFile(join(ROOT, 'docs/protocols.md'), 'utf8');
    const example = /### Status files[\s\S]*?```\n([\s\S]*?)```/.exec(doc)![1]!;
    const parsed = parseWithLayout(sts, Buffer.from(example, 'utf8'));
    expect(parsed.problems).toEqual([]);
    expect(parsed.rows.map(({ value }) => value)).toEqual([
      { type: 'shipped', hubOrderId: '01K…', externalRef: 'OMS-000001', lines: [{ lineNumber: 1, quantity: 2 }], shipment: { carrier: 'UPS', trackingNumber: '1Z999AA10123456784' }, occurredAt: '2026-11-23T10:05:00.000Z' },
      { type: 'shipped', hubOrderId: '01K…', externalRef: 'OMS-000001', lines: [{ lineNumber: 2, quantity: 1 }], shipment: { carrier: 'UPS', trackingNumber: '1Z999AA10123456784' }, occurredAt: '2026-11-23T10:05:00.000Z' },
      { type: 'backordered', hubOrderId: '01K…', externalRef: 'OMS-000002', lines: [{ lineNumber: 1, quantity: 3 }], expectedDate: '2026-12-01', occurredAt: '2026-11-23T10:06:00.000Z' },
    ]);
  });

  it('every status the protocol names is understood, in any case; an empty line_number means the whole order', () => {
    const rows = ['ALLOCATED', 'backordered', 'Ready_For_Pickup', 'Shipped', 'DELIVERED', 'CANCELLED'].map((status, i) => `H${i},OMS-${i},${status},,,,,,2026-11-23T10:0${i}:00Z`);
    const parsed = parseWithLayout(sts, Buffer.from(['hub_order_id,oms_order_number,status,line_number,quantity,carrier,tracking_number,expected_date,event_time', ...rows].join('\n')));
    expect(parsed.problems).toEqual([]);
    expect(parsed.rows.map(({ value }) => value.type)).toEqual(['allocated', 'backordered', 'ready_for_pickup', 'shipped', 'delivered', 'cancelled']);
    expect(parsed.rows.every(({ value }) => !('lines' in value) && !('shipment' in value))).toBe(true);
  });
});
