/**
 * The 997 functional acknowledgement of one received group: what the partner makes of
 * it (every set accepted; every set rejected with AK5 code 5 when told to reject; sets
 * with envelope problems rejected with their codes, the whole group rejected when its
 * own envelope or its interchange's is wrong, `P` when only some sets pass) and the
 * AK1/AK2/AK5/AK9 segments that say so. FA groups are never acknowledged.
 */
import type { ReadInterchange } from './envelope-reader.js';
import type { GroupVerdict, ParsedGroup, X12Version } from './types.js';

export interface GroupJudgement {
  verdict: GroupVerdict;
  groupErrorCodes: string[];
  sets: Array<{ id: string; controlNumber: string; verdict: 'A' | 'R'; errorCodes: string[] }>;
  accepted: number;
}

/** AK5 code 5: one or more segments in error (the partner's business rejection). */
const REJECTED_SET_CODE = '5';

export function needsAcknowledgement(group: ParsedGroup): boolean {
  return group.functionalId !== 'FA';
}

export function judgeGroup(interchange: ReadInterchange, group: ParsedGroup, mode: 'accept' | 'reject'): GroupJudgement {
  if (mode === 'reject') {
    const sets = group.sets.map((set) => ({ id: set.id, controlNumber: set.controlNumber, verdict: 'R' as const, errorCodes: [REJECTED_SET_CODE] }));
    return { verdict: 'R', groupErrorCodes: [], sets, accepted: 0 };
  }
  const sets = group.sets.map((set) => ({
    id: set.id, controlNumber: set.controlNumber, verdict: set.errorCodes.length > 0 ? 'R' as const : 'A' as const, errorCodes: [...set.errorCodes],
  }));
  const passing = sets.filter((set) => set.verdict === 'A').length;
  const envelopeWrong = group.errorCodes.length > 0 || interchange.interchangeProblems.length > 0;
  return { verdict: verdictOf(envelopeWrong, passing, sets.length), groupErrorCodes: [...group.errorCodes], sets, accepted: envelopeWrong ? 0 : passing };
}

function verdictOf(envelopeWrong: boolean, passing: number, total: number): GroupVerdict {
  if (envelopeWrong || (passing === 0 && total > 0)) return 'R';
  return passing === total ? 'A' : 'P';
}

/** The segments of the 997 between ST and SE. */
export function acknowledgementSegments(group: ParsedGroup, judgement: GroupJudgement, version: X12Version): string[][] {
  const ak1 = ['AK1', group.functionalId, group.controlNumber, ...(version === '005010' ? [group.version] : [])];
  const perSet = judgement.sets.flatMap((set) => [['AK2', set.id, set.controlNumber], ['AK5', set.verdict, ...set.errorCodes.slice(0, 5)]]);
  const included = group.declaredSetCount ?? group.sets.length;
  const ak9 = ['AK9', judgement.verdict, String(included), String(group.sets.length), String(judgement.accepted), ...judgement.groupErrorCodes.slice(0, 5)];
  return [ak1, ...perSet, ak9];
}
