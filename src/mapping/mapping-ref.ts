/**
 * A mapping named by its id and version (`canonical-to-oms-xml@1.2.0`), as timelines,
 * dead letters, the mapping archive and a pinned replay write it. A mapping id cannot
 * hold `@` (the mapping-file schema), so the first `@` separates the two; the version
 * is whatever follows, `@` included.
 */

export interface MappingRef {
  readonly id: string;
  readonly version: string;
}

const ID = /^[A-Za-z0-9][A-Za-z0-9._/-]*$/;
const MAX_VERSION = 80;

export function refText(ref: MappingRef): string {
  return `${ref.id}@${ref.version}`;
}

/** `id@version` read back, or undefined when the text is not one. */
export function parseMappingRef(text: string): MappingRef | undefined {
  const at = text.indexOf('@');
  if (at <= 0) return undefined;
  const id = text.slice(0, at);
  const version = text.slice(at + 1);
  if (!ID.test(id) || version.length === 0 || version.length > MAX_VERSION || /\s/.test(version)) return undefined;
  return { id, version };
}

export function sameRef(a: MappingRef | undefined, b: MappingRef | undefined): boolean {
  return a !== undefined && b !== undefined && a.id === b.id && a.version === b.version;
}
