/**
 * The verdict on one received transaction set and on its functional group, as a 997
 * states it. A set is R (rejected) when its envelope is wrong or a segment error makes it
 * unusable, E when it has only noted errors, A otherwise. A group is R on any group
 * envelope error or when every set is rejected, P when some sets are rejected and some
 * not, E when some sets have noted errors, A otherwise.
 */
import type { Ak5Code, Ak9Code, GroupAckStatus, SetAckStatus } from './ack-codes.js';
import type { FunctionalGroup, TransactionSet } from './envelope-types.js';
import type { SegmentError } from './syntax-errors.js';

/** Errors a reader of the set's content finds (AK3/AK4), e.g. the 850 reader's. */
export type ContentCheck = (set: TransactionSet) => readonly SegmentError[];

export interface SetAcknowledgement {
  set: TransactionSet;
  /** AK501. */
  status: SetAckStatus;
  /** AK502…AK506 (at most five). */
  codes: Ak5Code[];
  /** AK3/AK4 loops, by position in the set. */
  errors: SegmentError[];
}

export interface GroupAcknowledgement {
  group: FunctionalGroup;
  /** AK901. */
  status: GroupAckStatus;
  /** AK902: GE01 as declared (the count of sets read when GE01 is missing or no number). */
  included: number;
  /** AK903: sets read. */
  received: number;
  /** AK904: sets accepted (A or E); 0 when the group itself is rejected. */
  accepted: number;
  /** AK905…AK909 (at most five). */
  codes: Ak9Code[];
  /** One per set; empty when the group kind or version is not supported (its sets were not read). */
  sets: SetAcknowledgement[];
}

const MAX_CODES = 5;

export function acknowledgeSet(set: TransactionSet, contentCheck?: ContentCheck): SetAcknowledgement {
  const readable = !set.codes.includes('1') && !set.codes.includes('6');
  const content = readable && contentCheck ? contentCheck(set) : [];
  const errors = [...set.errors, ...content].sort((one, other) => one.position - other.position);
  const codes: Ak5Code[] = [...set.codes];
  if (errors.length > 0 && !codes.includes('5')) codes.push('5');
  const status: SetAckStatus = set.codes.length > 0 || errors.some((error) => error.rejectsSet) ? 'R' : errors.length > 0 ? 'E' : 'A';
  return { set, status, codes: codes.slice(0, MAX_CODES), errors };
}

export function acknowledgeGroup(group: FunctionalGroup, contentCheck?: ContentCheck): GroupAcknowledgement {
  const received = group.sets.length;
  const declared = group.declaredSetCount ?? '';
  const included = /^\d{1,6}$/.test(declared) ? Number(declared) : received;
  const codes = group.codes.slice(0, MAX_CODES);
  const unsupported = group.codes.includes('1') || group.codes.includes('2');
  const sets = unsupported ? [] : group.sets.map((set) => acknowledgeSet(set, contentCheck));
  const accepted = codes.length > 0 ? 0 : sets.filter((set) => set.status === 'A' || set.status === 'E').length;
  return { group, status: groupStatus(codes, sets), included, received, accepted, codes, sets };
}

function groupStatus(codes: readonly Ak9Code[], sets: readonly SetAcknowledgement[]): GroupAckStatus {
  if (codes.length > 0) return 'R';
  const rejected = sets.filter((set) => set.status !== 'A' && set.status !== 'E').length;
  if (sets.length > 0 && rejected === sets.length) return 'R';
  if (rejected > 0) return 'P';
  return sets.some((set) => set.status === 'E') ? 'E' : 'A';
}
