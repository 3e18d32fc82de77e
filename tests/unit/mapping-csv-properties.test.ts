/**
 * Properties of CSV layouts (fast-check):
 * - a file written by a CSV render layout and read by a parse layout with the same
 *   settings gives back every cell, whatever it holds (delimiters, quotes, CR, LF,
 *   unicode), with any delimiter and quote character, header or not, quoteAll or not;
 * - the OMS CSV order file (canonical-to-oms-csv.json) has one row per order line, each
 *   with as many cells as its header, or is refused with a MappingError;
 * - reading any text or bytes never throws, and every problem names a line of the file.
 */
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { compileMapping, loadMapping, parseWithLayout, type CompiledMapping } from '../../src/mapping/index.js';
import { attempt, AWKWARD_STRINGS, awkwardNumber, awkwardString, awkwardValue, runs } from './support/properties.js';

const MAPPINGS = resolve(import.meta.dirname, '../../mappings');

let csvOrderFile: CompiledMapping;
let statusFile: CompiledMapping;

beforeAll(async () => {
  csvOrderFile = await loadMapping(join(MAPPINGS, 'canonical-to-oms-csv.json'));
  statusFile = await loadMapping(join(MAPPINGS, 'oms-status-csv.json'));
});

/** One character (code point) for a delimiter or a quote: the usual ones, and any other but a line break. */
const csvCharacter = fc.oneof(
  { arbitrary: fc.constantFrom(',', ';', '\t', '|', '"', "'", '`', ' ', 'a', '.', '\\', '^', ']', '-', 'é'), weight: 4 },
  { arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }).filter((c) => c !== '\n' && c !== '\r' && !/\p{Cs}/u.test(c)), weight: 1 },
);

const settings = fc.record({
  delimiter: csvCharacter,
  quote: csvCharacter,
  header: fc.boolean(),
  quoteAll: fc.boolean(),
}, { requiredKeys: [] });

const cellText = fc.oneof(
  awkwardString,
  fc.array(fc.constantFrom(',', ';', '"', "'", '\n', '\r', '\r\n', ' ', 'x', 'é', '😀', '|', '\t'), { maxLength: 8 }).map((parts) => parts.join('')),
);

const setup = fc.record({
  csv: settings,
  encoding: fc.constantFrom('utf-8' as const, 'latin1' as const),
  lineEnding: fc.constantFrom('\n', '\r\n'),
  names: fc.uniqueArray(fc.oneof(awkwardString, fc.constantFrom('a', 'b', 'sku, code', 'say "hi"')), { minLength: 1, maxLength: 5 }),
});

type Setup = typeof setup extends fc.Arbitrary<infer T> ? T : never;

function writer(s: Setup): CompiledMapping {
  return compileMapping({
    id: 'csv-write', version: '1', from: 'a', to: 'b', format: 'csv', fields: {}, csv: s.csv, encoding: s.encoding, lineEnding: s.lineEnding,
    records: [{ name: 'row', each: '/rows', columns: s.names.map((name, i) => ({ name, path: `/${i}`, optional: true })) }],
  });
}

function reader(s: Setup): CompiledMapping {
  const header = s.csv.header ?? true;
  return compileMapping({
    id: 'csv-read', version: '1', from: 'a', to: 'b', direction: 'parse', format: 'csv', csv: s.csv, encoding: s.encoding,
    fields: Object.fromEntries(s.names.map((name, i) => [`/c${i}`, { column: header ? name : i + 1, optional: true }])),
    records: [{ name: 'row' }],
  });
}

describe('render then parse, CSV', () => {
  it('every cell is read back as written, whatever it holds and whatever the delimiter and quote', () => {
    const seen = { compared: 0, refused: 0 };
    fc.assert(fc.property(setup.chain((s) => fc.tuple(fc.constant(s), fc.array(
      fc.tuple(...s.names.map(() => fc.option(cellText, { nil: undefined }))), { minLength: 1, maxLength: 4 },
    ))), ([s, rows]) => {
      const compiled = attempt(() => [writer(s), reader(s)] as const);
      if (!compiled.ok) {
        // Refused layouts: a delimiter or quote the encoding cannot hold, beyond U+FFFF, or both the
        // same character; or an empty column name.
        expect(compiled.error.message).toMatch(/\/csv\/(delimiter|quote): |\/column: |\/name: /);
        seen.refused++;
        return;
      }
      const [write, read] = compiled.value;
      const rendered = attempt(() => write.render({ rows }));
      if (!rendered.ok) {
        // Only text the encoding cannot hold is refused (lone surrogates; above U+00FF in ISO-8859-1).
        // (A delimiter or quote it cannot hold, or a quote equal to the delimiter, is a MappingFileError above.)
        expect(rendered.error.message).toContain('cannot be written in');
        seen.refused++;
        return;
      }
      // A UTF-8 file whose text starts with U+FEFF is read as starting with a byte-order mark,
      // which is skipped (docs/layouts.md): that first character cannot come back.
      if (s.encoding === 'utf-8' && rendered.value.body.startsWith('\ufeff')) return;
      seen.compared++;
      const parsed = parseWithLayout(read, rendered.value.bytes);
      expect(parsed.problems).toEqual([]);
      // A cell that is empty or only white space is a missing value when read (docs/layouts.md).
      expect(parsed.rows.map((row) => row.value)).toEqual(rows.map((cells) => Object.fromEntries(
        cells.flatMap((cell, i) => (cell === undefined || cell.trim() === '' ? [] : [[`c${i}`, cell]])),
      )));
    }), {
      ...runs(400),
      // Found by this property: a row of one blank cell was lost (written as a blank line); a delimiter
      // beyond U+FFFF was never found; a quote equal to the delimiter; a quote ISO-8859-1 cannot hold.
      examples: [
        [[{ csv: {}, encoding: 'utf-8', lineEnding: '\n', names: ['a'] }, [[undefined]]]],
        [[{ csv: { header: false }, encoding: 'utf-8', lineEnding: '\n', names: ['a'] }, [[' '], ['x']]]],
        [[{ csv: { delimiter: '𐀀' }, encoding: 'utf-8', lineEnding: '\n', names: [' ', 'a'] }, [[undefined, undefined]]]],
        [[{ csv: { delimiter: 'é', quote: 'é' }, encoding: 'utf-8', lineEnding: '\n', names: ['a', ' '] }, [[undefined, undefined]]]],
        [[{ csv: { delimiter: '.', quote: '蜍', header: true, quoteAll: true }, encoding: 'latin1', lineEnding: '\r\n', names: ['say "hi"', '½', 'sku, code'] }, [[undefined, undefined, undefined]]]],
      ],
    });
    expect(seen.compared).toBeGreaterThan(0);
  });
});

describe('the OMS CSV order file (canonical-to-oms-csv.json)', () => {
  const order = fc.record({
    hubOrderId: fc.oneof(awkwardString, fc.stringMatching(/^[0-9A-Z]{26}$/)),
    confirmation: awkwardString,
    placedAt: fc.oneof(fc.date({ noInvalidDate: true }).map((d) => d.toISOString()), awkwardValue),
    channel: awkwardString,
    currency: fc.oneof(fc.constantFrom('USD', 'JPY', 'KWD'), awkwardValue),
    fulfilment: fc.record({ serviceLevel: fc.oneof(fc.constantFrom('standard', 'express'), awkwardValue) }, { requiredKeys: [] }),
    shipTo: fc.dictionary(fc.constantFrom('name', 'line1', 'line2', 'city', 'region', 'postalCode', 'country'), fc.oneof(awkwardString, awkwardValue)),
    totals: fc.record({ grandTotal: fc.oneof(fc.maxSafeInteger(), awkwardNumber) }),
    lines: fc.array(fc.record({
      sku: fc.oneof(awkwardString, fc.constantFrom('A-1', 'LAMP, brass "XL"')),
      quantity: fc.oneof(fc.nat(), awkwardNumber),
      unitPrice: fc.oneof(fc.nat(), awkwardNumber),
      description: fc.oneof(awkwardString, awkwardValue),
    }, { requiredKeys: [] }), { maxLength: 3 }),
  }, { requiredKeys: [] });

  it('one row per order line, each with the header\'s 19 cells, or a MappingError', () => {
    const read = cellCounter(19);
    const seen = { written: 0, refused: 0 };
    fc.assert(fc.property(fc.array(order, { maxLength: 3 }), (orders) => {
      const rendered = attempt(() => csvOrderFile.render({ batch: { id: 'B', createdAt: '2026-11-24T06:00:05.000Z' }, orders }));
      seen[rendered.ok ? 'written' : 'refused']++;
      if (!rendered.ok) return;
      // A row with more or fewer cells than the header would be a problem of its line.
      const parsed = parseWithLayout(read, rendered.value.bytes);
      expect(parsed.problems).toEqual([]);
      expect(parsed.rows).toHaveLength(orders.reduce((n, o) => n + (o.lines?.length ?? 0), 0));
    }), runs(200));
    expect(seen.written).toBeGreaterThan(0);
  });
});

/** A parse layout for a CSV file with a header of `columns` cells: a row of another width is a problem. */
function cellCounter(columns: number): CompiledMapping {
  return compileMapping({
    id: 'csv-cells', version: '1', from: 'a', to: 'b', direction: 'parse', format: 'csv', encoding: 'utf-8',
    fields: { [`/c${columns}`]: { column: columns, optional: true } }, records: [{ name: 'row' }],
  });
}

describe('reading any CSV', () => {
  const text = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 200 }),
    fc.array(fc.constantFrom(...AWKWARD_STRINGS, 'a', 'b', ',', '"', '\n', '\r\n', '""', '","', 'x"y'), { maxLength: 30 }).map((parts) => parts.join('')),
  );

  it('never throws, with any settings; every problem names a line of the file', () => {
    fc.assert(fc.property(setup, text, fc.boolean(), (s, content, asBytes) => {
      const compiled = attempt(() => reader(s));
      if (!compiled.ok) return;
      const bytes = asBytes ? Buffer.from(content, 'latin1') : Buffer.from(content, 'utf8');
      const parsed = attempt(() => parseWithLayout(compiled.value, bytes));
      expect(parsed.ok).toBe(true);
      if (!parsed.ok) return;
      const lines = bytes.toString(s.encoding === 'latin1' ? 'latin1' : 'utf8').split('\n').length;
      for (const problem of [...parsed.value.problems, ...parsed.value.rows]) {
        expect(problem.line).toBeGreaterThanOrEqual(1);
        expect(problem.line).toBeLessThanOrEqual(lines);
      }
    }), runs(300));
  });

  it('the OMS status file (oms-status-csv.json): any bytes are rows and problems, never a throw', () => {
    const sample = 'hub_order_id,oms_order_number,status,line_number,quantity,carrier,tracking_number,expected_date,event_time\n';
    fc.assert(fc.property(fc.oneof(text, text.map((body) => sample + body)), (content) => {
      const parsed = attempt(() => parseWithLayout(statusFile, Buffer.from(content, 'utf8')));
      expect(parsed.ok).toBe(true);
      if (parsed.ok) for (const row of parsed.value.rows) expect(typeof row.value.hubOrderId).toBe('string');
    }), runs(300));
  });
});
