/** Tracking numbers: published valid numbers of each carrier pass, single-digit mistakes do not, and made numbers check. */
import { describe, expect, it } from 'vitest';
import { makeTrackingNumber, trackingUrl, validTrackingNumber, TRACKING_FORMATS } from './tracking-numbers.js';
import type { TrackingFormat } from './types.js';

/** Numbers published as valid (UPS's developer-guide sample and the tracking_number_data test sets). */
const PUBLISHED: Record<TrackingFormat, string[]> = {
  ups: ['1Z999AA10123456784', '1Z5R89390357567127', '1Z879E930346834440', '1Z410E7W0392751591', '1Z8V92A70367203024'],
  fedex: ['986578788855', '477179081230', '799531274483', '790535312317', '974367662710'],
  usps: ['9400111201080805483016', '9361289878700317633795', '9405803699300124287899', '9101123456789000000013', '9505511069605048600624'],
  dhl: ['3318810025', '8487135506', '1099255990', '3821724944', '3318810036', '3318810014'],
};

const PUBLISHED_INVALID: Record<TrackingFormat, string[]> = {
  ups: ['1Z1111111111111111', '2Z5R89390357567127'],
  fedex: ['996578788855'],
  usps: ['9200000000000000000000'],
  dhl: ['3318810010', '3318810034', '3318810011'],
};

describe('tracking-number check digits', () => {
  for (const format of TRACKING_FORMATS) {
    it(`accepts published ${format} numbers and refuses published invalid ones`, () => {
      for (const number of PUBLISHED[format]) expect(validTrackingNumber(format, number), number).toBe(true);
      for (const number of PUBLISHED_INVALID[format]) expect(validTrackingNumber(format, number), number).toBe(false);
    });

    it(`refuses a ${format} number with its check digit changed`, () => {
      for (const number of PUBLISHED[format]) {
        const check = Number(number.slice(-1));
        const wrong = `${number.slice(0, -1)}${(check + 1) % 10}`;
        expect(validTrackingNumber(format, wrong), wrong).toBe(false);
      }
    });

    it(`makes ${format} numbers that pass the check, for many serials and every service`, () => {
      for (const service of ['GROUND', 'EXPRESS', 'OVERNIGHT'] as const) {
        for (let serial = 0; serial < 500; serial += 7) {
          const number = makeTrackingNumber(format, serial * 7919, { service });
          expect(validTrackingNumber(format, number), number).toBe(true);
        }
      }
    });
  }

  it('reproduces the UPS developer-guide sample from its parts', () => {
    expect(makeTrackingNumber('ups', 2_345_678, { service: 'OVERNIGHT', shipperNumber: '999AA1' })).toBe('1Z999AA10123456784');
  });

  it('makes numbers of each format with the real shape', () => {
    expect(makeTrackingNumber('ups', 1)).toMatch(/^1Z999AA103\d{7}\d$/);
    expect(makeTrackingNumber('fedex', 1)).toMatch(/^\d{12}$/);
    expect(makeTrackingNumber('usps', 1)).toMatch(/^9400\d{18}$/);
    expect(makeTrackingNumber('usps', 1, { service: 'EXPRESS' })).toMatch(/^9205\d{18}$/);
    expect(makeTrackingNumber('dhl', 1)).toMatch(/^\d{10}$/);
  });

  it('reads numbers with spaces and in lower case', () => {
    expect(validTrackingNumber('ups', '1z 999 aa1 01 2345 6784')).toBe(true);
    expect(validTrackingNumber('usps', '9400 1112 0108 0805 4830 16')).toBe(true);
  });

  it('refuses numbers of the wrong shape', () => {
    expect(validTrackingNumber('fedex', '98657878885')).toBe(false);
    expect(validTrackingNumber('dhl', '73891051146')).toBe(false);
    expect(validTrackingNumber('usps', '1Z999AA10123456784')).toBe(false);
  });

  it('refuses a negative or fractional serial', () => {
    expect(() => makeTrackingNumber('ups', -1)).toThrow(RangeError);
    expect(() => makeTrackingNumber('dhl', 1.5)).toThrow(RangeError);
  });

  it("links each carrier's public tracking page", () => {
    expect(trackingUrl('ups', '1Z999AA10123456784')).toBe('https://www.ups.com/track?tracknum=1Z999AA10123456784');
    expect(trackingUrl('fedex', '986578788855')).toBe('https://www.fedex.com/fedextrack/?trknbr=986578788855');
    expect(trackingUrl('usps', '9400111201080805483016')).toBe('https://tools.usps.com/go/TrackConfirmAction?tLabels=9400111201080805483016');
    expect(trackingUrl('dhl', '3318810025')).toBe('https://www.dhl.com/en/express/tracking.html?AWB=3318810025');
  });
});
