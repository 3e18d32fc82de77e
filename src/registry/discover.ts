/**
 * Finds connectors: every folder under `connectors/` with an `index.ts` (or built
 * `index.js`) whose default export is a connector definition. The core knows
 * connectors only through this registry and never imports one by name.
 */
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { ConnectorDefinition } from '../sdk/connector.js';

export interface ConnectorRegistry {
  get(id: string): ConnectorDefinition | undefined;
  list(): ConnectorDefinition[];
}

const here = dirname(fileURLToPath(import.meta.url));
const runningFromSource = import.meta.url.endsWith('.ts');

/** `connectors/` beside `src/` (works from the source tree and from `dist/`). */
export function defaultConnectorsDir(): string {
  return resolve(here, '..', '..', 'connectors');
}

export async function discoverConnectors(dir = defaultConnectorsDir()): Promise<ConnectorRegistry> {
  const definitions = new Map<string, ConnectorDefinition>();
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const file = entryFile(join(dir, entry.name));
    if (!file) continue;
    const module = (await import(pathToFileURL(file).href)) as { default?: unknown };
    definitions.set(entry.name, checkDefinition(module.default, entry.name, file));
  }
  return {
    get: (id) => definitions.get(id),
    list: () => [...definitions.values()],
  };
}

function entryFile(folder: string): string | undefined {
  const candidates = runningFromSource ? ['index.ts', 'index.js'] : ['index.js', 'index.ts'];
  return candidates.map((name) => join(folder, name)).find((path) => existsSync(path));
}

function checkDefinition(value: unknown, folder: string, file: string): ConnectorDefinition {
  const definition = value as Partial<ConnectorDefinition> | undefined;
  const problems: string[] = [];
  if (!definition || typeof definition !== 'object') problems.push('has no default export from defineConnector(...)');
  else {
    if (definition.id !== folder) problems.push(`id "${String(definition.id)}" must equal its folder name "${folder}"`);
    if (typeof definition.create !== 'function') problems.push('has no create() function');
    if (typeof definition.configSchema !== 'object') problems.push('has no configSchema');
    if (!Array.isArray(definition.roles) || definition.roles.length === 0) problems.push('declares no roles');
  }
  if (problems.length > 0) throw new Error(`connector ${file} ${problems.join('; ')}`);
  return definition as ConnectorDefinition;
}
