/**
 * The interchange header (ISA): its sixteen fixed-width fields read into names, and the
 * checks of each field, answered with the TA1 note code of the first one that fails
 * (e.g. 005 sender qualifier, 014 date, 018 control number, 024 wrong widths).
 */
import type { Ta1NoteCode } from './ack-codes.js';
import type { Segment } from './segments.js';
import type { Separators } from './separators.js';
import { isShortX12Date, isX12Time } from './x12-dates.js';
import { usesRepetitionSeparator } from './versions.js';

/** The fields of an ISA segment, as sent (sender and receiver ids without their padding). */
export interface InterchangeHeader {
  /** ISA01, e.g. `00` no authorization information. */
  authorizationQualifier: string;
  /** ISA02 (10 characters, blanks kept). */
  authorizationInfo: string;
  /** ISA03, e.g. `00` no security information. */
  securityQualifier: string;
  /** ISA04 (10 characters, blanks kept). */
  securityInfo: string;
  /** ISA05, e.g. `ZZ` mutually defined, `01` DUNS, `12` phone. */
  senderQualifier: string;
  /** ISA06 without trailing blanks. */
  senderId: string;
  /** ISA07. */
  receiverQualifier: string;
  /** ISA08 without trailing blanks. */
  receiverId: string;
  /** ISA09, YYMMDD. */
  date: string;
  /** ISA10, HHMM. */
  time: string;
  /** ISA11 as sent: the standards id `U` (004010) or the repetition separator (005010). */
  standardsIdOrRepetition: string;
  /** ISA12, `00401` or `00501`. */
  version: string;
  /** ISA13, nine digits as sent. */
  controlNumber: string;
  /** ISA14, `0` no acknowledgment requested, `1` a TA1 is requested. */
  ackRequested: string;
  /** ISA15, `P` production or `T` test. */
  usage: string;
  separators: Separators;
}

/** A TA1 note code and why. */
export interface InterchangeProblem {
  noteCode: Ta1NoteCode;
  message: string;
}

/** Widths of ISA01…ISA16. */
export const ISA_WIDTHS = [2, 10, 2, 10, 2, 15, 2, 15, 6, 4, 1, 5, 9, 1, 1, 1] as const;

const AUTHORIZATION_QUALIFIERS = ['00', '01', '02', '03', '04', '05', '06'];
const SECURITY_QUALIFIERS = ['00', '01'];
/** I05 interchange id qualifiers: 01…38 and the lettered ones (ZZ mutually defined). */
const ID_QUALIFIER = /^(?:0[1-9]|[12]\d|3[0-8]|AM|NR|SA|SN|ZZ)$/;
const SUPPORTED_ISA_VERSIONS = ['00401', '00501'];

export function readInterchangeHeader(isa: Segment, separators: Separators): InterchangeHeader {
  const field = (position: number): string => isa.elements[position] ?? '';
  return {
    authorizationQualifier: field(1), authorizationInfo: field(2), securityQualifier: field(3), securityInfo: field(4),
    senderQualifier: field(5), senderId: field(6).trimEnd(), receiverQualifier: field(7), receiverId: field(8).trimEnd(),
    date: field(9), time: field(10), standardsIdOrRepetition: field(11), version: field(12), controlNumber: field(13),
    ackRequested: field(14), usage: field(15), separators,
  };
}

/** The ISA fields read by their fixed places, for an ISA whose separators could not be used. */
export function headerByPosition(text: string, separators: Separators): InterchangeHeader {
  const fields = ['ISA'];
  let start = 4;
  for (const width of ISA_WIDTHS) {
    fields.push(text.slice(start, start + width));
    start += width + 1;
  }
  return readInterchangeHeader({ id: 'ISA', elements: fields, index: 1 }, separators);
}

/** The first problem of an ISA segment, or undefined when it is a good one. */
export function interchangeHeaderProblem(isa: Segment): InterchangeProblem | undefined {
  if (isa.elements.length !== ISA_WIDTHS.length + 1) {
    return { noteCode: '024', message: `the ISA segment has ${isa.elements.length - 1} elements instead of 16` };
  }
  const width = ISA_WIDTHS.findIndex((expected, at) => (isa.elements[at + 1] ?? '').length !== expected);
  if (width !== -1) {
    return { noteCode: '024', message: `ISA${String(width + 1).padStart(2, '0')} is not ${ISA_WIDTHS[width]} characters long` };
  }
  return fieldProblems(readInterchangeHeader(isa, { element: '', component: '', segment: '' })).find((problem) => problem !== undefined);
}

function fieldProblems(header: InterchangeHeader): (InterchangeProblem | undefined)[] {
  const problem = (failed: boolean, noteCode: Ta1NoteCode, message: string): InterchangeProblem | undefined =>
    (failed ? { noteCode, message } : undefined);
  return [
    problem(!AUTHORIZATION_QUALIFIERS.includes(header.authorizationQualifier), '010', `ISA01 "${header.authorizationQualifier}" is no authorization qualifier`),
    problem(header.authorizationQualifier === '00' && header.authorizationInfo.trim() !== '', '011', 'ISA02 must be blank when ISA01 is 00'),
    problem(!SECURITY_QUALIFIERS.includes(header.securityQualifier), '012', `ISA03 "${header.securityQualifier}" is no security qualifier`),
    problem(header.securityQualifier === '00' && header.securityInfo.trim() !== '', '013', 'ISA04 must be blank when ISA03 is 00'),
    problem(!ID_QUALIFIER.test(header.senderQualifier), '005', `ISA05 "${header.senderQualifier}" is no interchange id qualifier`),
    problem(header.senderId.trim() === '' || header.senderId.startsWith(' '), '006', 'ISA06 (sender id) is blank or starts with a blank'),
    problem(!ID_QUALIFIER.test(header.receiverQualifier), '007', `ISA07 "${header.receiverQualifier}" is no interchange id qualifier`),
    problem(header.receiverId.trim() === '' || header.receiverId.startsWith(' '), '008', 'ISA08 (receiver id) is blank or starts with a blank'),
    problem(!isShortX12Date(header.date), '014', `ISA09 "${header.date}" is no YYMMDD date`),
    problem(!(/^\d{4}$/.test(header.time) && isX12Time(header.time)), '015', `ISA10 "${header.time}" is no HHMM time`),
    problem(!usesRepetitionSeparator(header.version) && header.standardsIdOrRepetition !== 'U', '016', `ISA11 "${header.standardsIdOrRepetition}" must be U before version 00402`),
    problem(!SUPPORTED_ISA_VERSIONS.includes(header.version), '017', `ISA12 "${header.version}" is not 00401 or 00501`),
    problem(!/^\d{9}$/.test(header.controlNumber), '018', `ISA13 "${header.controlNumber}" is not nine digits`),
    problem(!['0', '1'].includes(header.ackRequested), '019', `ISA14 "${header.ackRequested}" is not 0 or 1`),
    problem(!['P', 'T'].includes(header.usage), '020', `ISA15 "${header.usage}" is not P (production) or T (test)`),
  ];
}
