/**
 * A mapping change for tests of mapping versions: a temporary copy of the OMS XML
 * mapping whose version 1.1.0 reads each line's Item from a field the canonical order
 * does not have (optional, so the line goes out without an Item and the OMS refuses the
 * order: "Item is required"), fixed in 1.2.0; and a restart of the test hub on the same
 * configuration, Redis, prefix and port, which is how a hub takes a new mapping version.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pino } from 'pino';
import { runHub } from '../../src/cli/run-hub.js';
import { authHeaders, eventually, type TestHub } from './hub.js';

export const OMS_MAPPING_ID = 'canonical-to-oms-xml';
export const BROKEN = `${OMS_MAPPING_ID}@1.1.0`;
export const FIXED = `${OMS_MAPPING_ID}@1.2.0`;

type MappingDocument = { version: string; fields: Record<string, { fields?: Record<string, unknown> }> };

function omsMapping(version: string, itemPath: string): string {
  const document = JSON.parse(readFileSync(resolve('mappings', `${OMS_MAPPING_ID}.json`), 'utf8')) as MappingDocument;
  document.version = version;
  document.fields['/Lines/Line']!.fields!['/Item'] = { path: itemPath, optional: true };
  return `${JSON.stringify(document, null, 2)}\n`;
}

/** A temporary OMS XML mapping file at the broken version 1.1.0. */
export function brokenOmsMapping(): string {
  const file = join(mkdtempSync(join(tmpdir(), 'hub-mapping-versions-')), `${OMS_MAPPING_ID}.json`);
  writeFileSync(file, omsMapping('1.1.0', '/skuCode'));
  return file;
}

/** The fix, as a new version (1.2.0). */
export function fixOmsMapping(file: string): void {
  writeFileSync(file, omsMapping('1.2.0', '/sku'));
}

/** The same file changed again without a new version (Item from the line id): what a careless edit does. */
export function editWithoutNewVersion(file: string): void {
  writeFileSync(file, omsMapping('1.2.0', '/lineId'));
}

/** The configuration layer that renders oms-main's orders with `file`. */
export function omsMappedWith(file: string): Record<string, unknown> {
  return { instances: { 'oms-main': { mappings: { outbound: file } } } };
}

/** Stops the hub and starts it again on its configuration file; `testHub` then refers to the new one. */
export async function restartTestHub(testHub: TestHub): Promise<void> {
  await testHub.stop();
  const hub = await runHub({ configFile: testHub.configFile, api: true, workers: true, log: pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }) });
  Object.assign(testHub, { hub, url: hub.url!, stop: () => hub.stop() });
}

export interface DeadLetterView {
  id: string;
  orderId: string;
  stage: string;
  instance: string;
  errorCode: string;
  message: string;
  attempts: number;
  mapping?: { id: string; version: string };
}

/** The dead letter of an order, once there is one (optionally: one that passes `check`). */
export async function deadLetterOf(hubUrl: string, orderId: string, check: (letter: DeadLetterView) => boolean = () => true): Promise<DeadLetterView> {
  return eventually(async () => {
    const response = await fetch(`${hubUrl}/api/dead-letters`, { headers: authHeaders() });
    const { deadLetters } = (await response.json()) as { deadLetters: DeadLetterView[] };
    return deadLetters.find((l) => l.orderId === orderId && check(l));
  }, 15_000, `a dead letter of ${orderId}`);
}
