/**
 * Golden acknowledgements: each inbound sample, good or bad, answered with the
 * acknowledgement interchange (TA1 or 997) compared byte for byte with the committed file,
 * and read back to check the codes it states. Bad samples hold one envelope or content
 * error each (see samples/README.md).
 */
import { describe, expect, it } from 'vitest';
import { acknowledgementInterchange } from './acknowledge-interchange.js';
import { contentErrors } from './content-checks.js';
import { read997, readTa1 } from './read-997.js';
import { readInterchange } from './read-interchange.js';
import { expectGolden, sampleText } from './testing/golden-file.js';
import { FIXED_CONTROLS, FIXED_DATE, HARBORLINE, MERIDIAN } from './testing/partners.js';
import type { PartnerProfile } from './write-interchange.js';

interface Expected {
  /** TA104/TA105 of the answer's TA1, when it has one. */
  ta1?: string;
  /** AK901 and AK905… of each 997. */
  groups?: string[];
  /** AK501 and AK502… of each set, per 997. */
  sets?: string[][];
}

const CASES: [string, PartnerProfile, Expected][] = [
  ['850-004010-harborline', HARBORLINE, { ta1: 'A 000', groups: ['A'], sets: [['A']] }],
  ['850-005010-meridian-multi', MERIDIAN, { groups: ['A', 'A'], sets: [['A', 'A'], ['A']] }],
  ['bad/iea02-differs-from-isa13', HARBORLINE, { ta1: 'R 001' }],
  ['bad/iea01-wrong-group-count', HARBORLINE, { ta1: 'R 021' }],
  ['bad/truncated', HARBORLINE, { ta1: 'R 023' }],
  ['bad/control-character', HARBORLINE, { ta1: 'R 024' }],
  ['bad/isa05-bad-sender-qualifier', HARBORLINE, { ta1: 'R 005' }],
  ['bad/se01-wrong-segment-count', HARBORLINE, { groups: ['R'], sets: [['R 4']] }],
  ['bad/se02-differs-from-st02', HARBORLINE, { groups: ['R'], sets: [['R 3']] }],
  ['bad/missing-se', HARBORLINE, { groups: ['R'], sets: [['R 2']] }],
  ['bad/missing-beg', HARBORLINE, { groups: ['R'], sets: [['R 5']] }],
  ['bad/850-in-fa-group', HARBORLINE, { groups: ['R'], sets: [['R 6']] }],
  ['bad/ge01-wrong-set-count', HARBORLINE, { groups: ['R 5'], sets: [['A']] }],
  ['bad/ge02-differs-from-gs06', HARBORLINE, { groups: ['R 4'], sets: [['A']] }],
  ['bad/version-003040', HARBORLINE, { groups: ['R 2'], sets: [[]] }],
  ['bad/850-content-errors', HARBORLINE, { groups: ['R'], sets: [['R 5']] }],
  ['bad/850-noted-errors', HARBORLINE, { groups: ['E'], sets: [['E 5']] }],
  ['bad/partially-accepted-group', HARBORLINE, { groups: ['P'], sets: [['A', 'R 5']] }],
];

function answer(sample: string, profile: PartnerProfile): string {
  const reading = readInterchange(sampleText(`inbound/${sample}.edi`));
  const text = acknowledgementInterchange(reading, { profile, controlNumbers: FIXED_CONTROLS, date: FIXED_DATE, contentCheck: contentErrors });
  if (text === undefined) throw new Error(`no acknowledgement for ${sample}`);
  return text;
}

describe.each(CASES)('%s', (sample, profile, expected) => {
  it('is answered with the committed acknowledgement, byte for byte', () => {
    expectGolden(`expected/acks/${sample.replace('bad/', 'bad-')}.ack.edi`, answer(sample, profile));
  });

  it('is answered with a good interchange stating the expected codes', () => {
    const reading = readInterchange(answer(sample, profile));
    expect(reading.rejection).toBeUndefined();
    expect(reading.interchange).toMatchObject({ senderId: 'CEDARBROOKOS', receiverId: profile.receiverId, controlNumber: '000900001' });
    const ta1 = reading.interchangeAcks.map(readTa1).map((ack) => `${ack.status} ${ack.noteCode}`);
    expect(ta1).toEqual(expected.ta1 === undefined ? [] : [expected.ta1]);
    const reports = reading.groups.flatMap((group) => group.sets.map(read997));
    expect(reports.map((report) => [report.status, ...report.codes].join(' '))).toEqual(expected.groups ?? []);
    expect(reports.map((report) => report.sets.map((set) => [set.status, ...set.codes].join(' ')))).toEqual(expected.sets ?? []);
  });
});

describe('the AK3/AK4 detail of the bad 850 samples', () => {
  it('reports every content error of 850-content-errors, with the bad values', () => {
    const report = read997(readInterchange(answer('bad/850-content-errors', HARBORLINE)).groups[0]!.sets[0]!);
    expect(report.sets[0]?.errors.map((error) => [error.segmentId, error.position, error.code, error.elements.map((bad) => `${bad.position}/${bad.reference}/${bad.code}/${bad.copy ?? ''}`)])).toEqual([
      ['BEG', '2', '8', ['5/373/8/20240231']],
      ['DTM', '3', '8', ['2/373/8/20240399']],
      ['PO1', '6', '8', ['1/350/7/1', '2/330/7/0']],
      ['PO1', '7', '8', ['3/355/2/', '9/234/2/']],
      ['CTT', '8', '8', ['1/354/7/4']],
    ]);
  });

  it('reports a missing BEG as AK3 code 3 at position 2', () => {
    const report = read997(readInterchange(answer('bad/missing-beg', HARBORLINE)).groups[0]!.sets[0]!);
    expect(report.sets[0]?.errors).toEqual([{ segmentId: 'BEG', position: '2', code: '3', elements: [] }]);
  });
});

describe('acknowledgementInterchange', () => {
  it('sends nothing for data without an ISA, or for a group of 997s without a TA1 request', () => {
    const plan = { profile: HARBORLINE, controlNumbers: FIXED_CONTROLS, date: FIXED_DATE };
    expect(acknowledgementInterchange(readInterchange('no interchange here'), plan)).toBeUndefined();
    const ack = answer('850-004010-harborline', HARBORLINE);
    expect(acknowledgementInterchange(readInterchange(ack), plan)).toBeUndefined();
  });
});
