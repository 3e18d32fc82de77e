/**
 * Wraps transaction sets in the envelopes the partner sends: ISA (fixed width, its id
 * as sender and the hub's as receiver), one GS group, each set between ST and SE (SE01
 * counts ST and SE), GE (GE01 = sets) and IEA (IEA01 = 1 group, IEA02 = ISA13).
 */
import { isa13, st02 } from './control-numbers.js';
import { ccyymmdd, hhmm, yymmdd } from './dates.js';
import { isa11, isa12 } from './separators.js';
import { renderSegment, renderSegments } from './x12-writer.js';
import type { X12Party, X12Separators, X12Version } from './types.js';

export interface EnvelopeSettings {
  from: X12Party;
  to: X12Party;
  version: X12Version;
  usage: 'P' | 'T';
  separators: Required<X12Separators>;
  newlines: boolean;
}

export interface SetContent {
  /** ST01: `850`, `997`. */
  id: string;
  /** The segments between ST and SE. */
  segments: string[][];
}

export interface GroupContent {
  /** GS01: `PO`, `FA`. */
  functionalId: string;
  sets: SetContent[];
}

export function renderInterchange(settings: EnvelopeSettings, controlNumber: number, at: Date, group: GroupContent): string {
  if (group.sets.length === 0) throw new Error('an interchange needs at least one transaction set');
  const segments: string[][] = [
    gsSegment(settings, controlNumber, at, group.functionalId),
    ...group.sets.flatMap((set, index) => wrapSet(set, st02(index))),
    ['GE', String(group.sets.length), String(controlNumber)],
    ['IEA', '1', isa13(controlNumber)],
  ];
  const end = settings.newlines ? '\n' : '';
  return isaSegment(settings, controlNumber, at) + end + renderSegments(segments, settings.separators, settings.newlines);
}

/** ST, the set's segments, SE with the count of them all. */
export function wrapSet(set: SetContent, controlNumber: string): string[][] {
  return [['ST', set.id, controlNumber], ...set.segments, ['SE', String(set.segments.length + 2), controlNumber]];
}

function isaSegment(settings: EnvelopeSettings, controlNumber: number, at: Date): string {
  const { from, to, version, usage, separators } = settings;
  const elements = [
    'ISA', '00', ' '.repeat(10), '00', ' '.repeat(10),
    fixed(from.qualifier, 2, 'sender qualifier'), fixed(from.id, 15, 'sender id'),
    fixed(to.qualifier, 2, 'receiver qualifier'), fixed(to.id, 15, 'receiver id'),
    yymmdd(at), hhmm(at), isa11(version, separators), isa12(version), isa13(controlNumber), '0', usage, separators.component,
  ];
  // ISA11 (the repetition separator in 005010) and ISA16 are delimiters themselves: the others are checked.
  renderSegment(elements.filter((_value, index) => index !== 11 && index !== 16), separators);
  return elements.join(separators.element) + separators.segment;
}

function gsSegment(settings: EnvelopeSettings, controlNumber: number, at: Date, functionalId: string): string[] {
  const { from, to, version } = settings;
  return ['GS', functionalId, from.applicationCode ?? from.id, to.applicationCode ?? to.id, ccyymmdd(at), hhmm(at), String(controlNumber), 'X', version];
}

/** Pads an ISA field with spaces to its fixed width; longer values are refused. */
function fixed(value: string, width: number, what: string): string {
  if (value.length === 0 || value.length > width) throw new Error(`ISA ${what} must be 1…${width} characters: ${JSON.stringify(value)}`);
  return value.padEnd(width, ' ');
}
