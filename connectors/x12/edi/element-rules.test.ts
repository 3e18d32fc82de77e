/**
 * Element syntax: each type's check answers the AK403 code of what is wrong, lengths count
 * digits for numbers, and the table knows the 005010 lengths and the identifier pairs.
 */
import { describe, expect, it } from 'vitest';
import { elementProblem, type ElementRule } from './element-rules.js';
import { elementRule, isPairQualifier } from './element-table.js';
import { isoDateOf, isShortX12Date, isX12Time, x12DateOf, envelopeStampOf } from './x12-dates.js';

const rule = (type: ElementRule['type'], min: number, max: number, codes?: string[]): ElementRule => ({ reference: '1', type, min, max, ...(codes ? { codes } : {}) });

describe('elementProblem', () => {
  it('AN and ID: length (4 too short, 5 too long) and closed code lists (7)', () => {
    expect(elementProblem('PO-1', rule('AN', 1, 22))).toBeUndefined();
    expect(elementProblem('X'.repeat(23), rule('AN', 1, 22))).toBe('5');
    expect(elementProblem('A', rule('ID', 2, 2))).toBe('4');
    expect(elementProblem('09', rule('ID', 2, 2, ['00', '01']))).toBe('7');
  });

  it('N0, N2 and R: characters (6) and digit counts without sign or point', () => {
    expect(elementProblem('-1500', rule('N2', 1, 4))).toBeUndefined();
    expect(elementProblem('15.00', rule('N2', 1, 15))).toBe('6');
    expect(elementProblem('12.5', rule('R', 1, 3))).toBeUndefined();
    expect(elementProblem('1234.5', rule('R', 1, 4))).toBe('5');
    expect(elementProblem('1e3', rule('R', 1, 15))).toBe('6');
    expect(elementProblem('.5', rule('R', 1, 15))).toBeUndefined();
  });

  it('DT (8) and TM (9)', () => {
    expect(elementProblem('20240229', rule('DT', 8, 8))).toBeUndefined();
    expect(elementProblem('20230229', rule('DT', 8, 8))).toBe('8');
    expect(elementProblem('240318', rule('DT', 8, 8))).toBe('8');
    expect(elementProblem('1430', rule('TM', 4, 8))).toBeUndefined();
    expect(elementProblem('143059', rule('TM', 4, 8))).toBeUndefined();
    expect(elementProblem('2460', rule('TM', 4, 8))).toBe('9');
  });
});

describe('element table', () => {
  it('knows the 005010 lengths where they differ', () => {
    expect(elementRule('REF', 2, '004010')).toMatchObject({ reference: '127', max: 30 });
    expect(elementRule('REF', 2, '005010')).toMatchObject({ reference: '127', max: 50 });
    expect(elementRule('BEG', 3, '005010')).toMatchObject({ reference: '324', max: 22 });
    expect(elementRule('N1', 2, '004010')).toMatchObject({ max: 60 });
    expect(elementRule('N3', 1, '004010')).toMatchObject({ max: 55 });
  });

  it('derives the identifier pairs of PO1, IT1 and LIN from their position', () => {
    expect(elementRule('PO1', 6, '004010')).toMatchObject({ reference: '235', type: 'ID' });
    expect(elementRule('PO1', 7, '004010')).toMatchObject({ reference: '234', max: 48 });
    expect(elementRule('PO1', 25, '004010')).toMatchObject({ reference: '234' });
    expect(elementRule('PO1', 26, '004010')).toBeUndefined();
    expect(elementRule('LIN', 2, '004010')).toMatchObject({ reference: '235' });
    expect(isPairQualifier('IT1', 8)).toBe(true);
    expect(isPairQualifier('IT1', 9)).toBe(false);
    expect(elementRule('ZZZ', 1, '004010')).toBeUndefined();
  });
});

describe('X12 dates and times', () => {
  it('converts between CCYYMMDD and ISO, refusing days that do not exist', () => {
    expect(isoDateOf('20240311')).toBe('2024-03-11');
    expect(isoDateOf('20240431')).toBeUndefined();
    expect(x12DateOf('2024-02-29')).toBe('20240229');
    expect(x12DateOf('2024-2-9')).toBeUndefined();
    expect(x12DateOf('2023-02-29')).toBeUndefined();
    expect(isShortX12Date('240229')).toBe(true);
    expect(isShortX12Date('241301')).toBe(false);
    expect(isX12Time('235959')).toBe(true);
    expect(isX12Time('12345')).toBe(false);
  });

  it('stamps envelopes in UTC', () => {
    expect(envelopeStampOf(new Date('2024-03-11T23:45:00-08:00'))).toEqual({ shortDate: '240312', date: '20240312', time: '0745' });
  });
});
