/**
 * The 850 reader: golden samples (004010, and a 005010 interchange of two groups and
 * three sets) read to the committed JSON, and each rule that makes an order unusable
 * (997 R) or only noted (997 E), with the AK3/AK4 codes it reports.
 */
import { describe, expect, it } from 'vitest';
import type { TransactionSet } from './envelope-types.js';
import { fromImpliedDecimals } from './purchase-order-850-segments.js';
import { readPurchaseOrder850 } from './purchase-order-850.js';
import { readInterchange } from './read-interchange.js';
import { expectGolden, goldenJson, sampleText } from './testing/golden-file.js';
import { interchangeText, MINIMAL_850, purchaseOrderGroup } from './testing/isa-text.js';

function setOf(body: readonly string[], version = '004010'): TransactionSet {
  const reading = readInterchange(interchangeText(purchaseOrderGroup(body, { version }), version === '005010' ? { version: '00501' } : {}));
  const set = reading.groups[0]?.sets[0];
  if (!set) throw new Error(`no set read: ${JSON.stringify(reading.rejection)}`);
  return set;
}

function read(body: readonly string[], version = '004010') {
  return readPurchaseOrder850(setOf(body, version));
}

describe('golden 850 samples', () => {
  it.each([
    ['inbound/850-004010-harborline.edi', 'expected/850-004010-harborline.orders.json'],
    ['inbound/850-005010-meridian-multi.edi', 'expected/850-005010-meridian-multi.orders.json'],
  ])('%s reads to %s with no error', (sample, expected) => {
    const reading = readInterchange(sampleText(sample));
    expect(reading.rejection).toBeUndefined();
    const orders = reading.groups.flatMap((group) => group.sets.map((set) => {
      const { order, errors } = readPurchaseOrder850(set);
      expect(errors, `${group.controlNumber}/${set.controlNumber}`).toEqual([]);
      return { group: group.controlNumber, set: set.controlNumber, order };
    }));
    expectGolden(expected, goldenJson(orders));
  });

  it('reads repeated segments: several REF, PER, DTM, N1 loops, N3 lines and PO1 loops', () => {
    const reading = readInterchange(sampleText('inbound/850-004010-harborline.edi'));
    const order = reading.groups[0]?.sets[0] && readPurchaseOrder850(reading.groups[0].sets[0]).order;
    expect(Object.keys(order?.references ?? {})).toEqual(['DP', 'IA']);
    expect(order?.contacts.map((contact) => contact.function)).toEqual(['BD', 'OC']);
    expect(order?.parties.map((party) => party.entity)).toEqual(['ST', 'BT', 'BY']);
    expect(order?.parties[1]?.address).toEqual({ line1: '200 River Street', line2: 'Suite 1400', city: 'Portland', region: 'OR', postalCode: '97209', country: 'US' });
    expect(order?.lines.map((line) => [line.lineNumber, line.quantity, line.unitPrice])).toEqual([['1', '24', '18.75'], ['2', '6', '54.00'], ['3', '10', '129.99']]);
    expect(order?.lines[1]?.description).toBe('Tent stakes, aluminium, case of 48');
  });
});

describe('orders that cannot be used (997 R)', () => {
  it('a missing BEG: AK3 code 3 at position 2', () => {
    expect(read(MINIMAL_850.slice(1))).toEqual({ errors: [{ segmentId: 'BEG', position: 2, code: '3', elements: [], rejectsSet: true }] });
  });

  it('a BEG that is not first (2) or comes twice (5)', () => {
    expect(read(['CUR*BY*USD', ...MINIMAL_850]).errors).toEqual([{ segmentId: 'BEG', position: 3, code: '2', elements: [], rejectsSet: true }]);
    expect(read([MINIMAL_850[0]!, ...MINIMAL_850]).errors).toEqual([{ segmentId: 'BEG', position: 3, code: '5', elements: [], rejectsSet: true }]);
  });

  it('no PO1: AK3 code 3 where the lines should be (at CTT, or at SE without CTT)', () => {
    expect(read(['BEG*00*SA*PO-1**20240318', 'CTT*0']).errors).toEqual([{ segmentId: 'PO1', position: 3, code: '3', elements: [], rejectsSet: true }]);
    expect(read(['BEG*00*SA*PO-1**20240318']).errors).toEqual([{ segmentId: 'PO1', position: 3, code: '3', elements: [], rejectsSet: true }]);
  });

  it('BEG elements: mandatory (1), purpose code (7), too long (5), date (8)', () => {
    const { order, errors } = read(['BEG*09**PO-THAT-IS-FAR-TOO-LONG-1**20240230', ...MINIMAL_850.slice(1)]);
    expect(order).toBeUndefined();
    expect(errors).toEqual([{
      segmentId: 'BEG', position: 2, code: '8', rejectsSet: true, elements: [
        { position: 1, reference: '353', code: '7', copy: '09' },
        { position: 2, reference: '92', code: '1' },
        { position: 3, reference: '324', code: '5', copy: 'PO-THAT-IS-FAR-TOO-LONG-1' },
        { position: 5, reference: '373', code: '8', copy: '20240230' },
      ],
    }]);
  });

  it('PO1: quantity missing (1), not a number (6), not above zero (7); unit missing with a quantity (2); bad price (6)', () => {
    const codes = (po1: string) => read(['BEG*00*SA*PO-1**20240318', po1]).errors.flatMap((error) => error.elements.map((bad) => [bad.position, bad.code]));
    expect(codes('PO1*1**EA')).toEqual([[2, '1']]);
    expect(codes('PO1*1*ten*EA')).toEqual([[2, '6']]);
    expect(codes('PO1*1*0*EA')).toEqual([[2, '7']]);
    expect(codes('PO1*1*5')).toEqual([[3, '2']]);
    expect(codes('PO1*1*5*EA*12,50')).toEqual([[4, '6']]);
    expect(codes('PO1**5*EA')).toEqual([[1, '1']]);
  });

  it('a repeated line number: AK3 code 8 with AK4 code 7 on PO101', () => {
    const { order, errors } = read(['BEG*00*SA*PO-1**20240318', 'PO1*1*5*EA', 'PO1*1*2*EA', 'CTT*2']);
    expect(order).toBeUndefined();
    expect(errors).toEqual([{ segmentId: 'PO1', position: 4, code: '8', rejectsSet: true, elements: [{ position: 1, reference: '350', code: '7', copy: '1' }] }]);
  });

  it('CTT01 other than the PO1 count: AK4 code 7 on CTT01', () => {
    expect(read(['BEG*00*SA*PO-1**20240318', 'PO1*1*5*EA', 'CTT*2']).errors)
      .toEqual([{ segmentId: 'CTT', position: 4, code: '8', rejectsSet: true, elements: [{ position: 1, reference: '354', code: '7', copy: '2' }] }]);
  });

  it('a PO1 after CTT is unexpected (2)', () => {
    expect(read([...MINIMAL_850, 'PO1*2*1*EA']).errors).toEqual([{ segmentId: 'PO1', position: 5, code: '2', elements: [], rejectsSet: true }]);
  });
});

describe('orders with noted errors (997 E)', () => {
  it('leaves out bad optional values and keeps the order', () => {
    const { order, errors } = read([
      'BEG*00*SA*PO-1**20240318', 'CUR*BY*DOLLARS', 'REF*DP', 'PER*BD*Dana*TE', 'DTM*002*20240399', 'DTM*010*20240320',
      'N1*ST*Dock 4*92', 'PO1*1*5*EA***BP*HL-1*VP', 'SAC*C****15.00', 'CTT*1',
    ]);
    expect(errors.every((error) => !error.rejectsSet)).toBe(true);
    expect(errors.map((error) => [error.segmentId, error.position, error.elements.map((bad) => `${bad.position}:${bad.code}`).join(' ')])).toEqual([
      ['CUR', 3, '2:5'], ['REF', 4, '2:2'], ['PER', 5, '4:2'], ['DTM', 6, '2:8'], ['N1', 8, '4:2'], ['PO1', 9, '9:2'], ['SAC', 10, '2:2 5:6'],
    ]);
    expect(order).toMatchObject({ references: {}, dates: { '010': '2024-03-20' }, contacts: [{ function: 'BD', name: 'Dana', communications: {} }] });
    expect(order?.currency).toBeUndefined();
    expect(order?.parties[0]).toEqual({ entity: 'ST', name: 'Dock 4', address: {}, contacts: [] });
    expect(order?.lines[0]?.ids).toEqual({ BP: 'HL-1' });
    expect(order?.lines[0]?.allowances).toEqual([{ indicator: 'C' }]);
  });

  it('N2, N3, N4 without an N1 are unexpected (2); a second header CUR exceeds its use (5)', () => {
    const { errors } = read(['BEG*00*SA*PO-1**20240318', 'CUR*BY*USD', 'CUR*BY*CAD', 'N3*1 Main St', ...MINIMAL_850.slice(1)]);
    expect(errors.map((error) => [error.segmentId, error.code, error.rejectsSet])).toEqual([['CUR', '5', false], ['N3', '2', false]]);
  });

  it('a DTM without its date is a conditional element missing (AK403 2)', () => {
    expect(read(['BEG*00*SA*PO-1**20240318', 'DTM*037', ...MINIMAL_850.slice(1)]).errors)
      .toEqual([{ segmentId: 'DTM', position: 3, code: '8', rejectsSet: false, elements: [{ position: 2, reference: '373', code: '2' }] }]);
  });

  it('cuts the AK404 copy of bad data to 99 characters', () => {
    const { errors } = read(['BEG*00*SA*PO-1**20240318', `N3*${'x'.repeat(120)}`, ...MINIMAL_850.slice(1)]);
    expect(errors[0]?.code).toBe('2');
    const long = read(['BEG*00*SA*PO-1**20240318', `N1*ST*${'y'.repeat(120)}`, ...MINIMAL_850.slice(1)]).errors[0]?.elements[0];
    expect(long).toMatchObject({ position: 2, code: '5' });
    expect(long?.copy).toHaveLength(99);
  });

  it('takes REF02 up to 50 characters in 005010 but only 30 in 004010', () => {
    const body = ['BEG*00*SA*PO-1**20240318', `REF*CT*${'C'.repeat(40)}`, ...MINIMAL_850.slice(1)];
    expect(read(body, '005010').order?.references.CT).toHaveLength(40);
    expect(read(body, '004010').errors[0]?.elements[0]).toMatchObject({ position: 2, code: '5' });
  });
});

describe('what the reader keeps and ignores', () => {
  it('ignores segments it does not use, and reads line-level N1, REF, DTM, SAC and PID', () => {
    const { order, errors } = read([
      'BEG*00*DS*PO-7*R2*20240318', 'TAX*TX-1', 'FOB*PP', 'ITD*01*3', 'MSG*Leave at the side door',
      'PO1*10*1*EA*249.00*PE*VP*CB-GRL-4400', 'PID*F****Charcoal grill', 'REF*LI*A-10', 'DTM*002*20240402', 'SAC*C*D240***1995',
      'N1*ST*Elena Sorensen', 'N3*2 Birch Point Road', 'N4*Grand Marais*MN*55604', 'CTT*1', 'AMT*TT*268.95',
    ]);
    expect(errors).toEqual([]);
    expect(order).toMatchObject({ type: 'DS', releaseNumber: 'R2', amounts: { TT: '268.95' }, totalLineItems: '1' });
    expect(order?.lines[0]).toEqual({
      lineNumber: '10', quantity: '1', uom: 'EA', unitPrice: '249.00', priceBasis: 'PE', ids: { VP: 'CB-GRL-4400' }, description: 'Charcoal grill',
      dates: { '002': '2024-04-02' }, allowances: [{ indicator: 'C', code: 'D240', amount: '19.95' }], references: { LI: 'A-10' },
      parties: [{ entity: 'ST', name: 'Elena Sorensen', address: { line1: '2 Birch Point Road', city: 'Grand Marais', region: 'MN', postalCode: '55604' }, contacts: [] }],
    });
  });

  it('keeps the first value of a repeated REF or DTM qualifier', () => {
    const { order } = read(['BEG*00*SA*PO-1**20240318', 'REF*DP*12', 'REF*DP*99', 'DTM*002*20240401', 'DTM*002*20240402', ...MINIMAL_850.slice(1)]);
    expect(order).toMatchObject({ references: { DP: '12' }, dates: { '002': '2024-04-01' } });
  });
});

describe('fromImpliedDecimals', () => {
  it('writes N2 amounts with two decimals', () => {
    expect(['1500', '5', '0', '-250', '007', '123456789'].map(fromImpliedDecimals)).toEqual(['15.00', '0.05', '0.00', '-2.50', '0.07', '1234567.89']);
  });
});
