/**
 * Splits received text into interchanges and their segments, each read with the
 * delimiters its own ISA declares: the element separator is the character after `ISA`,
 * the component separator and the segment terminator the two characters after the
 * sixteenth element separator (positions 104 and 105 of a standard ISA). Line breaks
 * after terminators are ignored; several interchanges may follow one another.
 */
import { DEFAULT_SEPARATORS } from './separators.js';
import type { X12Separators } from './types.js';

export interface RawInterchange {
  separators: Required<X12Separators>;
  /** `[id, el1, el2, …]` per segment, ISA first. */
  segments: string[][];
  /** The interchange's own text. */
  text: string;
  /** Problems of the text itself (ISA width, a missing terminator). */
  problems: string[];
}

export interface SplitText {
  interchanges: RawInterchange[];
  /** Text that is not an interchange (before an ISA, or garbage after one). */
  problems: string[];
}

const ISA_LENGTH = 106;
const LEADING_NOISE = /^[\s\uFEFF]+/;

export function splitInterchanges(text: string): SplitText {
  const interchanges: RawInterchange[] = [];
  const problems: string[] = [];
  let position = 0;
  while (position < text.length) {
    position += LEADING_NOISE.exec(text.slice(position))?.[0].length ?? 0;
    if (position >= text.length) break;
    if (!text.startsWith('ISA', position)) {
      problems.push(`no ISA segment at character ${position}: ${JSON.stringify(text.slice(position, position + 20))}`);
      break;
    }
    const read = readInterchange(text, position);
    if (!read) {
      problems.push(`the ISA segment at character ${position} is incomplete`);
      break;
    }
    interchanges.push(read.interchange);
    position = read.end;
  }
  return { interchanges, problems };
}

/** The delimiters an ISA starting at `start` declares, and where the ISA ends; undefined when it is cut short. */
export function isaDelimiters(text: string, start: number): { separators: Required<X12Separators>; isaEnd: number } | undefined {
  const element = text[start + 3];
  if (element === undefined) return undefined;
  let index = start + 3;
  for (let count = 1; count < 16; count++) {
    index = text.indexOf(element, index + 1);
    if (index < 0) return undefined;
  }
  const component = text[index + 1];
  const segment = text[index + 2];
  if (component === undefined || segment === undefined) return undefined;
  const isa = text.slice(start, index + 2).split(element);
  const repetition = isa[12] === '00501' && isa[11] ? isa[11] : DEFAULT_SEPARATORS.repetition;
  return { separators: { element, component, segment, repetition }, isaEnd: index + 3 };
}

function readInterchange(text: string, start: number): { interchange: RawInterchange; end: number } | undefined {
  const delimiters = isaDelimiters(text, start);
  if (!delimiters) return undefined;
  const { separators, isaEnd } = delimiters;
  const problems = isaEnd - start === ISA_LENGTH ? [] : [`the ISA segment is ${isaEnd - start} characters long, not ${ISA_LENGTH}`];
  const segments: string[][] = [];
  let cursor = start;
  while (cursor < text.length) {
    const terminator = text.indexOf(separators.segment, cursor);
    const raw = cleanSegment(text.slice(cursor, terminator < 0 ? text.length : terminator), separators.segment);
    cursor = terminator < 0 ? text.length : terminator + 1;
    if (raw === '') continue;
    if (terminator < 0) problems.push(`the last segment (${raw.slice(0, 3)}) has no segment terminator`);
    const segment = raw.split(separators.element);
    segments.push(segment);
    if (segment[0] === 'IEA') break;
  }
  return { interchange: { separators, segments, text: text.slice(start, cursor), problems }, end: cursor };
}

/** Drops the line breaks around a segment (those that are not the terminator itself). */
function cleanSegment(raw: string, terminator: string): string {
  let value = raw;
  while (value.length > 0 && isLineBreak(value[0]!, terminator)) value = value.slice(1);
  while (value.length > 0 && isLineBreak(value[value.length - 1]!, terminator)) value = value.slice(0, -1);
  return value;
}

function isLineBreak(char: string, terminator: string): boolean {
  return (char === '\r' || char === '\n') && char !== terminator;
}
