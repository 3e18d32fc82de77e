/**
 * Writes segments as X12 text: elements joined by the element separator, trailing
 * empty elements dropped (as X12 requires), each segment ended by the terminator (and
 * a line feed when asked). A value holding a delimiter cannot be written (X12 has no
 * escaping): free text is cleaned with `plainText` first, anything else is refused.
 */
import type { X12Separators } from './types.js';

export function renderSegments(segments: string[][], separators: Required<X12Separators>, newlines = false): string {
  return segments.map((segment) => renderSegment(segment, separators) + (newlines ? '\n' : '')).join('');
}

export function renderSegment(segment: string[], separators: Required<X12Separators>): string {
  const elements = withoutTrailingEmpties(segment);
  for (const value of elements) checkValue(value, separators);
  return elements.join(separators.element) + separators.segment;
}

/** Free text with every delimiter (and line break) turned into a space, trimmed. */
export function plainText(value: string, separators: Required<X12Separators>): string {
  const delimiters = new Set([separators.element, separators.component, separators.segment, separators.repetition, '\r', '\n']);
  return [...value].map((char) => (delimiters.has(char) ? ' ' : char)).join('').replace(/ {2,}/g, ' ').trim();
}

function withoutTrailingEmpties(segment: string[]): string[] {
  let end = segment.length;
  while (end > 1 && segment[end - 1] === '') end -= 1;
  return segment.slice(0, end);
}

function checkValue(value: string, separators: Required<X12Separators>): void {
  for (const [name, delimiter] of Object.entries(separators)) {
    if (value.includes(delimiter)) throw new Error(`X12 value ${JSON.stringify(value)} holds the ${name} separator ${JSON.stringify(delimiter)}`);
  }
  if (/[\r\n]/.test(value)) throw new Error(`X12 value ${JSON.stringify(value)} holds a line break`);
}
