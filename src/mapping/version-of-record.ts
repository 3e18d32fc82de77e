/**
 * The version a mapping is recorded under. A mapping id and version name one content
 * for good: the first content the hub keeps under `id@version` owns it. A file that
 * declares a version the hub already keeps with other content (edited without a new
 * `version`) is recorded as `<version>+<short digest>` (semver build metadata), so an
 * order's timeline never names content it was not mapped with.
 */
import type { CompiledMapping } from './compile-mapping.js';
import { shortDigest } from './mapping-digest.js';

/** `declared`, or `declared+<short digest>` when `declared` is kept with another content. */
export function versionOfRecord(declared: string, digest: string, digestKeptUnderDeclared: string | undefined): string {
  if (digestKeptUnderDeclared === undefined || digestKeptUnderDeclared === digest) return declared;
  return `${declared}+${shortDigest(digest)}`;
}

/** The compiled mapping under its version of record (the same object when nothing changes). */
export function recordedAs(compiled: CompiledMapping, version: string): CompiledMapping {
  return compiled.version === version ? compiled : { ...compiled, version };
}
