/**
 * Keeping the mappings the hub runs: at start, every mapping file the instances use
 * (inbound, forms, outbound, changes) is read, kept in the mapping archive under its
 * version of record, and becomes the instance's compiled mapping from exactly the text
 * kept. A file edited without a new `version` runs as `<version>+<short digest>` and is
 * logged as a warning at every start until it gets a version of its own. The workbench
 * keeps a file again after it saves a golden test to it.
 */
import { basename } from 'node:path';
import { type CompiledMapping, mappingDigest, readMappingSource, recordedAs } from '../mapping/index.js';
import type { HubRuntime, LiveInstance } from './runtime.js';

/** Archives every instance's mappings and puts the kept ones in their place. Run before the workers start. */
export async function archiveLiveMappings(runtime: HubRuntime): Promise<void> {
  const byFile = new Map<string, Promise<CompiledMapping>>();
  const kept = async (mapping: CompiledMapping | undefined): Promise<CompiledMapping | undefined> => {
    if (!mapping?.file) return mapping;
    const file = mapping.file;
    if (!byFile.has(file)) byFile.set(file, archiveMappingFile(runtime, file));
    return byFile.get(file);
  };
  for (const instance of runtime.instances.values()) await archiveInstance(instance, kept);
}

async function archiveInstance(instance: LiveInstance, kept: (m: CompiledMapping | undefined) => Promise<CompiledMapping | undefined>): Promise<void> {
  instance.inbound = await kept(instance.inbound);
  instance.outbound = await kept(instance.outbound);
  instance.changes = await kept(instance.changes);
  for (const [form, mapping] of instance.forms) instance.forms.set(form, (await kept(mapping))!);
}

/** Keeps one mapping file in the archive; answers it compiled under its version of record. */
export async function archiveMappingFile(runtime: HubRuntime, file: string): Promise<CompiledMapping> {
  const source = await readMappingSource(file);
  const { id, version: declaredVersion } = source.compiled;
  const entry = await runtime.mappingArchive.keep({
    id, declaredVersion, digest: mappingDigest(source.document), format: source.format, text: source.text, fileName: basename(file),
  });
  if (entry.version !== declaredVersion) {
    runtime.log.warn({ mapping: id, declaredVersion, versionOfRecord: entry.version, file: basename(file) },
      `mapping ${id}@${declaredVersion} changed without a new version: it runs as ${id}@${entry.version}; give the file a new "version"`);
  }
  return recordedAs(source.compiled, entry.version);
}
