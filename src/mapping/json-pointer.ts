/**
 * RFC 6901 JSON pointers: parsing (with the ~0 / ~1 escapes), formatting and reading.
 * Pointers are parsed once at compile time; reading walks pre-split segments and only
 * follows own properties, so `/__proto__` or `/constructor` never reach a prototype.
 */

/** "/a~1b/~0c" → ["a/b", "~c"]; "" → []. The caller has checked the syntax (schema). */
export function parsePointer(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer.slice(1).split('/').map(unescapeSegment);
}

export function formatPointer(segments: readonly string[]): string {
  return segments.map((segment) => `/${escapeSegment(segment)}`).join('');
}

export function escapeSegment(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

function unescapeSegment(segment: string): string {
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}

const ARRAY_INDEX = /^(0|[1-9][0-9]*)$/;

export function isArrayIndex(segment: string): boolean {
  return ARRAY_INDEX.test(segment);
}

/** Value at `segments` below `value`, or undefined when any step is missing. */
export function readSegments(value: unknown, segments: readonly string[]): unknown {
  let current = value;
  for (const segment of segments) {
    if (current === null || typeof current !== 'object') return undefined;
    if (Array.isArray(current)) {
      if (!isArrayIndex(segment)) return undefined;
      current = current[Number(segment)];
    } else {
      if (!Object.hasOwn(current, segment)) return undefined;
      current = (current as Record<string, unknown>)[segment];
    }
  }
  return current;
}
