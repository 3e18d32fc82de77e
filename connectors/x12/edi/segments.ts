/**
 * Interchange text → segments. Each segment keeps its id, its elements numbered as X12
 * reference designators (`elements[0]` is the id, `elements[6]` of an ISA is ISA06) and
 * its 1-based position in the interchange. Blanks and newlines around segment terminators
 * are dropped; a control character anywhere else, or text over the byte limit, refuses
 * the interchange (TA1 024).
 */
import { X12InterchangeError } from './interchange-error.js';
import { readSeparators, separatorCharacters, shown, type Separators } from './separators.js';

/** One segment of an interchange. */
export interface Segment {
  /** Segment id, e.g. `BEG`. */
  id: string;
  /** `elements[0]` is the id, `elements[1]` the first element: `elements[n]` is designator n. */
  elements: string[];
  /** 1-based position of the segment in the interchange (ISA is 1). */
  index: number;
}

/** The segments of an interchange and the separators they were split with. */
export interface SegmentList {
  separators: Separators;
  segments: Segment[];
  /** Text after the last terminator (a segment cut off), when there is any. */
  unterminated?: string;
}

export interface TokenizeOptions {
  /** Largest accepted size in UTF-8 bytes; larger text is refused (TA1 024). Default 16 MiB. */
  maxBytes?: number;
}

export const DEFAULT_MAX_BYTES = 16 * 1024 * 1024;

export function splitSegments(text: string, options: TokenizeOptions = {}): SegmentList {
  checkSize(text, options.maxBytes ?? DEFAULT_MAX_BYTES);
  const separators = readSeparators(text);
  const forbidden = forbiddenControls(separators);
  const segments: Segment[] = [];
  let start = 0;
  for (let end = text.indexOf(separators.segment); end !== -1; end = text.indexOf(separators.segment, start)) {
    const body = withoutBoundaryBlanks(text.slice(start, end));
    start = end + 1;
    if (body === '') continue;
    segments.push(toSegment(body, segments.length + 1, separators, forbidden));
  }
  const tail = withoutBoundaryBlanks(text.slice(start));
  return tail === '' ? { separators, segments } : { separators, segments, unterminated: tail };
}

/** Element n of a segment, or `''` when the segment has fewer elements. */
export function element(segment: Segment, position: number): string {
  return segment.elements[position] ?? '';
}

/** The components of a composite element value. */
export function components(value: string, separators: Separators): string[] {
  return value.split(separators.component);
}

/** The repetitions of an element value (one value when there is no repetition separator). */
export function repetitions(value: string, separators: Separators): string[] {
  return separators.repetition === undefined ? [value] : value.split(separators.repetition);
}

/** `ISA06`-style name of element n of a segment. */
export function designator(segmentId: string, position: number): string {
  return `${segmentId}${String(position).padStart(2, '0')}`;
}

function toSegment(body: string, index: number, separators: Separators, forbidden: RegExp): Segment {
  const control = forbidden.exec(body);
  if (control) {
    throw new X12InterchangeError('024', `segment ${index} holds the control character ${shown(control[0])}, which X12 data may not carry`);
  }
  const elements = body.split(separators.element);
  return { id: elements[0] ?? '', elements, index };
}

/** The text without blanks, tabs, CR and LF at either end (a loop: no regular expression to backtrack). */
function withoutBoundaryBlanks(text: string): string {
  let first = 0;
  let last = text.length;
  while (first < last && isBlank(text.charCodeAt(first))) first += 1;
  while (last > first && isBlank(text.charCodeAt(last - 1))) last -= 1;
  return first === 0 && last === text.length ? text : text.slice(first, last);
}

function isBlank(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0d || code === 0x0a;
}

function checkSize(text: string, maxBytes: number): void {
  if (text.length > maxBytes || Buffer.byteLength(text, 'utf8') > maxBytes) {
    throw new X12InterchangeError('024', `the interchange is larger than ${maxBytes} bytes`, { status: 413 });
  }
}

/** Control characters (C0, DEL, C1) that are not one of this interchange's separators. */
function forbiddenControls(separators: Separators): RegExp {
  const allowed = new Set(separatorCharacters(separators));
  let set = '';
  for (let code = 0; code <= 0x9f; code += 1) {
    if (code === 0x20) code = 0x7f;
    const character = String.fromCharCode(code);
    if (!allowed.has(character)) set += `\\u${code.toString(16).padStart(4, '0')}`;
  }
  return new RegExp(`[${set}]`);
}
