/**
 * The inbound mappings the workbench offers: every file the configured instances map
 * orders with (`mappings.inbound`, `mappings.forms`), and every other `*.json` in the
 * same folders whose `to` is the canonical order. Each comes with the instances that
 * use it; a file that does not load is listed apart, with why. Files the instances use
 * come first, so when two files share an id, the one in use keeps it as its key.
 */
import { readdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { HubConfig, InstanceConfig } from '../config/hub-config.js';
import { loadMapping, MappingFileError, type CompiledMapping } from '../mapping/index.js';
import { readDataFile } from '../mapping/read-data-file.js';
import { CANONICAL_SCHEMA_ID } from '../model/order.js';

export interface InboundMapping {
  /** How the workbench names it: the mapping's id, `<id>.2`… for a later file with the same id. */
  key: string;
  mapping: CompiledMapping;
  /** Absolute path of the mapping file. */
  file: string;
  /** Instances that map orders with it, as their inbound mapping or one of their forms. */
  instances: string[];
}

export interface InboundMappings {
  mappings: InboundMapping[];
  unreadable: Array<{ file: string; problem: string }>;
}

export async function findInboundMappings(config: HubConfig): Promise<InboundMappings> {
  const users = mappingUsers(config);
  const files = [...users.keys()];
  for (const folder of new Set(files.map((file) => dirname(file)))) {
    for (const file of await canonicalMappingsIn(folder)) if (!users.has(file)) files.push(file);
  }
  const found: InboundMappings = { mappings: [], unreadable: [] };
  const seen = new Map<string, number>();
  for (const file of files) {
    try {
      const mapping = await loadMapping(file);
      const count = (seen.get(mapping.id) ?? 0) + 1;
      seen.set(mapping.id, count);
      found.mappings.push({ key: count === 1 ? mapping.id : `${mapping.id}.${count}`, mapping, file, instances: users.get(file) ?? [] });
    } catch (error) {
      if (!(error instanceof MappingFileError)) throw error;
      found.unreadable.push({ file, problem: error.message });
    }
  }
  found.mappings.sort((a, b) => a.key.localeCompare(b.key));
  return found;
}

/** The inbound mapping the workbench names `key`, or undefined. */
export async function findInboundMapping(config: HubConfig, key: string): Promise<InboundMapping | undefined> {
  return (await findInboundMappings(config)).mappings.find((m) => m.key === key);
}

/** Mapping file → the instances that map orders with it. */
function mappingUsers(config: HubConfig): Map<string, string[]> {
  const users = new Map<string, string[]>();
  for (const instance of config.instances.values()) {
    for (const file of inboundFiles(instance)) users.set(file, [...(users.get(file) ?? []), instance.id]);
  }
  return users;
}

function inboundFiles(instance: InstanceConfig): Set<string> {
  const { inbound, forms } = instance.mappings;
  return new Set([...(inbound ? [inbound] : []), ...Object.values(forms ?? {})]);
}

/** The `*.json` files of a folder whose `to` is the canonical order (sorted by name). */
async function canonicalMappingsIn(folder: string): Promise<string[]> {
  const names = await readdir(folder).catch(() => [] as string[]);
  const files: string[] = [];
  for (const name of names.filter((n) => n.endsWith('.json')).sort()) {
    const document = await readDataFile(join(folder, name)).catch(() => undefined);
    if (isCanonicalMapping(document)) files.push(join(folder, name));
  }
  return files;
}

function isCanonicalMapping(document: unknown): boolean {
  return typeof document === 'object' && document !== null && (document as { to?: unknown }).to === CANONICAL_SCHEMA_ID;
}
