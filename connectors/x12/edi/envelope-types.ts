/**
 * What the interchange reader gives: the ISA fields, the functional groups (GS…GE) and
 * their transaction sets (ST…SE), each with the acknowledgement codes of its envelope
 * at the level they belong (TA1 for the interchange, AK9 for a group, AK5 for a set).
 */
import type { Ak5Code, Ak9Code } from './ack-codes.js';
import type { InterchangeHeader, InterchangeProblem } from './isa-header.js';
import type { Segment } from './segments.js';
import type { SegmentError } from './syntax-errors.js';

/** One transaction set (ST…SE). */
export interface TransactionSet {
  /** ST01, e.g. `850`. */
  id: string;
  /** ST02 as sent. */
  controlNumber: string;
  /** ST03 (005010), when sent. */
  implementationReference?: string;
  /** The ST segment. */
  header: Segment;
  /** The SE segment; undefined when it is missing (AK5 2). */
  trailer?: Segment;
  /** The segments between ST and SE (both excluded). */
  segments: Segment[];
  /** Position of the ST segment in the interchange: a segment's position in the set is `index - firstSegmentIndex + 1`. */
  firstSegmentIndex: number;
  /** GS08 of the group the set came in. */
  version: string;
  /** AK502… codes of envelope errors (empty when the envelope is good). */
  codes: Ak5Code[];
  /** Segment errors found while splitting (AK304 1 for a segment id that is no X12 id). */
  errors: SegmentError[];
}

/** One functional group (GS…GE). */
export interface FunctionalGroup {
  /** GS01, e.g. `PO`, `FA`, `IN`, `SH`, `PR`. */
  functionalId: string;
  /** GS02. */
  applicationSender: string;
  /** GS03. */
  applicationReceiver: string;
  /** GS04, CCYYMMDD. */
  date: string;
  /** GS05, HHMM[SS]. */
  time: string;
  /** GS06 as sent. */
  controlNumber: string;
  /** GS07, `X`. */
  agency: string;
  /** GS08, e.g. `004010` or `005010VICS`. */
  version: string;
  /** The GS segment. */
  header: Segment;
  /** The GE segment; undefined when it is missing (AK9 3). */
  trailer?: Segment;
  /** GE01 as sent. */
  declaredSetCount?: string;
  sets: TransactionSet[];
  /** AK905… codes of group envelope errors (empty when the envelope is good). */
  codes: Ak9Code[];
}

/** The reading of one interchange (ISA…IEA). */
export interface InterchangeReading {
  /** ISA fields; undefined when the data has no readable ISA (nothing to answer a TA1 to). */
  interchange?: InterchangeHeader;
  /** Set when the whole interchange is rejected (TA104 R): its TA105 note code and why. The groups are then empty. */
  rejection?: InterchangeProblem;
  /** TA1 segments between ISA and the first GS: acknowledgements of interchanges we sent. */
  interchangeAcks: Segment[];
  groups: FunctionalGroup[];
}
