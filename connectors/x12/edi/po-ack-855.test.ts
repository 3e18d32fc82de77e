/** The 855 builder: BAK/REF/PO1/ACK/CTT from its input, and refusals naming the field. */
import { describe, expect, it } from 'vitest';
import { poAck855, type PoAck855Input } from './po-ack-855.js';
import { sampleJson } from './testing/golden-file.js';

const INPUT = sampleJson<PoAck855Input>('outbound/855-004010-harborline.input.json');

describe('poAck855', () => {
  it('writes BAK with our order number and the acknowledgement date, a PO1 and ACK per line, and CTT', () => {
    const segments = poAck855(INPUT);
    expect(segments[0]).toEqual(['BAK', '00', 'AC', 'HL-PO-558120', '20240311', '', '', '', 'CB-SO-240312-0087', '20240312']);
    expect(segments.filter((segment) => segment[0] === 'ACK').map((segment) => segment.join('*'))).toEqual([
      'ACK*IA*24*EA*068*20240319', 'ACK*IQ*4*CA*068*20240319', 'ACK*IB*10*EA*068*20240402',
    ]);
    expect(segments.at(-1)).toEqual(['CTT', '3']);
  });

  it('writes an ACK without date, a rejected line with quantity 0, and no lines for AK and RJ', () => {
    const line = { ...INPUT.lines[0]!, ack: { status: 'IR' as const, quantity: 0, uom: 'EA' } };
    expect(poAck855({ ...INPUT, ackType: 'RD', lines: [line] })).toContainEqual(['ACK', 'IR', '0', 'EA']);
    expect(poAck855({ ...INPUT, ackType: 'RJ', lines: [] })).toEqual([['BAK', '00', 'RJ', 'HL-PO-558120', '20240311', '', '', '', 'CB-SO-240312-0087', '20240312'], ['REF', 'VR', 'CEDAR-41']]);
  });

  it.each([
    [{ poNumber: 'HL-PO-5581200000000000000' }, 'BAK03 "HL-PO-5581200000000000000": data element too long (AN 1-22 in 004010)'],
    [{ poDate: '2024-02-30' }, 'poDate "2024-02-30" is not an ISO date'],
    [{ ackType: 'XX' }, 'ackType "XX" must be AC, AD, AK, RD or RJ'],
    [{ ackType: 'AK' }, 'lines must be empty'],
    [{ ackType: 'AD' }, 'ackType AD says "no change" but lines[1].ack.status is IQ'],
    [{ lines: [] }, 'lines are required'],
    [{ references: { VR: 'R'.repeat(31) } }, 'REF02'],
    [{ lines: [INPUT.lines[0]!, INPUT.lines[0]!] }, 'line number 1 appears twice'],
    [{ lines: [{ ...INPUT.lines[0]!, quantity: -1 }] }, 'lines[0].quantity must be a positive number'],
    [{ lines: [{ ...INPUT.lines[0]!, unitPrice: '18,75' }] }, 'lines[0].unitPrice "18,75" is not a decimal'],
    [{ lines: [{ ...INPUT.lines[0]!, ids: { B: 'x' } }] }, 'lines[0].ids qualifier "B"'],
    [{ lines: [{ ...INPUT.lines[0]!, ids: { VP: 'V'.repeat(49) } }] }, 'PO107'],
    [{ lines: [{ ...INPUT.lines[0]!, ack: { ...INPUT.lines[0]!.ack, status: 'ZZ' } }] }, 'lines[0].ack.status "ZZ"'],
  ])('refuses %j', (change, message) => {
    expect(() => poAck855({ ...INPUT, ...change } as PoAck855Input)).toThrow(expect.objectContaining({ message: expect.stringContaining(message), code: 'X12_OUTBOUND_VALUE' }));
  });

  it('takes REF02 up to 50 characters in 005010', () => {
    expect(poAck855({ ...INPUT, references: { VR: 'R'.repeat(50) } }, '005010')[1]).toEqual(['REF', 'VR', 'R'.repeat(50)]);
  });

  it('names the document in each refusal', () => {
    expect(() => poAck855({ ...INPUT, poNumber: '' })).toThrow('855 PO acknowledgement: poNumber is required');
  });
});
