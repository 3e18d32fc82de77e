/**
 * Nests an interchange's segments into groups and transaction sets and checks the
 * envelopes: SE01 counts the set's segments with ST and SE and SE02 repeats ST02 (AK5
 * codes 4 and 3, 2 when SE is missing), GE01 counts the sets and GE02 repeats GS06 (AK9
 * codes 5 and 4, 3 when GE is missing), IEA01 counts the groups and IEA02 repeats
 * ISA13. TA1 segments are kept. Every problem is written down, nothing is thrown.
 */
import type { RawInterchange } from './x12-reader.js';
import type { ParsedGroup, ParsedInterchange, ParsedSet, Ta1 } from './types.js';

/** Who the interchange should come from and go to, and its usage indicator. */
export interface ExpectedAddressing {
  sender: { qualifier: string; id: string };
  receiver: { qualifier: string; id: string };
  usage: string;
}

/** An interchange as read (its `interchangeProblems` reject every group of it). */
export type ReadInterchange = ParsedInterchange;

interface OpenSet extends ParsedSet {
  count: number;
}

class EnvelopeWalk {
  readonly groups: ParsedGroup[] = [];
  readonly ta1: Ta1[] = [];
  readonly problems: string[] = [];
  group: ParsedGroup | undefined;
  set: OpenSet | undefined;
  /** Segments of a set outside any group are skipped until its SE. */
  orphanSet = false;
  ieaSeen = false;

  constructor(readonly isa: string[]) {}

  take(segment: string[]): void {
    const id = segment[0] ?? '';
    if (this.ieaSeen) this.problems.push(`segment ${id} after IEA`);
    else if (id === 'GS') this.openGroup(segment);
    else if (id === 'ST') this.openSet(segment);
    else if (id === 'SE') this.closeSet(segment);
    else if (id === 'GE') this.closeGroup(segment);
    else if (id === 'IEA') this.closeInterchange(segment);
    else if (this.set) this.addToSet(segment);
    else if (this.orphanSet) return;
    else if (id === 'TA1') this.ta1.push(ta1Of(segment));
    else this.problems.push(`segment ${id} outside a transaction set`);
  }

  finish(): void {
    if (this.ieaSeen) return;
    this.endOpenGroup('the interchange ends');
    this.problems.push('the interchange has no IEA trailer');
  }

  openGroup(segment: string[]): void {
    this.endOpenGroup('a GS segment follows');
    this.group = {
      functionalId: segment[1] ?? '', applicationSender: segment[2] ?? '', applicationReceiver: segment[3] ?? '', date: segment[4] ?? '',
      time: segment[5] ?? '', controlNumber: segment[6] ?? '', version: segment[8] ?? '', sets: [], problems: [], errorCodes: [],
    };
  }

  openSet(segment: string[]): void {
    this.endOpenSet('an ST segment follows');
    if (!this.group) {
      this.problems.push(`transaction set ${segment[1] ?? ''} ${segment[2] ?? ''} outside a functional group`);
      this.orphanSet = true;
      return;
    }
    this.set = { id: segment[1] ?? '', controlNumber: segment[2] ?? '', segments: [], problems: [], errorCodes: [], count: 1 };
  }

  addToSet(segment: string[]): void {
    this.set!.segments.push(segment);
    this.set!.count += 1;
  }

  closeSet(segment: string[]): void {
    if (this.orphanSet) {
      this.orphanSet = false;
      return;
    }
    const set = this.set;
    if (!set) {
      this.problems.push('SE segment without ST');
      return;
    }
    set.count += 1;
    if (segment[1] !== String(set.count)) flag(set, '4', `SE01 is ${segment[1] ?? '(none)'} but the set has ${set.count} segments`);
    if (segment[2] !== set.controlNumber) flag(set, '3', `SE02 ${segment[2] ?? '(none)'} differs from ST02 ${set.controlNumber}`);
    this.keepSet(set);
  }

  closeGroup(segment: string[]): void {
    this.endOpenSet('GE follows');
    const group = this.group;
    if (!group) {
      this.problems.push('GE segment without GS');
      return;
    }
    const declared = Number(segment[1]);
    if (Number.isInteger(declared)) group.declaredSetCount = declared;
    if (segment[1] !== String(group.sets.length)) flag(group, '5', `GE01 is ${segment[1] ?? '(none)'} but the group has ${group.sets.length} transaction sets`);
    if (segment[2] !== group.controlNumber) flag(group, '4', `GE02 ${segment[2] ?? '(none)'} differs from GS06 ${group.controlNumber}`);
    this.groups.push(group);
    this.group = undefined;
  }

  closeInterchange(segment: string[]): void {
    this.endOpenGroup('IEA follows');
    this.ieaSeen = true;
    if (segment[1] !== String(this.groups.length)) this.problems.push(`IEA01 is ${segment[1] ?? '(none)'} but the interchange has ${this.groups.length} functional groups`);
    if (segment[2] !== this.isa[13]) this.problems.push(`IEA02 ${segment[2] ?? '(none)'} differs from ISA13 ${this.isa[13] ?? ''}`);
  }

  endOpenSet(reason: string): void {
    if (this.orphanSet) this.orphanSet = false;
    if (!this.set) return;
    flag(this.set, '2', `transaction set ${this.set.id} ${this.set.controlNumber} has no SE trailer (${reason})`);
    this.keepSet(this.set);
  }

  endOpenGroup(reason: string): void {
    this.endOpenSet(reason);
    if (!this.group) return;
    flag(this.group, '3', `functional group ${this.group.functionalId} ${this.group.controlNumber} has no GE trailer (${reason})`);
    this.groups.push(this.group);
    this.group = undefined;
  }

  keepSet(set: OpenSet): void {
    const { count: _count, ...kept } = set;
    this.group?.sets.push(kept);
    this.set = undefined;
  }
}

export function readEnvelope(raw: RawInterchange, expected?: ExpectedAddressing): ReadInterchange {
  const isa = raw.segments[0] ?? [];
  const walk = new EnvelopeWalk(isa);
  for (const segment of raw.segments.slice(1)) walk.take(segment);
  walk.finish();
  const interchangeProblems = [...raw.problems, ...isaProblems(isa), ...walk.problems, ...(expected ? addressingProblems(isa, expected) : [])];
  const groups = walk.groups;
  return {
    sender: { qualifier: field(isa, 5), id: field(isa, 6) },
    receiver: { qualifier: field(isa, 7), id: field(isa, 8) },
    date: field(isa, 9), time: field(isa, 10), version: field(isa, 12), controlNumber: field(isa, 13), usage: field(isa, 15),
    separators: raw.separators, groups, ta1: walk.ta1,
    problems: [...interchangeProblems, ...groups.flatMap(groupProblems)],
    interchangeProblems, text: raw.text,
  };
}

function groupProblems(group: ParsedGroup): string[] {
  const where = `group ${group.functionalId} ${group.controlNumber}`;
  return [
    ...group.problems.map((problem) => `${where}: ${problem}`),
    ...group.sets.flatMap((set) => set.problems.map((problem) => `${where}, set ${set.id} ${set.controlNumber}: ${problem}`)),
  ];
}

function isaProblems(isa: string[]): string[] {
  if (isa[0] !== 'ISA') return ['the interchange does not start with ISA'];
  const problems: string[] = [];
  if (isa.length !== 17) problems.push(`the ISA segment has ${isa.length - 1} elements, not 16`);
  if (!/^\d{9}$/.test(isa[13] ?? '')) problems.push(`ISA13 ${JSON.stringify(isa[13] ?? '')} is not nine digits`);
  return problems;
}

function addressingProblems(isa: string[], expected: ExpectedAddressing): string[] {
  const problems: string[] = [];
  if (!sameParty(isa, 5, expected.sender)) problems.push(`sent by ${field(isa, 5)}/${field(isa, 6)}, not by ${expected.sender.qualifier}/${expected.sender.id}`);
  if (!sameParty(isa, 7, expected.receiver)) problems.push(`addressed to ${field(isa, 7)}/${field(isa, 8)}, not to ${expected.receiver.qualifier}/${expected.receiver.id}`);
  if (field(isa, 15) !== expected.usage) problems.push(`usage indicator ${field(isa, 15)} where ${expected.usage} was agreed`);
  return problems;
}

function sameParty(isa: string[], at: number, party: { qualifier: string; id: string }): boolean {
  return field(isa, at) === party.qualifier && field(isa, at + 1) === party.id;
}

/** An ISA element with its fixed-width padding removed. */
function field(segment: string[], at: number): string {
  return (segment[at] ?? '').trim();
}

function flag(target: { problems: string[]; errorCodes: string[] }, code: string, problem: string): void {
  target.problems.push(problem);
  if (!target.errorCodes.includes(code)) target.errorCodes.push(code);
}

function ta1Of(segment: string[]): Ta1 {
  return { controlNumber: segment[1] ?? '', date: segment[2] ?? '', time: segment[3] ?? '', code: segment[4] ?? '', noteCode: segment[5] ?? '' };
}
