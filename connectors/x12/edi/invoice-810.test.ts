/** The 810 builder: BIG…CTT from its input, the total check, and refusals naming the field. */
import { describe, expect, it } from 'vitest';
import { amountInMinorUnits, sumOfDecimals } from './decimal-text.js';
import { invoice810, type Invoice810Input } from './invoice-810.js';
import { sampleJson } from './testing/golden-file.js';

const INPUT = sampleJson<Invoice810Input>('outbound/810-004010-harborline.input.json');

describe('invoice810', () => {
  it('writes BIG, the parties, ITD, IT1 with PID, TDS in minor units, SAC charges and CTT', () => {
    const segments = invoice810(INPUT);
    expect(segments[0]).toEqual(['BIG', '20240320', 'CB-INV-30071', '20240311', 'HL-PO-558120']);
    expect(segments.filter((segment) => segment[0] === 'N1').map((segment) => segment[1])).toEqual(['RI', 'BT', 'ST']);
    expect(segments).toContainEqual(['TDS', '69800']);
    expect(segments.filter((segment) => segment[0] === 'SAC').map((segment) => segment.slice(0, 6).join('*'))).toEqual(['SAC*C*D240***4500', 'SAC*A*C310***1300']);
    expect(segments.at(-1)).toEqual(['CTT', '2']);
  });

  it('leaves out CUR, ITD, DTM and PID when not given', () => {
    const { currency: _currency, terms: _terms, shipDate: _shipDate, ...rest } = INPUT;
    const lines = INPUT.lines.map(({ description: _description, ...line }) => line);
    const segments = invoice810({ ...rest, lines });
    expect(segments.map((segment) => segment[0]).filter((id) => ['CUR', 'ITD', 'DTM', 'PID'].includes(id ?? ''))).toEqual([]);
  });

  it.each([
    [{ totalMinor: 69801 }, 'totalMinor 69801 differs from lines + charges - allowances = 69800'],
    [{ totalMinor: 698.5 }, 'totalMinor must be a whole number'],
    [{ lines: [] }, 'lines must not be empty'],
    [{ invoiceNumber: 'CB-INV-3007100000000000' }, 'BIG02'],
    [{ currency: 'DOLLAR' }, 'CUR02'],
    [{ charges: [{ kind: 'C', code: 'D240', amountMinor: -1 }] }, 'charges[0].amountMinor must be a whole number, not negative'],
    [{ charges: [{ kind: 'X', code: 'D240', amountMinor: 1 }] }, 'charges[0].kind must be C (charge) or A (allowance)'],
    [{ charges: [{ kind: 'C', code: 'FREIGHT', amountMinor: 4500 }], totalMinor: 71100 }, 'SAC02'],
    [{ terms: { type: '01', discountDays: 10.5 } }, 'ITD05'],
    [{ invoiceDate: '20.03.2024' }, 'invoiceDate "20.03.2024" is not an ISO date'],
  ])('refuses %j', (change, message) => {
    expect(() => invoice810({ ...INPUT, ...change } as Invoice810Input)).toThrow(expect.objectContaining({ message: expect.stringContaining(message) }));
  });

  it('rounds each line amount half up to cents for the total', () => {
    const line = { lineNumber: '1', quantity: 3, uom: 'EA', unitPrice: '0.335', ids: {} };
    expect(invoice810({ ...INPUT, lines: [line], charges: [], totalMinor: 101 })).toContainEqual(['TDS', '101']);
  });
});

describe('decimal text', () => {
  it('sums and multiplies exactly', () => {
    expect(sumOfDecimals(['0.1', '0.2', '24'])).toBe('24.3');
    expect(sumOfDecimals(['1.50', '2.50'])).toBe('4');
    expect(sumOfDecimals(['-2.5', '1'])).toBe('-1.5');
    expect(amountInMinorUnits('24', '18.75')).toBe(45000n);
    expect(amountInMinorUnits('3', '0.335')).toBe(101n);
    expect(amountInMinorUnits('1', '-0.005')).toBe(-1n);
    expect(amountInMinorUnits('2', '5')).toBe(1000n);
  });
});
