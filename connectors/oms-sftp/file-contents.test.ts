/**
 * What a file from the OMS's outbox holds, from its rows (as a layout read them) and
 * its name: stock updates (kind, sequence and asOf), status events (change answers
 * with their change id, never grouped across changes), or bad input for quarantine.
 */
import { describe, expect, it } from 'vitest';
import { BadInputError, type ParsedFile } from '../../src/sdk/index.js';
import { contentsOf } from './file-contents.js';
import { readStockFileName } from './stock-file-name.js';
import { changeFileName } from './upload-change.js';

type Row = ParsedFile['rows'][number];

const stockRow = (line: number, value: Record<string, unknown>): Row => ({ line, record: 'stock', value: { asOf: '2026-12-04T02:00:00.000Z', ...value } });
const statusRow = (line: number, value: Record<string, unknown>): Row => ({
  line, record: 'status', value: { hubOrderId: '01KAXR3M8Q7Z5V2T9W4N6B1C0D', externalRef: 'OMS-000700', occurredAt: '2026-11-25T09:00:00.000Z', ...value },
});

function refusal(run: () => unknown): BadInputError {
  try {
    run();
  } catch (error) {
    if (error instanceof BadInputError) return error;
    throw error;
  }
  throw new Error('expected a BadInputError');
}

describe('stock files', () => {
  it('a snapshot: the kind and sequence from the name, asOf from the rows', () => {
    const contents = contentsOf('STOCK_20261204020000_000001_SNAPSHOT.csv', [
      stockRow(2, { sku: 'PEN2041K', dc: 'DC-LEEDS', onHand: 12 }),
      stockRow(3, { sku: 'GEL3310K', dc: 'DC-LEEDS', onHand: 0, expectedDate: '2026-12-20' }),
    ]);
    expect(contents).toEqual({
      events: [],
      stock: [{
        kind: 'snapshot', asOf: '2026-12-04T02:00:00.000Z', sequence: 1,
        items: [{ sku: 'PEN2041K', dc: 'DC-LEEDS', onHand: 12 }, { sku: 'GEL3310K', dc: 'DC-LEEDS', onHand: 0, expectedDate: '2026-12-20' }],
      }],
    });
  });

  it('a delta with two moments is two updates, oldest first', () => {
    const { stock } = contentsOf('STOCK_20261204101600_000007_DELTA.csv', [
      stockRow(2, { sku: 'A', dc: 'DC-1', onHand: 1, asOf: '2026-12-04T10:15:00.000Z' }),
      stockRow(3, { sku: 'B', dc: 'DC-1', onHand: 2, asOf: '2026-12-04T10:14:00.000Z' }),
      stockRow(4, { sku: 'C', dc: 'DC-2', onHand: 3, asOf: '2026-12-04T10:15:00.000Z' }),
    ]);
    expect(stock.map((u) => [u.kind, u.asOf, u.sequence, u.items.map((i) => i.sku)])).toEqual([
      ['delta', '2026-12-04T10:14:00.000Z', 7, ['B']], ['delta', '2026-12-04T10:15:00.000Z', 7, ['A', 'C']],
    ]);
  });

  it('a header-only stock file is an update without items at the time in its name', () => {
    expect(contentsOf('STOCK_20261204020000_000003_SNAPSHOT.csv', [])).toEqual({
      events: [], stock: [{ kind: 'snapshot', asOf: '2026-12-04T02:00:00.000Z', sequence: 3, items: [] }],
    });
  });

  it('refuses a snapshot of several moments, stock rows under another name, mixed rows and negative stock', () => {
    const times = refusal(() => contentsOf('STOCK_20261204020000_000001_SNAPSHOT.csv', [
      stockRow(2, { sku: 'A', dc: 'D', onHand: 1 }), stockRow(3, { sku: 'B', dc: 'D', onHand: 1, asOf: '2026-12-04T03:00:00.000Z' }),
    ]));
    expect(times.message).toMatch(/STOCK_20261204020000_000001_SNAPSHOT\.csv: a snapshot is one moment/);
    expect(refusal(() => contentsOf('STS_000001.csv', [stockRow(2, { sku: 'A', dc: 'D', onHand: 1 })])).message)
      .toMatch(/STS_000001\.csv holds stock rows but is not named STOCK_<yyyymmddhhmmss>_<sequence>_SNAPSHOT\.csv/);
    expect(refusal(() => contentsOf('STOCK_20261204020000_000001_DELTA.csv', [
      stockRow(2, { sku: 'A', dc: 'D', onHand: 1 }), statusRow(3, { type: 'shipped' }),
    ])).message).toMatch(/line 3: a status row among stock rows/);
    expect(refusal(() => contentsOf('STOCK_20261204020000_000001_DELTA.csv', [stockRow(2, { sku: 'A', dc: 'DC-1', onHand: -2 })])).message)
      .toMatch(/line 2 \(A at DC-1\): on_hand must be a whole number of units ≥ 0, got -2/);
  });

  it('reads the kind, time and sequence from a stock file name, and nothing from other names', () => {
    expect(readStockFileName('STOCK_20261204101530_000012_DELTA.csv')).toEqual({ kind: 'delta', writtenAt: '2026-12-04T10:15:30.000Z', sequence: 12 });
    expect(readStockFileName('STOCK_20261304101530_000012_DELTA.csv')).toBeUndefined();
    expect(readStockFileName('STOCK_SNAPSHOT_20261204101530.csv')).toBeUndefined();
    expect(readStockFileName('STS_000001.csv')).toBeUndefined();
  });
});

describe('status files with answers to change requests', () => {
  it('become change events with the change id; two changes of one order are never one event', () => {
    const { events, stock } = contentsOf('STS_000009.csv', [
      statusRow(2, { type: 'change_accepted', changeId: '01KAXR3M8Q7Z5V2T9W4N6B1C0D.c1' }),
      statusRow(3, { type: 'change_refused', changeId: '01KAXR3M8Q7Z5V2T9W4N6B1C0D.c2', reason: 'LINE_SHIPPED line 1' }),
      statusRow(4, { type: 'change_accepted', changeId: '01KAXR3M8Q7Z5V2T9W4N6B1C0D.c3', lines: [{ lineNumber: 1, quantity: 1 }] }),
      statusRow(5, { type: 'change_accepted', changeId: '01KAXR3M8Q7Z5V2T9W4N6B1C0D.c4', lines: [{ lineNumber: 2, quantity: 1 }] }),
      statusRow(6, { type: 'cancelled', changeId: 'ignored-on-other-rows', reason: 'customer changed their mind' }),
    ]);
    expect(stock).toEqual([]);
    expect(events.map((e) => [e.eventId, e.type, e.changeId, e.reason])).toEqual([
      ['STS_000009.csv:2', 'change_accepted', '01KAXR3M8Q7Z5V2T9W4N6B1C0D.c1', undefined],
      ['STS_000009.csv:3', 'change_refused', '01KAXR3M8Q7Z5V2T9W4N6B1C0D.c2', 'LINE_SHIPPED line 1'],
      ['STS_000009.csv:4', 'change_accepted', '01KAXR3M8Q7Z5V2T9W4N6B1C0D.c3', undefined],
      ['STS_000009.csv:5', 'change_accepted', '01KAXR3M8Q7Z5V2T9W4N6B1C0D.c4', undefined],
      ['STS_000009.csv:6', 'cancelled', undefined, 'customer changed their mind'],
    ]);
  });

  it('still groups the rows of one parcel into one event', () => {
    const parcel = { type: 'shipped', shipment: { carrier: 'UPS', trackingNumber: '1Z999AA10123456784' } };
    const { events } = contentsOf('STS_000010.csv', [
      statusRow(2, { ...parcel, lines: [{ lineNumber: 1, quantity: 2 }] }), statusRow(3, { ...parcel, lines: [{ lineNumber: 2, quantity: 1 }] }),
    ]);
    expect(events).toHaveLength(1);
    expect(events[0]!.lines).toEqual([{ lineNumber: 1, quantity: 2 }, { lineNumber: 2, quantity: 1 }]);
  });

  it('refuses an answer that does not say which change it answers', () => {
    const error = refusal(() => contentsOf('STS_000011.csv', [statusRow(7, { type: 'change_refused', reason: 'NO_STOCK X' })]));
    expect(error.message).toBe('STS_000011.csv line 7: a CHANGE_REFUSED row needs the change_id it answers (column 10)');
    expect(error.code).toBe('NO_CHANGE_ID');
  });
});

describe('change file names', () => {
  it('are CHG_<changeId> with the extension of the rendered content type', () => {
    expect(changeFileName('01KAXR3M8Q7Z5V2T9W4N6B1C0D.c1', 'text/csv; charset=utf-8')).toBe('CHG_01KAXR3M8Q7Z5V2T9W4N6B1C0D.c1.csv');
    expect(changeFileName('01KAXR3M8Q7Z5V2T9W4N6B1C0D.c2', 'application/xml')).toBe('CHG_01KAXR3M8Q7Z5V2T9W4N6B1C0D.c2.xml');
    expect(changeFileName('01KAXR3M8Q7Z5V2T9W4N6B1C0D.c3', 'text/plain; charset=iso-8859-1')).toBe('CHG_01KAXR3M8Q7Z5V2T9W4N6B1C0D.c3.txt');
  });
});
