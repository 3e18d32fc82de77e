/**
 * Splits decoded text into numbered lines, accepting LF and CRLF endings alike (one CR
 * before the LF is dropped). Nothing after the final line break is not a line.
 */

export interface TextLine {
  /** 1-based. */
  readonly number: number;
  readonly text: string;
}

export function splitLines(text: string): TextLine[] {
  const parts = text.split('\n');
  if (parts.at(-1) === '') parts.pop();
  return parts.map((part, i) => ({ number: i + 1, text: part.endsWith('\r') ? part.slice(0, -1) : part }));
}
