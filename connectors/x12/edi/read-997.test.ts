/**
 * Reading the partner's acknowledgements of what we sent: a 997 (golden sample from
 * Harborline, and our own 997s read back) and TA1 segments; broken 997s are refused.
 */
import { describe, expect, it } from 'vitest';
import { BadInputError } from '../../../src/sdk/index.js';
import { contentErrors } from './content-checks.js';
import { functionalAck997 } from './functional-ack-997.js';
import { read997, readTa1 } from './read-997.js';
import { readInterchange } from './read-interchange.js';
import { expectGolden, goldenJson, sampleText } from './testing/golden-file.js';
import { interchangeText, MINIMAL_850 } from './testing/isa-text.js';
import { HARBORLINE } from './testing/partners.js';
import { writeInterchange } from './write-interchange.js';

function ackSet(body: string[]) {
  const text = interchangeText(['GS*FA*A*B*20240318*1045*9*X*004010', 'ST*997*0001', ...body, `SE*${body.length + 2}*0001`, 'GE*1*9']);
  const set = readInterchange(text).groups[0]?.sets[0];
  if (!set) throw new Error('no set');
  return set;
}

describe('read997 and readTa1', () => {
  it('reads the golden 997 and TA1 from Harborline', () => {
    const reading = readInterchange(sampleText('inbound/997-004010-from-harborline.edi'));
    expect(reading.rejection).toBeUndefined();
    const report = {
      interchangeAcks: reading.interchangeAcks.map(readTa1),
      functionalAcks: reading.groups.flatMap((group) => group.sets.map(read997)),
    };
    expectGolden('expected/997-004010-from-harborline.report.json', goldenJson(report));
    expect(report.functionalAcks[0]).toMatchObject({ groupFunctionalId: 'PR', groupControlNumber: '900001', status: 'P', included: 2, received: 2, accepted: 1 });
  });

  it('reads back the 997 this library writes, 005010 fields included', () => {
    const text = interchangeText(['GS*PO*A*B*20240318*1045*77*X*005010', 'ST*850*0001*REF-1', ...MINIMAL_850.slice(1), 'SE*4*0001', 'GE*1*77'], { version: '00501' });
    const group = readInterchange(text).groups[0]!;
    const ack = writeInterchange(HARBORLINE, { controlNumbers: { interchange: 3, group: 3 }, date: new Date(0), functionalId: 'FA', sets: [{ id: '997', segments: functionalAck997(group, { version: '005010', contentCheck: contentErrors }) }] });
    const report = read997(readInterchange(ack).groups[0]!.sets[0]!);
    expect(report).toEqual({
      groupFunctionalId: 'PO', groupControlNumber: '77', version: '005010', status: 'R', included: 1, received: 1, accepted: 0, codes: [],
      sets: [{ id: '850', controlNumber: '0001', implementationReference: 'REF-1', status: 'R', codes: ['5'], errors: [{ segmentId: 'BEG', position: '2', code: '3', elements: [] }] }],
    });
  });

  it('refuses a 997 without AK1 or AK9, with an AK2 lacking AK5, or with statuses that are not 997 statuses', () => {
    for (const body of [
      ['AK2*850*0001', 'AK5*A', 'AK9*A*1*1*1'],
      ['AK1*PO*1', 'AK2*850*0001', 'AK5*A'],
      ['AK1*PO*1', 'AK2*850*0001', 'AK9*A*1*1*1'],
      ['AK1*PO*1', 'AK2*850*0001', 'AK5*Q', 'AK9*A*1*1*1'],
      ['AK1*PO*1', 'AK9*Z*1*1*1'],
      ['AK1*PO*1', 'AK9*A*one*1*1'],
      ['AK1*PO*1', 'AK4*1**1', 'AK9*A*1*1*1'],
    ]) {
      expect(() => read997(ackSet(body)), body.join('~')).toThrow(BadInputError);
    }
    expect(() => readTa1({ id: 'TA1', elements: ['TA1', '000000001', '240101', '0000', 'Q', '000'], index: 2 })).toThrow(/TA104/);
    expect(() => read997({ ...ackSet(['AK1*PO*1', 'AK9*A*0*0*0']), id: '850' })).toThrow(/not a 997/);
  });
});
