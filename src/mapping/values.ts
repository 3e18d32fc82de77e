/**
 * Small value helpers shared by sources, conditions and pipes: what counts as empty,
 * how a value is quoted in a message, and copying literals so callers cannot
 * change a compiled mapping by mutating its output.
 */

/** Missing, null or the empty string: what `default`, `optional` and `first` treat as absent. */
export function isEmpty(value: unknown): boolean {
  return value === undefined || value === null || value === '';
}

/**
 * A value as shown in an error message: JSON, shortened. Never throws, whatever the value:
 * a message about a refused value must not become a TypeError of its own (BigInts
 * anywhere inside, cycles, null-prototype objects that String() cannot convert).
 */
export function quote(value: unknown): string {
  if (value === undefined) return 'undefined';
  const text = typeof value === 'bigint' ? String(value) : jsonText(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function jsonText(value: unknown): string {
  try {
    return JSON.stringify(value, (_key, item: unknown) => (typeof item === 'bigint' ? String(item) : item)) ?? plainText(value);
  } catch {
    return plainText(value);
  }
}

function plainText(value: unknown): string {
  try {
    return String(value);
  } catch {
    return Object.prototype.toString.call(value);
  }
}

/** A literal from the mapping file, copied when it is an object or array. */
export function literal(value: unknown): () => unknown {
  if (value === null || typeof value !== 'object') return () => value;
  return () => structuredClone(value);
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
