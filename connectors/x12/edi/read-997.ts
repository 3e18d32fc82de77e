/**
 * Reads acknowledgements of what we sent: a received 997 transaction set (AK1, AK2 loops
 * with AK3/AK4/AK5, AK9) and TA1 segments. A 997 without AK1 or AK9, or with a status
 * that is no 997 status, is refused (BadInputError): it acknowledges nothing reliably.
 */
import { BadInputError } from '../../../src/sdk/index.js';
import type { GroupAckStatus, InterchangeAckStatus, SetAckStatus } from './ack-codes.js';
import type { TransactionSet } from './envelope-types.js';
import { element, type Segment } from './segments.js';

/** A segment error reported back to us (AK3 and its AK4s), as sent. */
export interface ReportedSegmentError {
  segmentId: string;
  position: string;
  loopId?: string;
  code: string;
  elements: { position: string; reference?: string; code: string; copy?: string }[];
}

/** The verdict on one of our transaction sets (AK2…AK5). */
export interface SetAckReport {
  /** AK201. */
  id: string;
  /** AK202. */
  controlNumber: string;
  /** AK203 (005010). */
  implementationReference?: string;
  /** AK501. */
  status: SetAckStatus;
  /** AK502…. */
  codes: string[];
  errors: ReportedSegmentError[];
}

/** The verdict on one of our functional groups (a 997). */
export interface FunctionalAckReport {
  /** AK101. */
  groupFunctionalId: string;
  /** AK102. */
  groupControlNumber: string;
  /** AK103 (005010). */
  version?: string;
  sets: SetAckReport[];
  /** AK901. */
  status: GroupAckStatus;
  /** AK902…AK904. */
  included: number;
  received: number;
  accepted: number;
  /** AK905…. */
  codes: string[];
}

/** The verdict on one of our interchanges (TA1). */
export interface InterchangeAckReport {
  /** TA101. */
  controlNumber: string;
  /** TA102, YYMMDD. */
  date: string;
  /** TA103, HHMM. */
  time: string;
  /** TA104. */
  status: InterchangeAckStatus;
  /** TA105. */
  noteCode: string;
}

const SET_STATUSES = ['A', 'E', 'R', 'M', 'W', 'X'];
const GROUP_STATUSES = [...SET_STATUSES, 'P'];

export function read997(set: TransactionSet): FunctionalAckReport {
  if (set.id !== '997') throw refused(`set ${set.controlNumber} is a ${set.id}, not a 997`);
  const [ak1, ...rest] = set.segments;
  if (ak1?.id !== 'AK1') throw refused(`997 ${set.controlNumber} does not start with AK1`);
  const ak9 = rest.at(-1);
  if (ak9?.id !== 'AK9') throw refused(`997 ${set.controlNumber} does not end with AK9`);
  const version = element(ak1, 3);
  return {
    groupFunctionalId: element(ak1, 1), groupControlNumber: element(ak1, 2), ...(version ? { version } : {}),
    sets: setReports(rest.slice(0, -1), set.controlNumber),
    status: status(element(ak9, 1), GROUP_STATUSES, 'AK901') as GroupAckStatus,
    included: count(element(ak9, 2), 'AK902'), received: count(element(ak9, 3), 'AK903'), accepted: count(element(ak9, 4), 'AK904'),
    codes: codesFrom(ak9, 5),
  };
}

export function readTa1(segment: Segment): InterchangeAckReport {
  if (segment.id !== 'TA1') throw refused(`segment ${segment.index} is a ${segment.id}, not a TA1`);
  return {
    controlNumber: element(segment, 1), date: element(segment, 2), time: element(segment, 3),
    status: status(element(segment, 4), ['A', 'E', 'R'], 'TA104') as InterchangeAckStatus, noteCode: element(segment, 5),
  };
}

function setReports(segments: readonly Segment[], controlNumber: string): SetAckReport[] {
  const reports: SetAckReport[] = [];
  let current: SetAckReport | undefined;
  let error: ReportedSegmentError | undefined;
  for (const segment of segments) {
    if (segment.id === 'AK2') {
      const reference = element(segment, 3);
      current = { id: element(segment, 1), controlNumber: element(segment, 2), ...(reference ? { implementationReference: reference } : {}), status: 'A', codes: [], errors: [] };
      error = undefined;
    } else if (segment.id === 'AK3' && current) {
      error = segmentError(segment);
      current.errors.push(error);
    } else if (segment.id === 'AK4' && error) {
      error.elements.push(elementError(segment));
    } else if (segment.id === 'AK5' && current) {
      current.status = status(element(segment, 1), SET_STATUSES, 'AK501') as SetAckStatus;
      current.codes = codesFrom(segment, 2);
      reports.push(current);
      current = undefined;
    } else {
      throw refused(`997 ${controlNumber}: ${segment.id} (segment ${segment.index}) is out of place`);
    }
  }
  if (current) throw refused(`997 ${controlNumber}: the AK2 of set ${current.controlNumber} has no AK5`);
  return reports;
}

function segmentError(segment: Segment): ReportedSegmentError {
  const loopId = element(segment, 3);
  return { segmentId: element(segment, 1), position: element(segment, 2), ...(loopId ? { loopId } : {}), code: element(segment, 4), elements: [] };
}

function elementError(segment: Segment): ReportedSegmentError['elements'][number] {
  const [reference, copy] = [element(segment, 2), element(segment, 4)];
  return { position: element(segment, 1), ...(reference ? { reference } : {}), code: element(segment, 3), ...(copy ? { copy } : {}) };
}

function codesFrom(segment: Segment, first: number): string[] {
  return segment.elements.slice(first).filter((code) => code !== '');
}

function status(value: string, allowed: readonly string[], name: string): string {
  if (!allowed.includes(value)) throw refused(`${name} "${value}" is not one of ${allowed.join(', ')}`);
  return value;
}

function count(value: string, name: string): number {
  if (!/^\d{1,6}$/.test(value)) throw refused(`${name} "${value}" is no count`);
  return Number(value);
}

function refused(message: string): BadInputError {
  return new BadInputError(message, { code: 'X12_997_UNREADABLE', hint: 'ask the partner to send the acknowledgement again' });
}
