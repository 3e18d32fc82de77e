/**
 * Tracking numbers: each format pinned with published valid numbers (UPS's own sample
 * 1Z999AA10123456784, the test numbers of the jkeen/tracking_number_data and
 * jbittel/drogher projects, the UPU S10 sample), a one-digit change that must fail,
 * the choice between carriers, the tracking URLs and the carrier aliases.
 */
import { describe, expect, it } from 'vitest';
import {
  canonicalCarrierName, recognizeTrackingNumber, recognizeWith, TRACKING_FORMATS, type TrackingFormat,
} from '../../src/model/tracking-number.js';

const carrierOf = (text: string): string | undefined => recognizeTrackingNumber(text)?.carrier;

/** Each format: published valid numbers, and the same number with one digit changed. */
const PUBLISHED: Array<{ format: string; carrier: string; valid: string[]; oneDigitOff: string[] }> = [
  {
    format: 'UPS 1Z', carrier: 'UPS',
    valid: ['1Z999AA10123456784', '1Z5R89390357567127', '1Z879E930346834440', '1Z410E7W0392751591', '1Z8V92A70367203024'],
    oneDigitOff: ['1Z999AA10123456785', '1Z999AA10123456774', '1Z5R89390357567128'],
  },
  {
    format: 'FedEx Express (12)', carrier: 'FedEx',
    valid: ['986578788855', '477179081230', '799531274483', '790535312317', '974367662710'],
    oneDigitOff: ['996578788855', '986578788856'],
  },
  {
    format: 'FedEx Ground (15)', carrier: 'FedEx',
    valid: ['041441760228964', '568283610012000', '568283610012734'],
    oneDigitOff: ['568283610012732', '041441760228965'],
  },
  {
    format: 'FedEx Ground 96 (22)', carrier: 'FedEx',
    valid: ['9611020987654312345672', '9611019012345612345671', '9611019012345612345640'],
    oneDigitOff: ['9611020987654312345673', '9611019012345612345641'],
  },
  {
    format: 'FedEx Ground 96 (34)', carrier: 'FedEx',
    valid: ['9622001900000000000000776632517510', '9622001560001234567100794808390594', '9632001960000000000400152152152158'],
    oneDigitOff: ['9622001560001234567100794808390595', '9632001960000000000400152152152159'],
  },
  {
    format: 'USPS IMpb', carrier: 'USPS',
    valid: ['9400111201080805483016', '9361289878700317633795', '9505511069605048600624', '9101123456789000000013', '9405803699300124287899', '9212391234567812345670', '92748931507708513018050063'],
    oneDigitOff: ['9400111201080805483017', '9212391234567812345671', '92748931507708513018050064'],
  },
  {
    format: 'USPS S10', carrier: 'USPS',
    valid: ['RB123456785US', 'EF123456785US'],
    oneDigitOff: ['RB123456786US', 'EF123456775US'],
  },
  {
    format: 'DHL Express (10)', carrier: 'DHL',
    valid: ['3318810025', '8487135506', '1099255990', '3821724944', '1656740256'],
    oneDigitOff: ['3318810026', '3318810034', '1656740257'],
  },
];

describe('recognizeTrackingNumber: published numbers', () => {
  for (const { format, carrier, valid, oneDigitOff } of PUBLISHED) {
    it(`${format}: recognises published numbers as ${carrier}`, () => {
      for (const number of valid) expect(carrierOf(number), number).toBe(carrier);
    });
    it(`${format}: refuses a one-digit change`, () => {
      for (const number of oneDigitOff) expect(carrierOf(number), number).toBeUndefined();
    });
  }

  it('recognises DHL eCommerce and DHL Parcel by prefix alone', () => {
    expect(carrierOf('GM2951173225174494')).toBe('DHL');
    expect(carrierOf('GM295117494011169042')).toBe('DHL');
    expect(carrierOf('JJD0099999999')).toBe('DHL');
    expect(carrierOf('GM29511732251744')).toBeUndefined();
    expect(carrierOf('GS295117494011169041')).toBeUndefined();
    expect(carrierOf('XJD0099999998')).toBeUndefined();
  });

  it('takes S10 numbers posted in the US only', () => {
    expect(carrierOf('RB123456785GB')).toBeUndefined();
  });

  it('knows nothing of other shapes', () => {
    for (const text of ['', '1ZPART1', '12345', '0000', 'hello world', '1Z999AA1012345678', '9600000000000000000001', '9200000000000000000000']) {
      expect(carrierOf(text), text).toBeUndefined();
    }
  });
});

describe('recognizeTrackingNumber: normalisation and URLs', () => {
  it('upper-cases and drops spaces and dashes', () => {
    expect(recognizeTrackingNumber(' 1z 999 aa1-0123-456784 ')).toEqual({
      carrier: 'UPS', trackingNumber: '1Z999AA10123456784', url: 'https://www.ups.com/track?tracknum=1Z999AA10123456784',
    });
    expect(recognizeTrackingNumber('9400 1112 0108 0805 4830 16')?.trackingNumber).toBe('9400111201080805483016');
  });

  it('gives each carrier its public tracking page', () => {
    expect(recognizeTrackingNumber('986578788855')?.url).toBe('https://www.fedex.com/fedextrack/?trknbr=986578788855');
    expect(recognizeTrackingNumber('9400111201080805483016')?.url).toBe('https://tools.usps.com/go/TrackConfirmAction?tLabels=9400111201080805483016');
    expect(recognizeTrackingNumber('RB123456785US')?.url).toBe('https://tools.usps.com/go/TrackConfirmAction?tLabels=RB123456785US');
    expect(recognizeTrackingNumber('3318810025')?.url).toBe('https://www.dhl.com/en/express/tracking.html?AWB=3318810025');
    expect(recognizeTrackingNumber('GM2951173225174494')?.url).toBe('https://www.dhl.com/en/express/tracking.html?AWB=GM2951173225174494');
  });

  it('keeps 12-digit FedEx and 10-digit DHL apart', () => {
    expect(carrierOf('477179081230')).toBe('FedEx');
    expect(carrierOf('3821724944')).toBe('DHL');
    expect(carrierOf('38217249')).toBeUndefined();
  });
});

describe('recognizeWith: when two carriers accept a number', () => {
  const byShape = (carrier: TrackingFormat['carrier'], pattern: RegExp): TrackingFormat => ({ carrier, name: `${carrier} by shape`, pattern });

  it('prefers the carrier whose check digit validates', () => {
    const formats = [...TRACKING_FORMATS, byShape('DHL', /^\d{12}$/)];
    expect(recognizeWith(formats, '477179081230')?.carrier).toBe('FedEx');
    expect(recognizeWith(formats, '477179081231')?.carrier).toBe('DHL');
  });

  it('answers undefined when still ambiguous', () => {
    expect(recognizeWith([byShape('DHL', /^X\d+$/), byShape('UPS', /^X\d+$/)], 'X123')).toBeUndefined();
    const twoChecked = [...TRACKING_FORMATS, { ...byShape('UPS', /^\d{12}$/), check: () => true }];
    expect(recognizeWith(twoChecked, '477179081230')).toBeUndefined();
  });
});

describe('canonicalCarrierName', () => {
  it('maps what OMSs write to the canonical name', () => {
    const cases: Array<[string, string]> = [
      ['ups', 'UPS'], ['UPS', 'UPS'], ['United Parcel Service', 'UPS'],
      ['fedex', 'FedEx'], ['FedEx', 'FedEx'], ['Federal Express', 'FedEx'], ['Fed-Ex', 'FedEx'],
      ['usps', 'USPS'], ['US Postal Service', 'USPS'], ['U.S. Postal Service', 'USPS'], ['United States Postal Service', 'USPS'],
      ['dhl', 'DHL'], ['DHL Express', 'DHL'], [' dhl  express ', 'DHL'],
    ];
    for (const [text, name] of cases) expect(canonicalCarrierName(text), text).toBe(name);
  });

  it('knows no other carrier', () => {
    for (const text of ['OnTrac', 'La Poste', 'Acme, "Fast" Freight', '', 'constructor', 'upsx']) {
      expect(canonicalCarrierName(text), text).toBeUndefined();
    }
  });
});
