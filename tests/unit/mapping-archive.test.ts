/**
 * Mapping versions: `id@version` references, the content digest (what counts as a change
 * of a mapping), the version of record when a file changed without a new version, the
 * write-once archive in a real Redis, running an archived text again, and what the
 * dead-letter preview shows for each pair of versions (rendered, refused, not kept).
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { compileMapping, formatDiff, type CompiledMapping } from '../../src/mapping/index.js';
import { mappingDigest } from '../../src/mapping/mapping-digest.js';
import { parseMappingRef, refText, sameRef } from '../../src/mapping/mapping-ref.js';
import { compileMappingText, readMappingSource } from '../../src/mapping/mapping-source.js';
import { recordedAs, versionOfRecord } from '../../src/mapping/version-of-record.js';
import type { CanonicalOrder } from '../../src/model/order.js';
import { mappingOfRef } from '../../src/pipeline/pinned-mappings.js';
import type { HubRuntime } from '../../src/pipeline/runtime.js';
import { renderWith } from '../../src/pipeline/version-preview.js';
import type { HubRedis } from '../../src/store/connection.js';
import { Keys } from '../../src/store/keys.js';
import { MappingArchive, type MappingToKeep } from '../../src/store/mapping-archive.js';
import { startRedis, type TestRedis } from '../support/redis.js';

const OMS_XML = resolve('mappings/canonical-to-oms-xml.json');
const ORDER = JSON.parse(readFileSync(resolve('mappings/samples/oms-order-1.canonical.json'), 'utf8')) as CanonicalOrder;

function omsDocument(): Record<string, unknown> {
  return JSON.parse(readFileSync(OMS_XML, 'utf8')) as Record<string, unknown>;
}

/** The OMS XML mapping with its line's Item read from `path` (optional, so a wrong path leaves Item out). */
function withItemFrom(document: Record<string, unknown>, path: string): Record<string, unknown> {
  const copy = structuredClone(document) as { fields: Record<string, { fields: Record<string, unknown> }> };
  copy.fields['/Lines/Line']!.fields['/Item'] = { path, optional: true };
  return copy;
}

describe('mapping references', () => {
  it('reads id@version back, splitting at the first @ (an id cannot hold one)', () => {
    expect(parseMappingRef('canonical-to-oms-xml@1.2.0')).toEqual({ id: 'canonical-to-oms-xml', version: '1.2.0' });
    expect(parseMappingRef('partners/acme@2024-05@hotfix')).toEqual({ id: 'partners/acme', version: '2024-05@hotfix' });
    expect(parseMappingRef('m@1.0.0+3fa2b1c9')).toEqual({ id: 'm', version: '1.0.0+3fa2b1c9' });
    expect(refText({ id: 'm', version: '1' })).toBe('m@1');
  });

  it('refuses what is not one', () => {
    for (const text of ['', 'no-version', '@1.0.0', 'm@', 'm@1 0', '-m@1', `m@${'9'.repeat(81)}`]) expect(parseMappingRef(text), text).toBeUndefined();
  });

  it('compares by id and version', () => {
    expect(sameRef({ id: 'm', version: '1' }, { id: 'm', version: '1' })).toBe(true);
    expect(sameRef({ id: 'm', version: '1' }, { id: 'm', version: '2' })).toBe(false);
    expect(sameRef(undefined, { id: 'm', version: '1' })).toBe(false);
  });
});

describe('the content digest', () => {
  it('ignores golden tests, the description, key order and indentation', () => {
    const document = omsDocument();
    const digest = mappingDigest(document);
    const { tests: _tests, description: _description, ...bare } = document;
    expect(mappingDigest(bare)).toBe(digest);
    expect(mappingDigest({ ...document, tests: [...(document.tests as unknown[]), { name: 'new', input: 'a.json', expect: 'b.xml' }] })).toBe(digest);
    expect(mappingDigest(Object.fromEntries(Object.entries(document).reverse()))).toBe(digest);
    expect(mappingDigest(JSON.parse(JSON.stringify(document)))).toBe(digest);
    expect(digest).toMatch(/^[0-9a-f]{64}$/);
  });

  it('changes with anything that changes what the mapping does', () => {
    const document = omsDocument();
    const digest = mappingDigest(document);
    expect(mappingDigest(withItemFrom(document, '/skuCode'))).not.toBe(digest);
    expect(mappingDigest({ ...document, version: '9.9.9' })).not.toBe(digest);
    expect(mappingDigest({ ...document, maps: { shipVia: { '*': 'GND' } } })).not.toBe(digest);
  });
});

describe('the version of record', () => {
  it('is the declared version unless that version is kept with other content', () => {
    expect(versionOfRecord('1.0.0', 'abcdef0123', undefined)).toBe('1.0.0');
    expect(versionOfRecord('1.0.0', 'abcdef0123', 'abcdef0123')).toBe('1.0.0');
    expect(versionOfRecord('1.0.0', 'abcdef0123', '9999999999')).toBe('1.0.0+abcdef01');
  });

  it('renames a compiled mapping without changing what it does', () => {
    const compiled = compileMapping(omsDocument());
    expect(recordedAs(compiled, compiled.version)).toBe(compiled);
    const renamed = recordedAs(compiled, '1.0.0+abcdef01');
    expect(renamed.version).toBe('1.0.0+abcdef01');
    expect(compiled.version).toBe('1.0.0');
    expect(renamed.render(ORDER).body).toBe(compiled.render(ORDER).body);
  });
});

describe('kept mapping texts', () => {
  it('compile again to the same mapping, from JSON or YAML', async () => {
    const source = await readMappingSource(OMS_XML);
    expect(source.format).toBe('json');
    expect(source.compiled.id).toBe('canonical-to-oms-xml');
    const again = compileMappingText(source.text, 'json', 'kept');
    expect(again.render(ORDER).body).toBe(source.compiled.render(ORDER).body);
    const yaml = compileMappingText(stringify(omsDocument()), 'yaml', 'kept');
    expect(yaml.render(ORDER).body).toBe(source.compiled.render(ORDER).body);
  });

  it('a kept text that no longer parses names what was kept', () => {
    expect(() => compileMappingText('{ not json', 'json', 'm.json (kept as m@1)')).toThrow(/m\.json \(kept as m@1\)/);
  });
});

describe('the mapping archive (real Redis)', () => {
  let redis: TestRedis;
  let archive: MappingArchive;
  let keys: Keys;

  beforeAll(async () => {
    redis = await startRedis();
    keys = new Keys('tarchive');
    archive = new MappingArchive(redis.client() as unknown as HubRedis, keys);
  }, 15_000);

  afterAll(async () => {
    await redis?.stop();
  }, 15_000);

  function toKeep(document: Record<string, unknown>, text = JSON.stringify(document, null, 2)): MappingToKeep {
    return { id: document.id as string, declaredVersion: document.version as string, digest: mappingDigest(document), format: 'json', text, fileName: 'canonical-to-oms-xml.json' };
  }

  it('keeps a version once: a later save with a golden test more keeps the first text', async () => {
    const document = omsDocument();
    const first = await archive.keep(toKeep(document));
    expect(first.version).toBe('1.0.0');
    const withTest = { ...document, tests: [...(document.tests as unknown[]), { name: 'saved', input: 'a.json', expect: 'b.xml' }] };
    const again = await archive.keep(toKeep(withTest));
    expect(again).toEqual(first);
    expect((await archive.get({ id: 'canonical-to-oms-xml', version: '1.0.0' }))?.text).toBe(first.text);
  });

  it('never lets other content alias a kept version: it is kept as version+digest, and stays so at every start', async () => {
    const changed = withItemFrom(omsDocument(), '/skuCode');
    const kept = await archive.keep(toKeep(changed));
    expect(kept.version).toMatch(/^1\.0\.0\+[0-9a-f]{8}$/);
    expect(kept.version).toBe(`1.0.0+${mappingDigest(changed).slice(0, 8)}`);
    expect(kept.declaredVersion).toBe('1.0.0');
    expect(await archive.keep(toKeep(changed))).toEqual(kept);
    expect((await archive.get({ id: 'canonical-to-oms-xml', version: '1.0.0' }))?.digest).toBe(mappingDigest(omsDocument()));
    expect((await archive.get({ id: 'canonical-to-oms-xml', version: kept.version }))?.digest).toBe(mappingDigest(changed));
  });

  it('gives a file changed back its own version again, and lists the versions oldest first', async () => {
    expect((await archive.keep(toKeep(omsDocument()))).version).toBe('1.0.0');
    const next = await archive.keep(toKeep({ ...withItemFrom(omsDocument(), '/sku'), version: '1.1.0' }));
    expect(next.version).toBe('1.1.0');
    const versions = await archive.versions('canonical-to-oms-xml');
    expect(versions[0]).toBe('1.0.0');
    expect(versions).toHaveLength(3);
    expect(versions.at(-1)).toBe('1.1.0');
    expect(await archive.get({ id: 'canonical-to-oms-xml', version: '7.0.0' })).toBeUndefined();
    expect(await archive.versions('no-such-mapping')).toEqual([]);
  });

  it('runs an archived version for a pinned job, and finds a version kept after a first miss', async () => {
    const runtime = { mappingArchive: archive } as unknown as HubRuntime;
    const live = compileMapping({ ...omsDocument(), version: '2.0.0' });
    expect(await mappingOfRef(runtime, { id: 'canonical-to-oms-xml', version: '2.0.0' }, live)).toBe(live);
    const old = await mappingOfRef(runtime, { id: 'canonical-to-oms-xml', version: '1.0.0' }, live);
    expect(old?.version).toBe('1.0.0');
    expect(old?.render(ORDER).body).toBe(compileMapping(omsDocument()).render(ORDER).body);
    expect(await mappingOfRef(runtime, { id: 'canonical-to-oms-xml', version: '3.0.0' }, live)).toBeUndefined();
    await archive.keep(toKeep({ ...omsDocument(), version: '3.0.0' }));
    expect((await mappingOfRef(runtime, { id: 'canonical-to-oms-xml', version: '3.0.0' }, live))?.version).toBe('3.0.0');
  });
});

describe('what the preview shows for two versions', () => {
  const fixed = compileMapping(omsDocument());
  const broken = compileMapping(withItemFrom(omsDocument(), '/skuCode'));
  const refusing = compileMapping({ ...omsDocument(), fields: { ...(omsDocument().fields as object), '/Header/Missing': { path: '/no/such/field' } } });

  function ref(mapping: CompiledMapping) {
    return { id: mapping.id, version: mapping.version };
  }

  it('a rendered payload against another: only the lines that differ', () => {
    const old = renderWith(ref(broken), broken, ORDER);
    const current = renderWith(ref(fixed), fixed, ORDER);
    expect(old.outcome).toBe('rendered');
    expect(old.contentType).toContain('xml');
    expect(old.body).not.toContain('<Item>');
    const diff = formatDiff(old.text, current.text);
    expect(diff).toMatch(/^@@ line \d+ @@/);
    expect(diff.split('\n').filter((l) => l.startsWith('+ '))).toEqual(expect.arrayContaining([expect.stringContaining('<Item>')]));
    expect(diff.split('\n').filter((l) => l.startsWith('- '))).toEqual([]);
  });

  it('the same version renders the same: an empty diff', () => {
    const render = renderWith(ref(fixed), fixed, ORDER);
    expect(formatDiff(render.text, renderWith(ref(fixed), fixed, ORDER).text)).toBe('');
  });

  it('a version that refuses the order shows the mapping\'s reason, diffed like a payload', () => {
    const old = renderWith(ref(refusing), refusing, ORDER);
    expect(old.outcome).toBe('failed');
    expect(old.body).toBeUndefined();
    expect(old.error).toContain('/Header/Missing');
    expect(old.text).toBe(old.error);
    expect(formatDiff(old.text, renderWith(ref(fixed), fixed, ORDER).text)).toContain('- the mapping refused the order');
  });

  it('a version the archive does not keep says so', () => {
    const gone = renderWith({ id: 'canonical-to-oms-xml', version: '0.9.0' }, undefined, ORDER);
    expect(gone).toMatchObject({ outcome: 'unavailable', ref: 'canonical-to-oms-xml@0.9.0' });
    expect(gone.error).toContain('not in the hub\'s mapping archive');
  });
});

describe('a mapping file read for the archive', () => {
  it('names the file when it is not a mapping file', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'hub-archive-'));
    writeFileSync(join(folder, 'm.txt'), 'text');
    writeFileSync(join(folder, 'bad.json'), '{');
    await expect(readMappingSource(join(folder, 'm.txt'))).rejects.toThrow(/must be \.json, \.yaml or \.yml/);
    await expect(readMappingSource(join(folder, 'bad.json'))).rejects.toThrow(/bad\.json/);
    await expect(readMappingSource(join(folder, 'missing.json'))).rejects.toThrow(/cannot read/);
  });
});
