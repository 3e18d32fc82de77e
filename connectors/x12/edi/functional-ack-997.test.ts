/**
 * The 997 of one group: AK1/AK2/AK3/AK4/AK5/AK9 segments and the A/E/R/P verdicts, in
 * 004010 and 005010, for group errors, set envelope errors and content errors.
 */
import { describe, expect, it } from 'vitest';
import { contentErrors } from './content-checks.js';
import type { FunctionalGroup } from './envelope-types.js';
import { functionalAck997 } from './functional-ack-997.js';
import { readInterchange } from './read-interchange.js';
import type { SegmentError } from './syntax-errors.js';
import { interchangeText, MINIMAL_850 } from './testing/isa-text.js';

const GOOD = ['ST*850*0001', ...MINIMAL_850, 'SE*5*0001'];
const NO_BEG = ['ST*850*0002', ...MINIMAL_850.slice(1), 'SE*4*0002'];
const NOTED = ['ST*850*0003', MINIMAL_850[0]!, 'DTM*002*20240399', ...MINIMAL_850.slice(1), 'SE*6*0003'];

function groupOf(sets: string[][], options: { version?: string; trailer?: string; functionalId?: string; isaVersion?: string } = {}): FunctionalGroup {
  const version = options.version ?? '004010';
  const trailer = options.trailer ?? `GE*${sets.length}*77`;
  const text = interchangeText([`GS*${options.functionalId ?? 'PO'}*A*B*20240318*1045*77*X*${version}`, ...sets.flat(), trailer], { version: options.isaVersion ?? '00401' });
  const group = readInterchange(text).groups[0];
  if (!group) throw new Error('no group');
  return group;
}

function ack(group: FunctionalGroup, version?: '004010' | '005010'): string[] {
  return functionalAck997(group, { contentCheck: contentErrors, ...(version ? { version } : {}) }).map((segment) => segment.join('*'));
}

describe('functionalAck997', () => {
  it('accepts a good group: AK1, AK2/AK5 A per set, AK9 A with its counts', () => {
    expect(ack(groupOf([GOOD]))).toEqual(['AK1*PO*77', 'AK2*850*0001', 'AK5*A', 'AK9*A*1*1*1']);
  });

  it('adds GS08 to AK1 and ST03 to AK2 in 005010', () => {
    const withReference = ['ST*850*0001*MHC850', ...GOOD.slice(1)];
    expect(ack(groupOf([withReference], { version: '005010', isaVersion: '00501' }))).toEqual(['AK1*PO*77*005010', 'AK2*850*0001*MHC850', 'AK5*A', 'AK9*A*1*1*1']);
    expect(ack(groupOf([withReference], { version: '005010', isaVersion: '00501' }), '004010')).toEqual(['AK1*PO*77', 'AK2*850*0001', 'AK5*A', 'AK9*A*1*1*1']);
  });

  it('E: only noted errors; R: an unusable set; P: some rejected, some accepted', () => {
    expect(ack(groupOf([NOTED]))).toEqual(['AK1*PO*77', 'AK2*850*0003', 'AK3*DTM*3**8', 'AK4*2*373*8*20240399', 'AK5*E*5', 'AK9*E*1*1*1']);
    expect(ack(groupOf([NO_BEG]))).toEqual(['AK1*PO*77', 'AK2*850*0002', 'AK3*BEG*2**3', 'AK5*R*5', 'AK9*R*1*1*0']);
    expect(ack(groupOf([GOOD, NO_BEG, NOTED])).at(-1)).toBe('AK9*P*3*3*2');
  });

  it('R on a group envelope error, with the sets still listed and none counted accepted', () => {
    expect(ack(groupOf([GOOD], { trailer: 'GE*2*77' }))).toEqual(['AK1*PO*77', 'AK2*850*0001', 'AK5*A', 'AK9*R*2*1*0*5']);
    expect(ack(groupOf([GOOD], { trailer: 'GE*1*78' })).at(-1)).toBe('AK9*R*1*1*0*4');
  });

  it('lists no sets when the group kind or version is not supported', () => {
    expect(ack(groupOf([GOOD], { version: '003040' }))).toEqual(['AK1*PO*77', 'AK9*R*1*1*0*2']);
    expect(ack(groupOf([['ST*860*0001', 'SE*2*0001']], { functionalId: 'PC' }))).toEqual(['AK1*PC*77', 'AK9*R*1*1*0*1']);
  });

  it('does not read the content of a set whose id is invalid or not supported', () => {
    expect(ack(groupOf([GOOD], { functionalId: 'FA' }))).toEqual(['AK1*FA*77', 'AK2*850*0001', 'AK5*R*6', 'AK9*R*1*1*0']);
  });

  it('writes envelope codes and content errors of a set together, at most five codes', () => {
    const group = groupOf([['ST*850*01', ...MINIMAL_850.slice(1), 'SE*9*02']]);
    expect(ack(group).slice(1, -1)).toEqual(['AK2*850*01', 'AK3*BEG*2**3', 'AK5*R*7*3*4*5']);
    const set = group.sets[0]!;
    set.codes.push('1', '2', '6');
    expect(functionalAck997(group)[2]).toEqual(['AK5', 'R', '7', '3', '4', '1', '2']);
  });

  it('removes separator characters from echoed values and caps AK4 at 99 per segment', () => {
    const errors: SegmentError[] = [{
      segmentId: 'N1', position: 3, code: '8', rejectsSet: false,
      elements: Array.from({ length: 120 }, (_, at) => ({ position: 2, code: '5' as const, copy: `A*B~C^D>E:${at}` })),
    }];
    const segments = functionalAck997(groupOf([GOOD]), { contentCheck: () => errors, separators: { element: '*', component: '>', segment: '~' } });
    const ak4 = segments.filter((segment) => segment[0] === 'AK4');
    expect(ak4).toHaveLength(99);
    expect(ak4[0]).toEqual(['AK4', '2', '', '5', 'ABC^DE:0']);
  });
});
