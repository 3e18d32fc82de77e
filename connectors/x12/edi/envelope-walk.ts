/**
 * The walk over the segments after ISA that builds functional groups and transaction
 * sets and notes what is wrong with their envelopes: a segment outside its envelope is an
 * invalid control structure (TA1 022), a GS missing an element is invalid content (TA1
 * 024); trailers that are missing or disagree with their headers get AK9 and AK5 codes.
 */
import type { InterchangeProblem } from './isa-header.js';
import type { FunctionalGroup, TransactionSet } from './envelope-types.js';
import { isSupportedGroup, setIdFit } from './functional-groups.js';
import { element, type Segment } from './segments.js';
import { supportedVersionOf } from './versions.js';
import { isX12Date, isX12Time } from './x12-dates.js';

const SEGMENT_ID = /^[A-Z][A-Z0-9]{1,2}$/;

export class EnvelopeWalk {
  readonly groups: FunctionalGroup[] = [];
  readonly interchangeAcks: Segment[] = [];
  /** The IEA segment, once reached. */
  trailer: Segment | undefined;
  private group: FunctionalGroup | undefined;
  private set: TransactionSet | undefined;

  /** Takes the next segment; answers the interchange-level problem it causes, if any. */
  take(segment: Segment): InterchangeProblem | undefined {
    if (this.trailer) return { noteCode: '024', message: `segment ${segment.index} (${segment.id}) follows the IEA trailer` };
    switch (segment.id) {
      case 'ISA': return { noteCode: '022', message: `a second ISA (segment ${segment.index}) starts before the IEA of the first` };
      case 'IEA': this.closeGroup(); this.trailer = segment; return undefined;
      case 'TA1': return this.takeInterchangeAck(segment);
      case 'GS': this.closeGroup(); return this.openGroup(segment);
      case 'GE': return this.closeGroupWith(segment);
      case 'ST': return this.openSet(segment);
      case 'SE': return this.closeSetWith(segment);
      default: return this.takeSetSegment(segment);
    }
  }

  private takeInterchangeAck(segment: Segment): InterchangeProblem | undefined {
    if (this.group || this.groups.length > 0) return outside(segment, 'before the first functional group');
    this.interchangeAcks.push(segment);
    return undefined;
  }

  private openGroup(gs: Segment): InterchangeProblem | undefined {
    const problem = groupHeaderProblem(gs);
    if (problem) return problem;
    const group: FunctionalGroup = {
      functionalId: element(gs, 1), applicationSender: element(gs, 2), applicationReceiver: element(gs, 3), date: element(gs, 4),
      time: element(gs, 5), controlNumber: element(gs, 6), agency: element(gs, 7), version: element(gs, 8), header: gs, sets: [], codes: [],
    };
    if (!isSupportedGroup(group.functionalId)) group.codes.push('1');
    if (group.agency !== 'X' || supportedVersionOf(group.version) === undefined) group.codes.push('2');
    if (!/^\d{1,9}$/.test(group.controlNumber)) group.codes.push('6');
    this.group = group;
    return undefined;
  }

  private closeGroupWith(ge: Segment): InterchangeProblem | undefined {
    const group = this.group;
    if (!group) return outside(ge, 'inside a functional group');
    this.closeSet();
    group.trailer = ge;
    group.declaredSetCount = element(ge, 1);
    if (!isCount(element(ge, 1), group.sets.length)) group.codes.push('5');
    if (element(ge, 2) !== group.controlNumber) group.codes.push('4');
    this.finishGroup(group);
    return undefined;
  }

  /** Ends the open group (if any) without its trailer. */
  private closeGroup(): void {
    const group = this.group;
    if (!group) return;
    this.closeSet();
    group.codes.push('3');
    this.finishGroup(group);
  }

  private finishGroup(group: FunctionalGroup): void {
    this.groups.push(group);
    this.group = undefined;
  }

  private openSet(st: Segment): InterchangeProblem | undefined {
    const group = this.group;
    if (!group) return outside(st, 'inside a functional group');
    this.closeSet();
    const set: TransactionSet = {
      id: element(st, 1), controlNumber: element(st, 2), header: st, segments: [], firstSegmentIndex: st.index,
      version: group.version, codes: [], errors: [],
    };
    if (element(st, 3) !== '') set.implementationReference = element(st, 3);
    this.checkSetHeader(set, group);
    group.sets.push(set);
    this.set = set;
    return undefined;
  }

  private checkSetHeader(set: TransactionSet, group: FunctionalGroup): void {
    if (isSupportedGroup(group.functionalId)) {
      const fit = setIdFit(set.id, group.functionalId);
      if (fit === 'invalid') set.codes.push('6');
      if (fit === 'not-supported') set.codes.push('1');
    }
    if (set.controlNumber.trim().length < 4 || set.controlNumber.length > 9) set.codes.push('7');
    else if (group.sets.some((other) => other.controlNumber === set.controlNumber)) set.codes.push('23');
  }

  private closeSetWith(se: Segment): InterchangeProblem | undefined {
    const set = this.set;
    if (!set) return outside(se, 'inside a transaction set');
    set.trailer = se;
    if (element(se, 2) !== set.controlNumber) set.codes.push('3');
    if (!isCount(element(se, 1), set.segments.length + 2)) set.codes.push('4');
    this.set = undefined;
    return undefined;
  }

  /** Ends the open set (if any) without its trailer. */
  private closeSet(): void {
    if (!this.set) return;
    this.set.codes.push('2');
    this.set = undefined;
  }

  private takeSetSegment(segment: Segment): InterchangeProblem | undefined {
    const set = this.set;
    if (!set) return outside(segment, 'inside a transaction set');
    set.segments.push(segment);
    if (!SEGMENT_ID.test(segment.id)) {
      set.errors.push({ segmentId: segment.id.slice(0, 3), position: segment.index - set.firstSegmentIndex + 1, code: '1', elements: [], rejectsSet: false });
    }
    return undefined;
  }
}

/** What makes a GS unreadable (TA1 024): a mandatory element missing, a bad date or time. */
function groupHeaderProblem(gs: Segment): InterchangeProblem | undefined {
  const missing = [1, 2, 3, 4, 5, 6, 7, 8].find((position) => element(gs, position) === '');
  if (missing !== undefined) return { noteCode: '024', message: `the GS segment ${gs.index} has no GS0${missing}` };
  if (!isX12Date(element(gs, 4))) return { noteCode: '024', message: `GS04 "${element(gs, 4)}" (segment ${gs.index}) is no CCYYMMDD date` };
  if (!isX12Time(element(gs, 5))) return { noteCode: '024', message: `GS05 "${element(gs, 5)}" (segment ${gs.index}) is no HHMM time` };
  return undefined;
}

function outside(segment: Segment, where: string): InterchangeProblem {
  return { noteCode: '022', message: `segment ${segment.index} (${segment.id}) is not ${where}` };
}

function isCount(text: string, actual: number): boolean {
  return /^\d{1,10}$/.test(text) && Number(text) === actual;
}
