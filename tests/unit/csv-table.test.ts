/**
 * readCsvTable: a CSV sheet with a header row, as spreadsheets export it, into one object
 * per row: the delimiter guessed from the header line, UTF-8 with or without a BOM or
 * Windows-1252, RFC 4180 quoting, normalised column names, and every problem named by
 * its line.
 */
import { describe, expect, it } from 'vitest';
import { readCsvTable } from '../../src/sdk/csv-table.js';

const utf8 = (text: string) => Buffer.from(text, 'utf8');
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

describe('readCsvTable delimiters', () => {
  it.each([
    ['comma', 'sku,quantity,unit_price\nSKU-1,2,24.90\n'],
    ['semicolon', 'sku;quantity;unit_price\nSKU-1;2;24.90\n'],
    ['tab', 'sku\tquantity\tunit_price\nSKU-1\t2\t24.90\n'],
  ])('reads a %s-delimited sheet', (_name, text) => {
    expect(readCsvTable(utf8(text))).toEqual({
      columns: ['sku', 'quantity', 'unit_price'],
      rows: [{ line: 2, cells: { sku: 'SKU-1', quantity: '2', unit_price: '24.90' } }],
      problems: [],
    });
  });

  it('takes the delimiter the header line uses most, so commas inside semicolon cells stay in the cell', () => {
    const table = readCsvTable(utf8('sku;description;unit_price\nSKU-1;Red blouse, size M;24,90\n'));
    expect(table.rows[0]!.cells).toEqual({ sku: 'SKU-1', description: 'Red blouse, size M', unit_price: '24,90' });
  });

  it('guesses from the header line only, not from the data', () => {
    const table = readCsvTable(utf8('sku\tdescription\nA\tx;y;z,w\n'));
    expect(table.rows[0]!.cells).toEqual({ sku: 'A', description: 'x;y;z,w' });
  });

  it('reads a one-column sheet (no delimiter in the header) as comma-separated', () => {
    expect(readCsvTable(utf8('sku\nSKU-1\nSKU-2\n')).rows.map((row) => row.cells)).toEqual([{ sku: 'SKU-1' }, { sku: 'SKU-2' }]);
  });

  it('uses the delimiter it is given instead of guessing', () => {
    const table = readCsvTable(utf8('a,b;c\n1,2;3\n'), { delimiter: ';' });
    expect(table.columns).toEqual(['a,b', 'c']);
    expect(table.rows[0]!.cells).toEqual({ 'a,b': '1,2', c: '3' });
  });

  it('reads CRLF line ends as LF ones', () => {
    expect(readCsvTable(utf8('sku,quantity\r\nA,1\r\nB,2\r\n'))).toEqual(readCsvTable(utf8('sku,quantity\nA,1\nB,2\n')));
  });
});

describe('readCsvTable encodings', () => {
  it('strips a UTF-8 byte order mark, so the first column is named as written', () => {
    const table = readCsvTable(Buffer.concat([BOM, utf8('sku,name\nSKU-1,Jürgen Müller\n')]));
    expect(table.columns).toEqual(['sku', 'name']);
    expect(table.rows[0]!.cells).toEqual({ sku: 'SKU-1', name: 'Jürgen Müller' });
  });

  it('reads UTF-8 without a BOM', () => {
    expect(readCsvTable(utf8('city\nMünchen €\n')).rows[0]!.cells.city).toBe('München €');
  });

  it('reads bytes that are not UTF-8 as Windows-1252 (0xE9 → é), as Excel saves them', () => {
    const bytes = Buffer.from('name;city\nCaf\xe9 M\xfcller;K\xf6ln\n', 'latin1');
    expect([...bytes.subarray(10, 14)]).toEqual([0x43, 0x61, 0x66, 0xe9]);
    const table = readCsvTable(bytes);
    expect(table.problems).toEqual([]);
    expect(table.rows[0]!.cells).toEqual({ name: 'Café Müller', city: 'Köln' });
  });

  // Some Node releases decode 'windows-1252' 0x80–0x9F as C1 control characters
  // (nodejs/node#56542, #60888); csv-table.ts maps that range itself.
  it('reads the Windows-1252 euro sign, curly quotes and en dash (0x80, 0x93, 0x94, 0x96)', () => {
    const table = readCsvTable(Buffer.from('description;unit_price\n\x93Caf\xe9\x94 \x96 beans;\x8024,90\n', 'latin1'));
    expect(table.rows[0]!.cells).toEqual({ description: '“Café” – beans', unit_price: '€24,90' });
  });
});

describe('readCsvTable quoting', () => {
  it('keeps delimiters, doubled quotes and line breaks inside quoted cells, and numbers rows by the line they start on', () => {
    const table = readCsvTable(utf8('sku,description,quantity\nA,"Red, big ""classic""\nsecond line",2\nB,"x;y",3\n'));
    expect(table.problems).toEqual([]);
    expect(table.rows).toEqual([
      { line: 2, cells: { sku: 'A', description: 'Red, big "classic"\nsecond line', quantity: '2' } },
      { line: 4, cells: { sku: 'B', description: 'x;y', quantity: '3' } },
    ]);
  });

  it('reads quoted decimal commas in a comma sheet', () => {
    expect(readCsvTable(utf8('sku,unit_price\nA,"1249,95"\n')).rows[0]!.cells).toEqual({ sku: 'A', unit_price: '1249,95' });
  });

  it('names the line of a malformed row, skips it and reads on', () => {
    const table = readCsvTable(utf8('sku,description\nA,x"y\nB,ok\n'));
    expect(table.problems).toEqual(['line 2: a " inside a cell that does not start with one']);
    expect(table.rows).toEqual([{ line: 3, cells: { sku: 'B', description: 'ok' } }]);
  });
});

describe('readCsvTable columns and rows', () => {
  it('normalises column names: trimmed, lower case, runs of spaces as one _', () => {
    const table = readCsvTable(utf8(' Unit Price ;Street 2;SKU;Unit  Of\tMeasure\n24,90;Flat 3;A;pc\n'));
    expect(table.columns).toEqual(['unit_price', 'street_2', 'sku', 'unit_of_measure']);
    expect(table.rows[0]!.cells).toEqual({ unit_price: '24,90', street_2: 'Flat 3', sku: 'A', unit_of_measure: 'pc' });
  });

  it('keeps cell text as written (no trimming) and fills missing trailing cells with ""', () => {
    const table = readCsvTable(utf8('sku,quantity,unit_price\n SKU-1 , 2 \nSKU-2\n'));
    expect(table.problems).toEqual([]);
    expect(table.rows.map((row) => row.cells)).toEqual([
      { sku: ' SKU-1 ', quantity: ' 2 ', unit_price: '' },
      { sku: 'SKU-2', quantity: '', unit_price: '' },
    ]);
  });

  it('skips blank lines, keeping the line numbers of the file', () => {
    const table = readCsvTable(utf8('sku,quantity\n\nA,1\n\n\nB,2\n'));
    expect(table.rows.map((row) => row.line)).toEqual([3, 6]);
  });

  it('reports a row with more cells than columns by its line (after a multi-line cell), and keeps the named cells', () => {
    const table = readCsvTable(utf8('sku,description\nA,"two\nlines"\nB,x,extra,more\nC,y\n'));
    expect(table.problems).toEqual(['line 4: 4 cells but the header names 2 columns']);
    expect(table.rows).toEqual([
      { line: 2, cells: { sku: 'A', description: 'two\nlines' } },
      { line: 4, cells: { sku: 'B', description: 'x' } },
      { line: 5, cells: { sku: 'C', description: 'y' } },
    ]);
  });

  it('has a header and no rows for a header-only sheet, without a problem', () => {
    expect(readCsvTable(utf8('sku,quantity\n'))).toEqual({ columns: ['sku', 'quantity'], rows: [], problems: [] });
  });

  it.each([
    ['an empty file', Buffer.alloc(0)],
    ['only a BOM', BOM],
    ['only blank lines', utf8('\n\r\n\n')],
  ])('reports no header row for %s', (_name, bytes) => {
    expect(readCsvTable(bytes)).toEqual({ columns: [], rows: [], problems: ['the file has no header row'] });
  });
});

describe('readCsvTable maxRows', () => {
  const sheet = (rows: number) => utf8(['sku', ...Array.from({ length: rows }, (_, i) => `SKU-${i + 1}`)].join('\n'));

  it('reads up to maxRows rows without a problem', () => {
    const table = readCsvTable(sheet(3), { maxRows: 3 });
    expect(table.rows).toHaveLength(3);
    expect(table.problems).toEqual([]);
  });

  it('reads the first maxRows rows of a longer sheet and says how many there were', () => {
    const table = readCsvTable(sheet(5), { maxRows: 2 });
    expect(table.rows.map((row) => row.cells.sku)).toEqual(['SKU-1', 'SKU-2']);
    expect(table.problems).toEqual(['the file has 5 rows; at most 2 are read']);
  });

  it('reads at most 10,000 rows by default', () => {
    expect(readCsvTable(sheet(10_000)).problems).toEqual([]);
    const table = readCsvTable(sheet(10_001));
    expect(table.rows).toHaveLength(10_000);
    expect(table.problems).toEqual(['the file has 10001 rows; at most 10000 are read']);
  });

  it('does not report cell-count problems of rows beyond maxRows', () => {
    const table = readCsvTable(utf8('sku\nA\nB\nC,extra\n'), { maxRows: 2 });
    expect(table.problems).toEqual(['the file has 3 rows; at most 2 are read']);
  });
});
