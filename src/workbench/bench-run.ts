/**
 * One workbench run: the sample's text read as JSON or XML (./read-sample.ts), then
 * mapped and validated (./run-sample.ts) as an order of the instance it is taken to
 * come from — the one named, if it uses the mapping, else the first that does.
 */
import type { HubConfig } from '../config/hub-config.js';
import type { InboundMapping } from './inbound-mappings.js';
import { documentFields, readMappingDocument } from './mapping-document.js';
import { readSample, sampleKind, type SampleKind } from './read-sample.js';
import { runSample, type MappingRun, type SampleOrigin } from './run-sample.js';

export type BenchRun =
  | { ok: true; kind: SampleKind; data: unknown; run: MappingRun }
  | { ok: false; kind: SampleKind; problem: string };

export async function benchRun(entry: InboundMapping, text: string, origin: SampleOrigin): Promise<BenchRun> {
  const fields = sampleKind(text) === 'xml' ? documentFields(await readMappingDocument(entry.file)) : {};
  const read = readSample(text, fields);
  if (!read.ok) return read;
  return { ...read, run: runSample(entry.mapping, read.data, origin) };
}

/** The instance a sample is taken to come from, as the channel and source of the hub's fields. */
export function sampleOrigin(config: HubConfig, entry: InboundMapping, instanceId: string | undefined): SampleOrigin {
  const id = instanceId && entry.instances.includes(instanceId) ? instanceId : entry.instances[0];
  const instance = id ? config.instances.get(id) : undefined;
  return instance ? { channel: instance.channel ?? 'api', source: instance.id } : { channel: 'api', source: 'workbench' };
}
