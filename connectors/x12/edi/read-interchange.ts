/**
 * Reads one X12 interchange (ISA…IEA with its GS…GE groups and ST…SE sets) and checks
 * its envelopes. Never throws for bad content: an interchange that must be refused as a
 * whole comes back with `rejection` (the TA1 note code); group and set envelope errors
 * come back as AK9 and AK5 codes on the group or set they belong to.
 */
import type { InterchangeReading } from './envelope-types.js';
import { EnvelopeWalk } from './envelope-walk.js';
import { X12InterchangeError } from './interchange-error.js';
import { headerByPosition, interchangeHeaderProblem, readInterchangeHeader, type InterchangeHeader, type InterchangeProblem } from './isa-header.js';
import { element, splitSegments, type SegmentList, type TokenizeOptions } from './segments.js';
import { ISA_LENGTH } from './separators.js';

export type ReadInterchangeOptions = TokenizeOptions;

const LEADING_BLANKS = /^\uFEFF?[ \t\r\n]*/;
const utf8 = new TextDecoder('utf-8', { fatal: true });

export function readInterchange(input: string | Uint8Array, options: ReadInterchangeOptions = {}): InterchangeReading {
  const decoded = decode(input);
  if (typeof decoded !== 'string') return decoded;
  const text = decoded.replace(LEADING_BLANKS, '');
  let list: SegmentList;
  try {
    list = splitSegments(text, options);
  } catch (error) {
    if (!(error instanceof X12InterchangeError)) throw error;
    return rejected(fallbackHeader(text), { noteCode: error.noteCode, message: error.message });
  }
  return readSegments(list);
}

function readSegments(list: SegmentList): InterchangeReading {
  const [isa, ...rest] = list.segments;
  if (isa === undefined) return rejected(undefined, { noteCode: '024', message: 'the data holds no segment' });
  const header = readInterchangeHeader(isa, list.separators);
  const headerProblem = interchangeHeaderProblem(isa);
  if (headerProblem) return rejected(header, headerProblem);
  if (list.unterminated !== undefined) {
    return rejected(header, { noteCode: '023', message: `the data ends inside a segment: "${list.unterminated.slice(0, 40)}"` });
  }
  const walk = new EnvelopeWalk();
  for (const segment of rest) {
    const problem = walk.take(segment);
    if (problem) return rejected(header, problem);
  }
  const trailerProblem = interchangeTrailerProblem(walk, header);
  if (trailerProblem) return rejected(header, trailerProblem);
  return { interchange: header, interchangeAcks: walk.interchangeAcks, groups: walk.groups };
}

function interchangeTrailerProblem(walk: EnvelopeWalk, header: InterchangeHeader): InterchangeProblem | undefined {
  const iea = walk.trailer;
  if (!iea) return { noteCode: '023', message: 'the data ends before the IEA trailer' };
  if (element(iea, 2) !== header.controlNumber) {
    return { noteCode: '001', message: `IEA02 "${element(iea, 2)}" differs from ISA13 "${header.controlNumber}"` };
  }
  const declared = element(iea, 1);
  if (!/^\d{1,5}$/.test(declared) || Number(declared) !== walk.groups.length) {
    return { noteCode: '021', message: `IEA01 "${declared}" but the interchange holds ${walk.groups.length} functional group(s)` };
  }
  return undefined;
}

function decode(input: string | Uint8Array): string | InterchangeReading {
  if (typeof input === 'string') return input;
  try {
    return utf8.decode(input);
  } catch {
    const text = Buffer.from(input).toString('latin1').replace(LEADING_BLANKS, '');
    return rejected(fallbackHeader(text), { noteCode: '024', message: 'the data is not UTF-8 text' });
  }
}

/** ISA fields read by position when the separators or content are bad, so a TA1 can still answer. */
function fallbackHeader(text: string): InterchangeHeader | undefined {
  if (!text.startsWith('ISA') || text.length < ISA_LENGTH) return undefined;
  return headerByPosition(text, { element: text.charAt(3), component: text.charAt(104), segment: text.charAt(105) });
}

function rejected(interchange: InterchangeHeader | undefined, rejection: InterchangeProblem): InterchangeReading {
  return interchange === undefined ? { rejection, interchangeAcks: [], groups: [] } : { interchange, rejection, interchangeAcks: [], groups: [] };
}
