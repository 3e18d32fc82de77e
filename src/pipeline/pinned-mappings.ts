/**
 * The mapping a job pinned to `id@version` runs with: the instance's own when that is
 * the version loaded now, else the text the mapping archive keeps under it, compiled once
 * per process (the archive is write-once, so a compiled version never goes stale).
 */
import { type CompiledMapping, refText, sameRef, type MappingRef, compileMappingText, recordedAs } from '../mapping/index.js';
import type { HubRuntime } from './runtime.js';

const compiledByRuntime = new WeakMap<HubRuntime, Map<string, Promise<CompiledMapping | undefined>>>();

/** `live` when it is the version asked for, else the archived one; undefined when the archive lacks it. */
export function mappingOfRef(runtime: HubRuntime, ref: MappingRef, live: CompiledMapping | undefined): Promise<CompiledMapping | undefined> {
  if (live && sameRef(live, ref)) return Promise.resolve(live);
  let compiled = compiledByRuntime.get(runtime);
  if (!compiled) compiledByRuntime.set(runtime, (compiled = new Map()));
  const key = refText(ref);
  const known = compiled.get(key);
  if (known) return known;
  const loading = compileArchived(runtime, ref);
  compiled.set(key, loading);
  // Only what was found is remembered: a version kept later is found then.
  loading.then((found) => (found ? undefined : compiled.delete(key)), () => compiled.delete(key));
  return loading;
}

async function compileArchived(runtime: HubRuntime, ref: MappingRef): Promise<CompiledMapping | undefined> {
  const entry = await runtime.mappingArchive.get(ref);
  if (!entry) return undefined;
  return recordedAs(compileMappingText(entry.text, entry.format, `${entry.fileName} (kept as ${refText(entry)})`), entry.version);
}
