/**
 * Refused mapping files: schema problems and compile problems name the file, the JSON
 * pointer in it and the reason; loading reads JSON and YAML and names the file on errors.
 */
import { mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clearMappingCache, compileMapping, loadMapping, MappingFileError, mappingFileSchema } from '../../src/mapping/index.js';

const base = { id: 'm', version: '1', from: 'a', to: 'b' };

function compileProblems(document: unknown, file = 'mappings/bad.json') {
  try {
    compileMapping(document, { file });
  } catch (error) {
    if (error instanceof MappingFileError) return error;
    throw error;
  }
  throw new Error('expected a MappingFileError');
}

describe('schema validation', () => {
  it('exports a draft 2020-12 schema', () => {
    expect(mappingFileSchema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(mappingFileSchema.required).toEqual(['id', 'version', 'from', 'to', 'fields']);
  });

  it('names the file, the pointer and the reason for every problem', () => {
    const error = compileProblems({
      id: 'm', version: '1', from: 'a',
      fields: {
        '/a': { path: '/a', pipee: ['trim'] },
        '/b': {},
        '/c': { path: '/c', const: 1 },
        '/d': { path: 'no-slash' },
        '/e': { path: '/e', when: { path: '/x' } },
        '/f': { each: '/items' },
        'g': { path: '/g' },
      },
    });
    expect(error.problems.map((p) => `${p.path}: ${p.message}`)).toEqual(expect.arrayContaining([
      ': missing property "to"',
      '/fields/~1a: unknown property "pipee"',
      '/fields/~1b: needs exactly one source: path, first, concat, const, each or with (or only a pipe such as lineNumber)',
      '/fields/~1c: needs exactly one source: path, first, concat, const, each or with (or only a pipe such as lineNumber)',
      '/fields/~1d/path: must be a JSON pointer such as /customer/email (or $/currency to read from the document root)',
      '/fields/~1e/when: needs exactly one of exists, equals, in, notEmpty, all, any or not',
      '/fields/~1f: "each" also needs "fields"',
    ]));
    expect(error.problems).toContainEqual({
      file: 'mappings/bad.json', path: '/fields/g', message: '"g" is not a valid key: must be a target JSON pointer such as /customer/email (never __proto__)',
    });
    expect(error.problems.every((p) => p.file === 'mappings/bad.json')).toBe(true);
    expect(error.message).toContain('mappings/bad.json /fields/~1a: unknown property "pipee"');
  });

  it('refuses a pipe step with two keys and an xml format without its block', () => {
    const error = compileProblems({ ...base, format: 'xml', fields: { '/a': { path: '/a', pipe: [{ trim: 1, upper: 1 }] } } });
    expect(error.problems.map((p) => `${p.path}: ${p.message}`)).toEqual(expect.arrayContaining([
      ': missing property "xml"',
      '/fields/~1a/pipe/0: must be a pipe name or a one-key object { "name": argument }',
    ]));
  });

  it('refuses __proto__ as a target', () => {
    const error = compileProblems({ ...base, fields: { '/__proto__/x': { const: 1 } } });
    expect(error.problems).toEqual([{
      file: 'mappings/bad.json', path: '/fields/~1__proto__~1x', message: expect.stringMatching(/^"\/__proto__\/x" is not a valid key/),
    }]);
  });
});

describe('compile problems', () => {
  it('unknown pipes, bad arguments and unknown tables name the field', () => {
    const error = compileProblems({
      ...base,
      maps: { shipVia: { '*': 'GND' } },
      fields: {
        '/email': { path: '/email', pipe: ['trim', 'lowr'] },
        '/lines': { each: '/items', fields: { '/price': { path: '/p', pipe: [{ minor: { curency: 'USD' } }] } } },
        '/via': { path: '/v', pipe: [{ map: 'shipvia' }] },
        '/n': { pipe: ['lineNumber'] },
        '/trimmed': { path: '/t', pipe: [{ trim: true }] },
      },
    });
    expect(error.problems.map((p) => `${p.path}: ${p.message}`)).toEqual([
      expect.stringMatching(/^\/fields\/~1email\/pipe\/1: unknown pipe "lowr" \(known: .*lower.*\) \(field \/email\)$/),
      '/fields/~1lines/fields/~1price/pipe/0: minor: bad argument: needs exactly one of currency (e.g. "USD") or currencyPath (e.g. "$/currency"); unknown property "curency" (field /price)',
      '/fields/~1via/pipe/0: map: no table "shipvia" in maps (known: shipVia) (field /via)',
      '/fields/~1n/pipe/0: lineNumber: only means something inside an each group (field /n)',
      '/fields/~1trimmed/pipe/0: trim: takes no argument; write it as a plain name (field /trimmed)',
    ]);
  });

  it('overlapping targets and bad XML names are refused', () => {
    expect(compileProblems({ ...base, fields: { '/a/b': { const: 1 }, '/a': { const: 2 } } }).problems[0]).toEqual({
      file: 'mappings/bad.json', path: '/fields/~1a', message: 'target /a overlaps target /a/b',
    });
    const xml = compileProblems({ ...base, format: 'xml', xml: { root: 'R' }, fields: { '/Bad Name': { const: 1 } } });
    expect(xml.problems[0]!.message).toBe('"Bad Name" is not an XML element or attribute name (target /Bad Name)');
  });

  it('an invalid regular expression is a compile problem, not a runtime crash', () => {
    const error = compileProblems({ ...base, fields: { '/a': { path: '/a', pipe: [{ replace: { pattern: '([' } }] } } });
    expect(error.problems[0]!.message).toMatch(/^replace: bad pattern: /);
  });

  it('a mapping compiled from memory is named <inline mapping>', () => {
    expect(() => compileMapping({ ...base })).toThrow('<inline mapping> /: missing property "fields"');
  });
});

describe('loadMapping', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mapping-load-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reads YAML mapping files', async () => {
    const file = join(dir, 'upper.yaml');
    await writeFile(file, 'id: upper\nversion: "2"\nfrom: a\nto: b\nfields:\n  /name:\n    path: /name\n    pipe: [trim, upper]\n');
    const mapping = await loadMapping(file);
    expect(mapping.id).toBe('upper');
    expect(mapping.baseDir).toBe(dir);
    expect(mapping.apply({ name: ' ada ' })).toEqual({ name: 'ADA' });
  });

  it('caches by path and recompiles an edited file', async () => {
    const file = join(dir, 'cached.json');
    await writeFile(file, JSON.stringify({ ...base, fields: { '/v': { const: 1 } } }));
    const first = await loadMapping(file);
    expect(await loadMapping(file)).toBe(first);
    await writeFile(file, JSON.stringify({ ...base, fields: { '/v': { const: 2 } } }));
    const later = new Date(Date.now() + 5000);
    await utimes(file, later, later);
    const second = await loadMapping(file);
    expect(second).not.toBe(first);
    expect(second.apply({})).toEqual({ v: 2 });
    clearMappingCache();
    expect(await loadMapping(file)).not.toBe(second);
  });

  it('names the file when it is not valid JSON, missing or schema-invalid', async () => {
    const broken = join(dir, 'broken.json');
    await writeFile(broken, '{ "id": ');
    await expect(loadMapping(broken)).rejects.toThrow(`${broken} /: not valid JSON`);
    await expect(loadMapping(join(dir, 'missing.json'))).rejects.toThrow(/missing\.json \/: cannot read/);
    const invalid = join(dir, 'invalid.yml');
    await writeFile(invalid, 'id: x\nversion: "1"\nfrom: a\nto: b\nfields:\n  /a: { path: /a, optinal: true }\n');
    await expect(loadMapping(invalid)).rejects.toThrow(`${invalid} /fields/~1a: unknown property "optinal"`);
  });
});
