/**
 * A copy of one of the repository's mapping files with the samples of its golden tests,
 * in a fresh temporary `mappings/` folder, for tests that write golden tests: a hub
 * configured with the copy saves there, never into the repository's `mappings/`.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

export interface MappingCopy {
  /** The temporary mappings folder. */
  folder: string;
  /** The copied mapping file. */
  file: string;
}

export function copyMapping(name: string): MappingCopy {
  const folder = join(mkdtempSync(join(tmpdir(), 'hub-mappings-')), 'mappings');
  const source = resolve('mappings', `${name}.json`);
  const file = join(folder, `${name}.json`);
  mkdirSync(join(folder, 'samples'), { recursive: true });
  copyFileSync(source, file);
  const tests = (JSON.parse(readFileSync(source, 'utf8')) as { tests?: Array<{ input?: string; expect?: string }> }).tests ?? [];
  for (const sample of tests.flatMap((t) => [t.input, t.expect]).filter((s): s is string => Boolean(s))) {
    mkdirSync(dirname(join(folder, sample)), { recursive: true });
    copyFileSync(resolve('mappings', sample), join(folder, sample));
  }
  return { folder, file };
}

/** The test hub's configuration layer that maps the web shop's orders with the copy. */
export function webShopMappedWith(copy: MappingCopy): Record<string, unknown> {
  return { instances: { 'web-shop': { mappings: { inbound: copy.file } } } };
}
