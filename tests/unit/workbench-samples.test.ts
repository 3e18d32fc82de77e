/**
 * Workbench samples: a pasted XML document is read as the XML connectors read it (the
 * root's content, the elements the mapping reads as lists always lists), JSON with the
 * intake's bounds; and saving a run as a golden test writes the samples beside a copy
 * of the mapping, adds the test at the end of its `tests` leaving the rest of the file as
 * it was written, and refuses a bad or taken name and a run with problems.
 */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { clearMappingCache, loadMapping, runGoldenTests } from '../../src/mapping/index.js';
import { benchRun } from '../../src/workbench/bench-run.js';
import type { InboundMapping } from '../../src/workbench/inbound-mappings.js';
import { readSample } from '../../src/workbench/read-sample.js';
import { saveGoldenTest } from '../../src/workbench/save-golden-test.js';
import { listElements } from '../../src/workbench/xml-sample.js';
import { copyMapping } from '../support/mapping-copy.js';

const XML_MAPPING = 'mappings/xml-order-to-canonical.json';
const ORIGIN = { channel: 'api', source: 'workbench' } as const;

async function xmlEntry(file = XML_MAPPING): Promise<InboundMapping> {
  return { key: 'xml-order-to-canonical', mapping: await loadMapping(file), file, instances: [] };
}

describe('reading a sample', () => {
  it('reads an Order XML document exactly as the xml-orders connector does', async () => {
    const fields = (JSON.parse(readFileSync(XML_MAPPING, 'utf8')) as { fields: Record<string, never> }).fields;
    expect([...listElements(fields)].sort()).toEqual(['Line', 'Option']);
    for (const name of ['xml-order-1', 'xml-order-jpy-pickup']) {
      const read = readSample(readFileSync(`mappings/samples/${name}.xml`, 'utf8'), fields);
      expect(read).toEqual({ ok: true, kind: 'xml', data: JSON.parse(readFileSync(`mappings/samples/${name}.json`, 'utf8')) });
    }
  });

  it('says why a sample cannot be read', () => {
    expect(readSample('<Order><Open></Order>', {})).toMatchObject({ ok: false, kind: 'xml', problem: expect.stringContaining('cannot be read as XML') });
    expect(readSample('<!DOCTYPE x><x/>', {})).toMatchObject({ ok: false, problem: expect.stringContaining('DOCTYPE') });
    expect(readSample('{"a": [1,', {})).toMatchObject({ ok: false, kind: 'json', problem: expect.stringContaining('not valid JSON') });
    expect(readSample('['.repeat(100), {})).toMatchObject({ ok: false, problem: expect.stringContaining('deeper than') });
  });
});

describe('saving a golden test', () => {
  it('writes an XML sample as the document and what the mapping reads, and the test passes', async () => {
    const copy = copyMapping('xml-order-to-canonical');
    const before = readFileSync(copy.file, 'utf8');
    const entry = await xmlEntry(copy.file);
    const text = readFileSync('mappings/samples/xml-order-1.xml', 'utf8');
    const outcome = await benchRun(entry, text, ORIGIN);
    if (!outcome.ok) throw new Error(outcome.problem);
    const saved = await saveGoldenTest(copy.file, { name: 'pasted-xml', text, kind: outcome.kind, data: outcome.data, run: outcome.run });
    expect(saved).toMatchObject({ ok: true, files: ['samples/pasted-xml.xml', 'samples/pasted-xml.json', 'samples/pasted-xml.canonical.json'] });
    expect(readFileSync(`${copy.folder}/samples/pasted-xml.json`, 'utf8')).toBe(readFileSync('mappings/samples/xml-order-1.json', 'utf8'));
    expect(JSON.parse(readFileSync(`${copy.folder}/samples/pasted-xml.canonical.json`, 'utf8'))).toEqual(JSON.parse(readFileSync('mappings/samples/xml-order-1.canonical.json', 'utf8')));
    const written = readFileSync(copy.file, 'utf8');
    const lastTest = before.lastIndexOf('}', before.lastIndexOf(']'));
    expect(written.startsWith(before.slice(0, lastTest + 1))).toBe(true);
    expect((JSON.parse(written) as { tests: Array<{ name: string }> }).tests.at(-1)).toEqual({ name: 'pasted-xml', input: 'samples/pasted-xml.json', expect: 'samples/pasted-xml.canonical.json' });
    clearMappingCache();
    const results = await runGoldenTests(copy.file);
    expect(results.find((r) => r.name === 'pasted-xml')?.passed).toBe(true);
    expect(results.every((r) => r.passed)).toBe(true);
  });

  it('refuses a bad name, a taken name or sample, and a run with problems, writing nothing', async () => {
    const copy = copyMapping('xml-order-to-canonical');
    const entry = await xmlEntry(copy.file);
    const before = readFileSync(copy.file, 'utf8');
    const text = readFileSync('mappings/samples/xml-order-1.xml', 'utf8');
    const outcome = await benchRun(entry, text, ORIGIN);
    if (!outcome.ok) throw new Error(outcome.problem);
    const save = (name: string, run = outcome.run) => saveGoldenTest(copy.file, { name, text, kind: outcome.kind, data: outcome.data, run });
    expect(await save('Bad_Name')).toMatchObject({ ok: false, status: 400 });
    expect(await save('../up')).toMatchObject({ ok: false, status: 400 });
    expect(await save('xml-order-1')).toMatchObject({ ok: false, status: 409 });
    expect(await save('fine', { ...outcome.run, schemaProblems: [{ pointer: '/lines', message: 'must not have fewer than 1 items' }] })).toMatchObject({ ok: false, status: 422 });
    expect(readFileSync(copy.file, 'utf8')).toBe(before);
    expect(existsSync(`${copy.folder}/samples/fine.json`)).toBe(false);
    const [first, second] = await Promise.all([save('twice'), save('twice')]);
    expect([first.ok, second.ok].sort()).toEqual([false, true]);
    expect((JSON.parse(readFileSync(copy.file, 'utf8')) as { tests: Array<{ name?: string }> }).tests.filter((t) => t.name === 'twice')).toHaveLength(1);
  });
});
