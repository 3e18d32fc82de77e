/**
 * Golden tests of layouts: batch inputs assembled from order samples, expected files
 * compared byte for byte (with a readable diff of the decoded text, line endings shown),
 * expected refusals (`expectError`), and parse samples with and without problems.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatGoldenReport, runGoldenTests } from '../../src/mapping/index.js';

let dir: string;

const layout = {
  id: 'golden-fixed', version: '1', from: 'batch', to: 'file', format: 'fixed-width', encoding: 'latin1', lineEnding: '\r\n', fields: {},
  records: [
    { name: 'H', once: 'start', fields: [{ name: 'type', start: 1, length: 1, const: 'H' }, { name: 'batch', start: 2, length: 4, path: '/batch/id' }] },
    { name: 'O', each: '/orders', fields: [{ name: 'type', start: 1, length: 1, const: 'O' }, { name: 'name', start: 2, length: 6, path: '/name' }] },
    { name: 'T', once: 'end', fields: [{ name: 'type', start: 1, length: 1, const: 'T' }, { name: 'count', start: 2, length: 4, aggregate: { count: 'O' } }] },
  ],
};

async function write(name: string, content: string | Buffer | object): Promise<string> {
  const file = join(dir, name);
  await writeFile(file, typeof content === 'string' || Buffer.isBuffer(content) ? content : JSON.stringify(content));
  return file;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mapping-layout-golden-'));
  await write('zoe.json', { name: 'Zoé' });
  await write('ann.json', { name: 'Ann' });
  await write('lukasz.json', { name: 'Łukasz' });
  await write('right.txt', Buffer.from('HB001\r\nOZoé   \r\nOAnn   \r\nT0002\r\n', 'latin1'));
  await write('lf.txt', Buffer.from('HB001\nOZoé   \nOAnn   \nT0002\n', 'latin1'));
  await write('utf8.txt', Buffer.from('HB001\r\nOZoé   \r\nOAnn   \r\nT0002\r\n', 'utf8'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('render layouts', () => {
  it('assemble the batch from order samples and compare the exact bytes; a failure diffs the decoded text', async () => {
    const batch = { id: 'B001', createdAt: '2026-11-24T06:00:00Z' };
    const file = await write('fixed.json', {
      ...layout,
      tests: [
        { name: 'exact', batch, orders: ['zoe.json', 'ann.json'], expect: 'right.txt' },
        { name: 'LF instead of CRLF', batch, orders: ['zoe.json', 'ann.json'], expect: 'lf.txt' },
        { name: 'UTF-8 instead of latin1', batch, orders: ['zoe.json', 'ann.json'], expect: 'utf8.txt' },
      ],
    });
    const results = await runGoldenTests(file);
    expect(results.map((result) => [result.name, result.passed])).toEqual([['exact', true], ['LF instead of CRLF', false], ['UTF-8 instead of latin1', false]]);
    expect(results[0]!.input).toBe('batch B001 of zoe.json, ann.json');
    const report = formatGoldenReport(results);
    expect(report).toContain('    - HB001\n    - OZoé   \n    - OAnn   \n    - T0002\n    + HB001␍\n    + OZoé   ␍');
    expect(report).toContain('    - OZoÃ©   ␍\n    + OZoé   ␍');
    expect(report).toMatch(/1 of 3 pass$/);
  });

  it('expectError passes on a refusal containing the text, and fails when the input is accepted or refused otherwise', async () => {
    const batch = { id: 'B002', createdAt: '2026-11-24T06:00:00Z' };
    const file = await write('refusals.json', {
      ...layout,
      tests: [
        { name: 'refused as expected', batch, orders: ['ann.json', 'lukasz.json'], expectError: 'record 3 (O) field name: "Ł" (U+0141) cannot be written in ISO-8859-1' },
        { name: 'accepted', batch, orders: ['ann.json'], expectError: 'cannot be written' },
        { name: 'refused otherwise', batch, orders: ['lukasz.json'], expectError: 'record 9 (O)' },
      ],
    });
    const results = await runGoldenTests(file);
    expect(results.map((result) => [result.name, result.passed])).toEqual([['refused as expected', true], ['accepted', false], ['refused otherwise', false]]);
    expect(results[0]!.expect).toBe('error: record 3 (O) field name: "Ł" (U+0141) cannot be written in ISO-8859-1');
    expect(results[1]!.error).toBe('expected a refusal containing "cannot be written", but the input was accepted');
    const report = formatGoldenReport(results);
    expect(report).toContain('    - refused with: record 9 (O)');
    expect(report).toContain('    + refused with: golden-fixed: record 2 (O) field name: "Ł" (U+0141) cannot be written in ISO-8859-1');
  });

  it('a test needs one input and one expectation', async () => {
    const file = await write('bad-tests.json', { ...layout, tests: [{ input: 'a.json', orders: ['b.json'], batch: { id: 'x', createdAt: 'y' }, expect: 'c.txt', expectError: 'z' }] });
    await expect(runGoldenTests(file)).rejects.toThrow(/\/tests\/0: needs exactly one input: input \(a sample file\) or orders with batch/);
    await expect(runGoldenTests(file)).rejects.toThrow(/\/tests\/0: needs exactly one of expect/);
  });
});

describe('parse layouts', () => {
  it('an expected list is the rows\' values and there must be no problems; an object also lists the problems', async () => {
    await write('ack.txt', Buffer.from('A01Y\r\n\r\nA02N\r\nA03?\r\n', 'latin1'));
    await write('ack-good.txt', Buffer.from('A01Y\nA02N\n', 'latin1'));
    await write('values.json', [{ id: '01', ok: true }, { id: '02', ok: false }]);
    await write('with-problems.json', {
      rows: [{ id: '01', ok: true }, { id: '02', ok: false }],
      problems: [{ line: 4, record: 'A', field: '/ok', message: 'column 4: "?" is not in the inline map (and it has no "*" fallback)' }],
    });
    const file = await write('ack.json', {
      id: 'golden-ack', version: '1', from: 'ack', to: 'rows', direction: 'parse', format: 'fixed-width', encoding: 'latin1', fields: {},
      records: [{ name: 'A', match: { start: 1, length: 1, equals: 'A' }, fields: { '/id': { start: 2, length: 2 }, '/ok': { start: 4, length: 1, pipe: [{ map: { Y: true, N: false } }] } } }],
      tests: [
        { name: 'clean', input: 'ack-good.txt', expect: 'values.json' },
        { name: 'problems listed', input: 'ack.txt', expect: 'with-problems.json' },
        { name: 'problems not expected', input: 'ack.txt', expect: 'values.json' },
      ],
    });
    const results = await runGoldenTests(file);
    expect(results.map((result) => [result.name, result.passed])).toEqual([['clean', true], ['problems listed', true], ['problems not expected', false]]);
    expect(results[2]!.error).toBe('the file has problems:\nline 4 (A) field /ok: column 4: "?" is not in the inline map (and it has no "*" fallback)');
  });
});
