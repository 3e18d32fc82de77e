/**
 * Writes a whole outbound interchange from a partner profile: ISA with its fixed-width
 * padded fields, interchange acknowledgements (TA1) if any, one GS…GE functional group of
 * ST…SE transaction sets with their counts, and IEA. Dates and times are written in UTC.
 */
import { BadInputError } from '../../../src/sdk/index.js';
import { isDelimiter, type Separators } from './separators.js';
import { segmentText, type SegmentValues } from './write-segments.js';
import { interchangeVersionOf, type X12Version } from './versions.js';
import { envelopeStampOf, type EnvelopeStamp } from './x12-dates.js';

/** How one trading partner wants its interchanges: ids, version, separators, usage. */
export interface PartnerProfile {
  /** ISA05, e.g. `ZZ`, `01`, `12`. */
  senderQualifier: string;
  /** ISA06 (up to 15 characters, padded with blanks). */
  senderId: string;
  /** ISA07. */
  receiverQualifier: string;
  /** ISA08 (up to 15 characters, padded with blanks). */
  receiverId: string;
  /** GS02 (2 to 15 characters). */
  applicationSenderCode: string;
  /** GS03 (2 to 15 characters). */
  applicationReceiverCode: string;
  version: X12Version;
  /** Separators to write with; in 005010 the repetition separator defaults to `^`. */
  separators: Separators;
  /** ISA15: `P` production, `T` test. */
  usage: 'P' | 'T';
  /** Write a newline after each segment terminator (ignored when the terminator is itself a line break). */
  newlineAfterSegment?: boolean;
}

/** One transaction set to write: its id and its segments between ST and SE. */
export interface OutboundSet {
  /** ST01, e.g. `855`. */
  id: string;
  segments: readonly SegmentValues[];
  /** ST02 (written with at least 4 digits); defaults to `controlNumbers.sets[i]`, then to i + 1. */
  controlNumber?: number;
  /** ST03, written in 005010 only. */
  implementationReference?: string;
}

export interface ControlNumbers {
  /** ISA13/IEA02, 1…999999999, written as nine digits. */
  interchange: number;
  /** GS06/GE02, 1…999999999; needed when there are sets. */
  group?: number;
  /** ST02/SE02 of each set, in order. */
  sets?: readonly number[];
}

export interface OutboundInterchange {
  controlNumbers: ControlNumbers;
  /** Moment written as ISA09/ISA10 and GS04/GS05 (UTC). */
  date: Date;
  /** ISA14: ask the receiver for a TA1. */
  ackRequested?: boolean;
  /** GS01, e.g. `PR`, `SH`, `IN`, `FA`; needed when there are sets. */
  functionalId?: string;
  sets: readonly OutboundSet[];
  /** Interchange-level segments written after ISA, e.g. a TA1. */
  interchangeAcks?: readonly SegmentValues[];
}

const MAX_CONTROL_NUMBER = 999_999_999;

export function writeInterchange(profile: PartnerProfile, interchange: OutboundInterchange): string {
  const separators = profileSeparators(profile);
  const stamp = envelopeStampOf(interchange.date);
  const interchangeNumber = controlNumber(interchange.controlNumbers.interchange, 'controlNumbers.interchange');
  const segments: string[] = [isaText(profile, separators, stamp, interchangeNumber, interchange.ackRequested === true)];
  for (const ack of interchange.interchangeAcks ?? []) segments.push(segmentText(ack, separators));
  if (interchange.sets.length > 0) segments.push(...groupTexts(profile, separators, stamp, interchange));
  const groupCount = interchange.sets.length > 0 ? 1 : 0;
  segments.push(segmentText(['IEA', String(groupCount), interchangeNumber], separators));
  const after = separators.segment + (profile.newlineAfterSegment && !'\r\n'.includes(separators.segment) ? '\n' : '');
  return segments.map((text) => text + after).join('');
}

function groupTexts(profile: PartnerProfile, separators: Separators, stamp: EnvelopeStamp, interchange: OutboundInterchange): string[] {
  const functionalId = interchange.functionalId ?? '';
  if (!/^[A-Z]{2}$/.test(functionalId)) throw refused('functionalId must be a two-letter GS01 code such as PR, SH, IN or FA');
  const group = String(Number(controlNumber(interchange.controlNumbers.group, 'controlNumbers.group')));
  const texts = [segmentText(['GS', functionalId, profile.applicationSenderCode, profile.applicationReceiverCode, stamp.date, stamp.time, group, 'X', profile.version], separators)];
  const used = new Set<string>();
  interchange.sets.forEach((set, at) => {
    const number = setControlNumber(set, interchange.controlNumbers.sets?.[at] ?? at + 1, at);
    if (used.has(number)) throw refused(`set ${at + 1} repeats the set control number ${number}`);
    used.add(number);
    texts.push(...setTexts(profile, separators, set, number));
  });
  texts.push(segmentText(['GE', String(interchange.sets.length), group], separators));
  return texts;
}

function setTexts(profile: PartnerProfile, separators: Separators, set: OutboundSet, number: string): string[] {
  if (!/^\d{3}$/.test(set.id)) throw refused(`"${set.id}" is no transaction set id (ST01)`);
  const reference = profile.version === '005010' ? set.implementationReference ?? '' : '';
  const texts = [segmentText(['ST', set.id, number, reference], separators)];
  for (const segment of set.segments) texts.push(segmentText(segment, separators));
  texts.push(segmentText(['SE', String(set.segments.length + 2), number], separators));
  return texts;
}

function isaText(profile: PartnerProfile, separators: Separators, stamp: EnvelopeStamp, number: string, ackRequested: boolean): string {
  const fields = [
    'ISA', '00', ' '.repeat(10), '00', ' '.repeat(10),
    qualifier(profile.senderQualifier, 'senderQualifier'), paddedId(profile.senderId, 'senderId', separators),
    qualifier(profile.receiverQualifier, 'receiverQualifier'), paddedId(profile.receiverId, 'receiverId', separators),
    stamp.shortDate, stamp.time, separators.repetition ?? 'U', interchangeVersionOf(profile.version), number,
    ackRequested ? '1' : '0', usage(profile.usage), separators.component,
  ];
  checkApplicationCode(profile.applicationSenderCode, 'applicationSenderCode');
  checkApplicationCode(profile.applicationReceiverCode, 'applicationReceiverCode');
  return fields.join(separators.element);
}

/** The profile's separators, checked; 005010 gets `^` for repetition when none is given, 004010 none. */
export function profileSeparators(profile: PartnerProfile): Separators {
  const { element, component, segment } = profile.separators;
  const repetition = profile.version === '005010' ? profile.separators.repetition ?? '^' : undefined;
  const all = [element, component, segment, ...(repetition === undefined ? [] : [repetition])];
  const bad = all.find((character, at) => !(isDelimiter(character) || (at === 2 && (character === '\n' || character === '\r'))));
  if (bad !== undefined) throw refused(`separator "${bad}" must be one punctuation character (the segment terminator may be a line break)`);
  if (new Set(all).size !== all.length) throw refused('the separators must all differ');
  return repetition === undefined ? { element, component, segment } : { element, component, segment, repetition };
}

function controlNumber(value: number | undefined, field: string): string {
  if (value === undefined || !Number.isInteger(value) || value < 1 || value > MAX_CONTROL_NUMBER) {
    throw refused(`${field} must be a whole number from 1 to ${MAX_CONTROL_NUMBER}`);
  }
  return String(value).padStart(9, '0');
}

function setControlNumber(set: OutboundSet, fallback: number, at: number): string {
  return String(Number(controlNumber(set.controlNumber ?? fallback, `set ${at + 1} control number`))).padStart(4, '0');
}

function qualifier(value: string, field: string): string {
  if (!/^[A-Z0-9]{2}$/.test(value)) throw refused(`${field} must be two letters or digits (ISA05/ISA07)`);
  return value;
}

function paddedId(value: string, field: string, separators: Separators): string {
  if (value.trim() === '' || value.length > 15 || value.startsWith(' ')) throw refused(`${field} must be 1 to 15 characters, not starting with a blank`);
  segmentText(['ISA', value], separators);
  return value.padEnd(15, ' ');
}

function checkApplicationCode(value: string, field: string): void {
  if (value.length < 2 || value.length > 15) throw refused(`${field} must be 2 to 15 characters (GS02/GS03)`);
}

function usage(value: string): string {
  if (value !== 'P' && value !== 'T') throw refused('usage must be P (production) or T (test)');
  return value;
}

function refused(message: string): BadInputError {
  return new BadInputError(`partner interchange: ${message}`, { code: 'X12_ENVELOPE' });
}
