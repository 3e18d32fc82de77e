/**
 * Parse layouts: fixed-width and CSV files read into rows, with every problem collected
 * per line (and record and field); blank lines, unmatched lines, expected lengths, line
 * endings, invalid encodings, header columns, shared fields, raw-text conditions, and
 * the refusals of broken layouts.
 */
import { describe, expect, it } from 'vitest';
import {
  compileMapping, MappingFileError, parseWithLayout, type ParseRecordSpec,
} from '../../src/mapping/index.js';

const head = { id: 'in', version: '1', from: 'a', to: 'b', direction: 'parse' };

function fixed(records: readonly ParseRecordSpec[], extra: Record<string, unknown> = {}) {
  return compileMapping({ ...head, format: 'fixed-width', fields: {}, records, ...extra });
}

function fileProblems(document: unknown): string[] {
  try {
    compileMapping(document, { file: 'bad.json' });
  } catch (error) {
    if (error instanceof MappingFileError) return error.problems.map((p) => `${p.path}: ${p.message}`);
    throw error;
  }
  throw new Error('expected a MappingFileError');
}

/** H header and A detail records, 20 characters. */
const ack = fixed([
  { name: 'H', match: { start: 1, length: 1, equals: 'H' }, fields: { '/kind': { const: 'header' }, '/day': { start: 2, length: 8, pipe: [{ parseDate: 'YYYYMMDD' }] } } },
  {
    name: 'A', match: { start: 1, length: 1, equals: 'A' }, expectLength: 20,
    fields: {
      '/id': { start: 2, length: 6, pipe: ['trim'] },
      '/ok': { start: 8, length: 1, pipe: [{ map: { Y: true, N: false } }] },
      '/qty': { start: 9, length: 4, pipe: ['int'], default: 0 },
      '/ref': { start: 13, length: 8, pipe: ['trim'], when: { path: '/ok', equals: 'Y' } },
    },
  },
]);

const text = (lines: string[], ending = '\n') => Buffer.from(lines.join(ending) + ending, 'latin1');

/** An A line: id in 2-7, ok in 8, qty in 9-12, ref in 13-20. */
const a = (id: string, ok: string, qty: string, ref: string) => `A${id.padEnd(6)}${ok}${qty.padEnd(4)}${ref.padEnd(8)}`;

describe('fixed width', () => {
  const good = ['H20261124', a('X1', 'Y', '0012', 'REF-1'), a('X2', 'N', '', 'REF-2')];

  it('reads each line with the record its discriminator matches; blank slices are missing (default applies)', () => {
    const parsed = parseWithLayout(ack, text(good));
    expect(parsed.problems).toEqual([]);
    expect(parsed.rows).toEqual([
      { line: 1, record: 'H', value: { kind: 'header', day: '2026-11-24T00:00:00.000Z' } },
      { line: 2, record: 'A', value: { id: 'X1', ok: true, qty: 12, ref: 'REF-1' } },
      { line: 3, record: 'A', value: { id: 'X2', ok: false, qty: 0 } },
    ]);
  });

  it('accepts LF, CRLF and a missing final line ending alike, and skips blank lines keeping line numbers', () => {
    const lf = parseWithLayout(ack, text(good));
    expect(parseWithLayout(ack, text(good, '\r\n'))).toEqual(lf);
    expect(parseWithLayout(ack, Buffer.from(good.join('\r\n')))).toEqual(lf);
    const spaced = parseWithLayout(ack, text(['', good[0]!, '   ', good[1]!, '', good[2]!, '']));
    expect(spaced.problems).toEqual([]);
    expect(spaced.rows.map((row) => row.line)).toEqual([2, 4, 6]);
  });

  it('collects every problem per line and field; bad lines give no row', () => {
    const parsed = parseWithLayout(ack, text([
      'H20261340',
      a('X1', 'Y', '0012', 'REF-1'),
      a('X3', 'Q', '12x3', 'REF-3'),
      a('X4', 'Y', '0001', '').slice(0, 11),
      'Z what is this',
      a('X5', 'Y', '0002', ''),
    ]));
    expect(parsed.rows.map((row) => row.line)).toEqual([2]);
    expect(parsed.problems).toEqual([
      { line: 1, record: 'H', field: '/day', message: 'columns 2-9: "20261340" is not a valid date or time (YYYYMMDD)' },
      { line: 3, record: 'A', field: '/ok', message: 'column 8: "Q" is not in the inline map (and it has no "*" fallback)' },
      { line: 3, record: 'A', field: '/qty', message: 'columns 9-12: "12x3" is not an integer' },
      { line: 4, record: 'A', message: 'the line is 11 characters long, the record has 20' },
      { line: 5, message: 'no record matches this line (it starts "Z what is th")' },
      { line: 6, record: 'A', field: '/ref', message: 'columns 13-20: required value is missing' },
    ]);
  });

  it('without expectLength a short line leaves its fields missing, which required fields report', () => {
    const loose = fixed([{ name: 'A', fields: { '/id': { start: 1, length: 3 }, '/tail': { start: 10, length: 5 } } }]);
    expect(parseWithLayout(loose, text(['abc']))).toEqual({
      rows: [], problems: [{ line: 1, record: 'A', field: '/tail', message: 'columns 10-14: required value is missing' }],
    });
  });

  it('never throws for bad data: random bytes give problems, not exceptions', () => {
    const noise = Buffer.from(Array.from({ length: 2000 }, (_, i) => (i * 7919 + 13) % 256));
    const parsed = parseWithLayout(ack, noise);
    expect(parsed.problems.length).toBeGreaterThan(0);
    expect(parsed.problems.every((problem) => problem.line >= 1 && problem.message.length > 0)).toBe(true);
  });

  it('reports lines that are not valid UTF-8 by number', () => {
    const utf8 = fixed([{ name: 'L', fields: { '/name': { start: 1, length: 10, pipe: ['trim'] } } }]);
    const bytes = Buffer.concat([Buffer.from('Zoë\n'), Buffer.from([0x5a, 0x6f, 0xeb, 0x0a]), Buffer.from('Łódź 😀\n')]);
    expect(parseWithLayout(utf8, bytes)).toEqual({
      rows: [{ line: 1, record: 'L', value: { name: 'Zoë' } }, { line: 3, record: 'L', value: { name: 'Łódź 😀' } }],
      problems: [{ line: 2, message: 'the line is not valid UTF-8' }],
    });
  });

  it('fields every record has are added to each record\'s own', () => {
    const shared = compileMapping({
      ...head, format: 'fixed-width',
      fields: { '/kind': { start: 1, length: 1 }, '/order/id': { start: 2, length: 3 } },
      records: [
        { name: 'O', match: { start: 1, length: 1, equals: 'O' }, fields: { '/order/total': { start: 5, length: 4, pipe: ['int'] } } },
        { name: 'D', match: { start: 1, length: 1, equals: 'D' }, fields: { '/sku': { start: 5, length: 4 } } },
      ],
    });
    expect(parseWithLayout(shared, text(['OA010042', 'DA01SKU1'])).rows.map((row) => row.value)).toEqual([
      { kind: 'O', order: { id: 'A01', total: 42 } },
      { kind: 'D', order: { id: 'A01' }, sku: 'SKU1' },
    ]);
  });
});

describe('CSV', () => {
  const status = compileMapping({
    ...head, format: 'csv',
    fields: {},
    records: [
      { name: 'event', match: { column: 'kind', equals: 'E' }, fields: {
        '/id': { column: 'id' }, '/n': { column: 'n', pipe: ['int'], optional: true }, '/note': { column: 'note', optional: true },
      } },
      { name: 'comment', match: { column: 'kind', equals: '#' }, fields: { '/text': { column: 'note' } } },
    ],
  });

  it('reads columns by header name, matches records by a column and keeps the line a row starts on', () => {
    const parsed = parseWithLayout(status, Buffer.from('kind,id,n,note\r\nE,a1,3,"multi\r\nline, with ""quotes"""\r\n#,,,just a note\r\nE,a2,,\r\n'));
    expect(parsed).toEqual({
      rows: [
        { line: 2, record: 'event', value: { id: 'a1', n: 3, note: 'multi\r\nline, with "quotes"' } },
        { line: 4, record: 'comment', value: { text: 'just a note' } },
        { line: 5, record: 'event', value: { id: 'a2' } },
      ],
      problems: [],
    });
  });

  it('a column the header does not have is one problem at the header line, and no rows are read', () => {
    expect(parseWithLayout(status, Buffer.from('kind,id,note\nE,a1,x\n'))).toEqual({
      rows: [], problems: [{ line: 1, message: 'the header has no column "n"' }],
    });
  });

  it('rows of the wrong width, malformed quoting and unmatched rows are problems of their lines', () => {
    const parsed = parseWithLayout(status, Buffer.from([
      'kind,id,n,note', 'E,a1,1,ok', 'E,a2,2', 'E,a3,"3"x,bad', 'E,a4,4,say "hi"', 'X,a5,5,what', '', 'E,a6,six,', 'E,a7,7,"open',
    ].join('\n')));
    expect(parsed.rows.map((row) => row.value)).toEqual([{ id: 'a1', n: 1, note: 'ok' }]);
    expect(parsed.problems).toEqual([
      { line: 3, message: 'the row has 3 cells, the header has 4' },
      { line: 4, message: 'unexpected text after a closing "' },
      { line: 5, message: 'a " inside a cell that does not start with one' },
      { line: 6, message: 'no record matches this row' },
      { line: 8, record: 'event', field: '/n', message: 'column "n": "six" is not an integer' },
      { line: 9, message: 'a quoted cell is not closed' },
    ]);
  });

  it('columns by 1-based number without a header row', () => {
    const numbered = compileMapping({
      ...head, format: 'csv', csv: { header: false, delimiter: '|' },
      fields: { '/first': { column: 1 }, '/third': { column: 3, optional: true } }, records: [{ name: 'r' }],
    });
    expect(parseWithLayout(numbered, Buffer.from('a|b|c\nd|e\n')).rows.map((row) => row.value)).toEqual([{ first: 'a', third: 'c' }, { first: 'd' }]);
  });
});

describe('broken layouts and wrong use', () => {
  it('column names without a header row, slices past expectLength and shared targets defined twice are compile errors', () => {
    expect(fileProblems({ ...head, format: 'csv', csv: { header: false }, fields: { '/a': { column: 'x' } }, records: [{ name: 'r', match: { column: 'k', equals: 'A' } }] })).toEqual([
      '/fields/~1a/column: field /a names a column, which needs "csv": { "header": true } (or use a 1-based column number)',
      '/records/0/match/column: the match of record r names a column, which needs "csv": { "header": true } (or use a 1-based column number)',
    ]);
    expect(fileProblems({ ...head, format: 'fixed-width', fields: { '/a': { start: 1, length: 2 } }, records: [{ name: 'A', expectLength: 10, fields: { '/a/b': { start: 8, length: 5 } } }] })).toEqual([
      '/records/0/fields/~1a~1b: target /a/b overlaps /a of the fields every record has (/fields)',
      '/records/0/fields/~1a~1b: field /a/b (columns 8-12) ends after the expectLength 10 of record A',
    ]);
  });

  it('parse fields take slices in fixed-width files and columns in CSV files; parse needs a layout format', () => {
    expect(fileProblems({ ...head, format: 'fixed-width', fields: { '/a': { column: 'x' } }, records: [{ name: 'r' }] }))
      .toEqual(['/fields/~1a: needs exactly one source: start and length (a slice) or const (or only a pipe)', '/fields/~1a: unknown property "column"']);
    expect(fileProblems({ ...head, format: 'csv', fields: { '/a': { start: 1, length: 2 } }, records: [{ name: 'r' }] }))
      .toEqual(['/fields/~1a: needs exactly one source: column or const (or only a pipe)', '/fields/~1a: unknown property "start"', '/fields/~1a: unknown property "length"']);
    expect(fileProblems({ ...head, fields: { '/a': { const: 1 } }, records: [{ name: 'r' }] })).toContain(': missing property "format"');
  });

  it('parseWithLayout refuses a mapping that is not a parse layout, and a parse layout cannot render', () => {
    const render = compileMapping({ id: 'out', version: '1', from: 'a', to: 'b', fields: { '/a': { const: 1 } } });
    expect(() => parseWithLayout(render, Buffer.from(''))).toThrow(MappingFileError);
    expect(() => parseWithLayout(render, Buffer.from(''))).toThrow('out is not a parse layout ("direction": "parse")');
    expect(() => ack.render(Buffer.from(''))).toThrow('a parse layout reads files; it cannot render');
    expect(ack.direction).toBe('parse');
    expect(render.direction).toBe('render');
  });

  it('apply() of a parse layout reads bytes or text', () => {
    expect(ack.apply(`${a('X9', 'N', '', 'ZZ')}\n`)).toEqual({ rows: [{ line: 1, record: 'A', value: { id: 'X9', ok: false, qty: 0 } }], problems: [] });
  });
});

describe('parseDate pipe', () => {
  const reader = (pattern: string) => compileMapping({ id: 'p', version: '1', from: 'a', to: 'b', fields: { '/at': { path: '/t', pipe: [{ parseDate: pattern }] } } });

  it('reads text written in a pattern as UTC and gives ISO with milliseconds', () => {
    expect(reader('YYYYMMDDHHmmss').apply({ t: '20261124060512' })).toEqual({ at: '2026-11-24T06:05:12.000Z' });
    expect(reader('DD.MM.YYYY HH:mm').apply({ t: ' 24.11.2026 18:30 ' })).toEqual({ at: '2026-11-24T18:30:00.000Z' });
    expect(reader('YYYYMMDDHHmmssSSS').apply({ t: '20261124060512345' })).toEqual({ at: '2026-11-24T06:05:12.345Z' });
  });

  it('refuses impossible dates and other shapes, and patterns without a date', () => {
    expect(() => reader('YYYYMMDDHHmmss').apply({ t: '20260230120000' })).toThrow('"20260230120000" is not a valid date or time (YYYYMMDDHHmmss)');
    expect(() => reader('YYYYMMDDHHmmss').apply({ t: '2026-11-24' })).toThrow('"2026-11-24" is not a date written as YYYYMMDDHHmmss');
    expect(() => reader('HHmmss')).toThrow('parseDate: the pattern needs YYYY, MM and DD');
  });
});
