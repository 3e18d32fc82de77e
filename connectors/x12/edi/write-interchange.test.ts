/**
 * The envelope writer: fixed-width ISA, GS…GE and ST…SE with their counts and control
 * numbers, trailing empty elements dropped, values holding a separator refused, and the
 * result read back as a good interchange.
 */
import { describe, expect, it } from 'vitest';
import { BadInputError } from '../../../src/sdk/index.js';
import { readInterchange } from './read-interchange.js';
import { HARBORLINE, MERIDIAN } from './testing/partners.js';
import { writeInterchange, type OutboundInterchange, type PartnerProfile } from './write-interchange.js';

const DATE = new Date('2024-03-19T08:05:00Z');
const SETS = [{ id: '855', segments: [['BAK', '00', 'AD', 'HL-PO-558120', '20240311'], ['REF', 'CO', 'SO-1', '', '']] }];

function write(profile: PartnerProfile, changes: Partial<OutboundInterchange> = {}): string {
  return writeInterchange(profile, { controlNumbers: { interchange: 42, group: 7, sets: [12] }, date: DATE, functionalId: 'PR', sets: SETS, ...changes });
}

function refusal(action: () => unknown): BadInputError {
  try {
    action();
  } catch (error) {
    if (error instanceof BadInputError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('writeInterchange', () => {
  it('writes a 004010 interchange with a fixed-width ISA, counts and control numbers', () => {
    expect(write(HARBORLINE).split('\n')).toEqual([
      'ISA*00*          *00*          *ZZ*CEDARBROOKOS   *ZZ*HARBORLINEHG   *240319*0805*U*00401*000000042*0*P*>~',
      'GS*PR*CEDARBROOKOS*HARBORLINEHG*20240319*0805*7*X*004010~',
      'ST*855*0012~',
      'BAK*00*AD*HL-PO-558120*20240311~',
      'REF*CO*SO-1~',
      'SE*4*0012~',
      'GE*1*7~',
      'IEA*1*000000042~',
      '',
    ]);
  });

  it('writes 005010 with the repetition separator in ISA11, ST03, ISA14 and test usage, on one line', () => {
    const text = write({ ...MERIDIAN, usage: 'T' }, { ackRequested: true, sets: [{ ...SETS[0]!, implementationReference: 'MHC855' }] });
    expect(text.slice(0, 106)).toBe('ISA*00*          *00*          *ZZ*CEDARBROOKOS   *ZZ*MERIDIANCOOP   *240319*0805*^*00501*000000042*1*T*:~');
    expect(text).toContain('~GS*PR*CEDARBROOKOS*MERIDIANCOOP*20240319*0805*7*X*005010~ST*855*0012*MHC855~');
    expect(text).not.toContain('\n');
  });

  it('drops ST03 in 004010 and numbers sets from 1 when no control numbers are given', () => {
    const text = writeInterchange(HARBORLINE, { controlNumbers: { interchange: 1, group: 1 }, date: DATE, functionalId: 'PR', sets: [{ ...SETS[0]!, implementationReference: 'X' }, SETS[0]!] });
    expect(text).toContain('ST*855*0001~\n');
    expect(text).toContain('ST*855*0002~\n');
  });

  it('writes only a TA1 between ISA and IEA when there are no sets', () => {
    const text = writeInterchange(HARBORLINE, { controlNumbers: { interchange: 5 }, date: DATE, sets: [], interchangeAcks: [['TA1', '000004217', '240311', '0915', 'A', '000']] });
    expect(text.split('\n').slice(1)).toEqual(['TA1*000004217*240311*0915*A*000~', 'IEA*0*000000005~', '']);
  });

  it('is read back as a good interchange with its control numbers', () => {
    for (const profile of [HARBORLINE, MERIDIAN, { ...HARBORLINE, separators: { element: '|', component: '^', segment: '\n' } }]) {
      const reading = readInterchange(write(profile));
      expect(reading.rejection).toBeUndefined();
      expect(reading.interchange).toMatchObject({ controlNumber: '000000042', senderId: 'CEDARBROOKOS', receiverId: profile.receiverId });
      expect(reading.groups.map((group) => [group.controlNumber, group.codes, group.sets.map((set) => [set.controlNumber, set.codes])])).toEqual([['7', [], [['0012', []]]]]);
    }
  });

  it('refuses a value holding a separator, naming the segment and element', () => {
    const bad = refusal(() => write(HARBORLINE, { sets: [{ id: '855', segments: [['N1', 'ST', 'Dock 4 > Gate B']] }] }));
    expect(bad).toMatchObject({ code: 'X12_SEPARATOR_IN_VALUE', message: expect.stringContaining('N102') });
    expect(bad.message).toContain('component separator');
    expect(refusal(() => write(MERIDIAN, { sets: [{ id: '855', segments: [['REF', 'ZZ', 'A^B']] }] })).message).toContain('REF02');
    expect(refusal(() => write(HARBORLINE, { sets: [{ id: '855', segments: [['MSG', 'line\nbreak']] }] })).code).toBe('X12_CONTROL_CHARACTER');
    expect(refusal(() => write(HARBORLINE, { sets: [{ id: '855', segments: [['bak', '00']] }] })).code).toBe('X12_SEGMENT_ID');
  });

  it('refuses a profile or control numbers it cannot write', () => {
    const cases: [Partial<PartnerProfile>, Partial<OutboundInterchange>, string][] = [
      [{ senderId: 'A-SENDER-ID-LONGER-THAN-15' }, {}, 'senderId'],
      [{ receiverQualifier: 'Z' }, {}, 'receiverQualifier'],
      [{ applicationSenderCode: 'C' }, {}, 'applicationSenderCode'],
      [{ separators: { element: '*', component: '*', segment: '~' } }, {}, 'differ'],
      [{ separators: { element: 'A', component: '>', segment: '~' } }, {}, 'punctuation'],
      [{}, { controlNumbers: { interchange: 1_000_000_000, group: 1 } }, 'controlNumbers.interchange'],
      [{}, { controlNumbers: { interchange: 1 } }, 'controlNumbers.group'],
      [{}, { controlNumbers: { interchange: 1, group: 1, sets: [3, 3] }, sets: [SETS[0]!, SETS[0]!] }, 'repeats'],
      [{}, { functionalId: undefined }, 'functionalId'],
    ];
    for (const [profile, interchange, words] of cases) {
      expect(refusal(() => write({ ...HARBORLINE, ...profile }, interchange)).message, words).toContain(words);
    }
  });
});
