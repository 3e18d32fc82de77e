/**
 * Adding a golden test to a mapping file's text keeps the rest of the file as the
 * integrator wrote it: after existing tests, into an empty `tests`, or as a new `tests`
 * array; only the top-level `tests` counts (not a field of that name, not brackets in
 * strings); text that is not one JSON object is left to the caller.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { insertGoldenTest } from '../../src/workbench/insert-golden-test.js';

const TEST = { name: 'new-one', input: 'samples/new-one.json', expect: 'samples/new-one.canonical.json' };

describe('adding a golden test to a mapping file\'s text', () => {
  it('appends to the tests array and leaves every other byte as it was', () => {
    const text = '{\n  "id": "m",\n  "fields": { "/a": { "path": "/x" }, "/b": { "const": "]}" } },\n  "tests": [\n    { "name": "old", "input": "i.json", "expect": "e.json" }\n  ]\n}\n';
    const out = insertGoldenTest(text, TEST)!;
    expect(out.startsWith('{\n  "id": "m",\n  "fields": { "/a": { "path": "/x" }, "/b": { "const": "]}" } },\n  "tests": [\n    { "name": "old", "input": "i.json", "expect": "e.json" },\n')).toBe(true);
    expect(JSON.parse(out).tests).toEqual([{ name: 'old', input: 'i.json', expect: 'e.json' }, TEST]);
    expect(out.endsWith('\n  ]\n}\n')).toBe(true);
  });

  it('fills an empty tests array, and adds one to a file without', () => {
    expect(JSON.parse(insertGoldenTest('{\n  "id": "m",\n  "tests": []\n}\n', TEST)!).tests).toEqual([TEST]);
    const without = insertGoldenTest('{\n    "id": "m",\n    "fields": {}\n}\n', TEST)!;
    expect(JSON.parse(without)).toEqual({ id: 'm', fields: {}, tests: [TEST] });
    expect(without).toContain('\n    "tests": [\n        {\n            "name": "new-one",');
  });

  it('takes only the top-level tests, whatever the strings and nested keys hold', () => {
    const text = '{"fields": {"/tests": {"path": "/tests"}, "/q": {"const": "say \\"[tests]\\""}}, "tests": [{"name": "a", "input": "[", "expect": "}"}]}';
    expect(JSON.parse(insertGoldenTest(text, TEST)!)).toEqual({
      fields: { '/tests': { path: '/tests' }, '/q': { const: 'say "[tests]"' } },
      tests: [{ name: 'a', input: '[', expect: '}' }, TEST],
    });
  });

  it('keeps a real mapping file\'s layout', () => {
    const text = readFileSync('mappings/x12-850-to-canonical.json', 'utf8');
    const out = insertGoldenTest(text, TEST)!;
    const original = JSON.parse(text) as { tests: unknown[] };
    expect(JSON.parse(out)).toEqual({ ...original, tests: [...original.tests, TEST] });
    const cut = text.lastIndexOf('}', text.lastIndexOf(']'));
    expect(out.startsWith(text.slice(0, cut + 1))).toBe(true);
  });

  it('leaves text that is not one JSON object to the caller', () => {
    expect(insertGoldenTest('{"id": "m"} trailing', TEST)).toBeUndefined();
    expect(insertGoldenTest('{"id": "m"', TEST)).toBeUndefined();
  });
});
