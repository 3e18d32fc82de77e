/**
 * Judging a form reading: an order is certain only when every field it uses is above
 * the threshold and every check passes (known customer, catalog items at catalog prices,
 * whole quantities, total = sum of lines); each doubt names the field and why; a
 * reviewer's corrections replace what was read and count as certain.
 */
import { describe, expect, it } from 'vitest';
import type { Directory } from '../../src/forms/directory.js';
import { loadFormLayout } from '../../src/forms/form-layout.js';
import { judgeForm } from '../../src/forms/judge-form.js';
import type { FormReading } from '../../src/forms/read-form.js';
import type { FieldReading } from '../../src/forms/read-fields.js';

const layout = await loadFormLayout('mappings/forms/order-form-v1.json');

const directory: Directory = {
  catalog: new Map([
    ['PEN2041K', { sku: 'PEN2041K', description: 'Ballpoint pen blue', unitPrice: '24.90', currency: 'EUR' }],
    ['GEL3310K', { sku: 'GEL3310K', description: 'Gel pen black', unitPrice: '11.40', currency: 'EUR' }],
  ]),
  byAccount: new Map(),
  byPhone: new Map(),
};
const hillFarm = { account: '10539261', phone: '441632960781', name: 'Hill Farm Vets', line1: 'Hill Farm', city: 'Harrogate', postcode: 'HG3 1QX', country: 'GB' };
const other = { account: '10423377', phone: '441632960123', name: 'Jane Doe Stationery', line1: '12 Market St', city: 'Sheffield', postcode: 'S1 2GH', country: 'GB', email: 'orders@janedoe.example' };
for (const c of [hillFarm, other]) {
  directory.byAccount.set(c.account, c);
  directory.byPhone.set(c.phone, c);
}

function field(name: string, value: string, confidence = 95): FieldReading {
  return { name, value, confidence, blank: value === '', chars: [...value].map((char) => ({ char, confidence, blank: false })) };
}

function reading(values: Record<string, string | readonly [string, number]>, problems: string[] = []): FormReading {
  return {
    layout, problems, pages: [{ index: 1, mark: { formNumber: 1, version: 1, page: 1, pageCount: 1 } }],
    fields: Object.entries(values).map(([name, v]) => (typeof v === 'string' ? field(name, v) : field(name, v[0], v[1]))),
  };
}

const GOOD = {
  account: hillFarm.account, phone: hillFarm.phone,
  'lines.1.sku': 'PEN2041K', 'lines.1.quantity': '2', 'lines.1.unitPrice': '2490',
  'lines.2.sku': 'GEL3310K', 'lines.2.quantity': '1', 'lines.2.unitPrice': '1140',
  'lines.3.sku': '', 'lines.3.quantity': '', 'lines.3.unitPrice': '',
  total: '6120',
};

describe('judgeForm', () => {
  it('accepts a form whose every used field is certain and every check passes', () => {
    const { data, doubts } = judgeForm(reading(GOOD), directory, 80);
    expect(doubts).toEqual([]);
    expect(data.customer).toMatchObject({ account: hillFarm.account, phone: `+${hillFarm.phone}`, shipTo: { city: 'Harrogate', postcode: 'HG3 1QX' } });
    expect(data.lines).toEqual([
      { lineNumber: 1, sku: 'PEN2041K', description: 'Ballpoint pen blue', quantity: '2', unitPrice: '24.90', lineTotal: '49.80' },
      { lineNumber: 2, sku: 'GEL3310K', description: 'Gel pen black', quantity: '1', unitPrice: '11.40', lineTotal: '11.40' },
    ]);
    expect(data.total).toBe('61.20');
    expect(data.currency).toBe('EUR');
  });

  it('needs the full threshold for a field no check confirms, naming the field, its reading and confidence', () => {
    const { doubts, data } = judgeForm(reading({ ...GOOD, account: '', phone: [hillFarm.phone, 70] }), directory, 80);
    expect(doubts).toEqual([`phone: read as "${hillFarm.phone}" with confidence 70 (below 80)`]);
    expect(data.fields.find((f) => f.name === 'phone')).toMatchObject({ confidence: 70, label: 'Phone (with country code, digits only)' });
  });

  it('needs less of a field a check confirms: a catalog item at its price, quantities that add up to the total, account and phone of one customer', () => {
    const confirmed = { ...GOOD, account: [hillFarm.account, 60], phone: [hillFarm.phone, 60], 'lines.1.sku': ['PEN2041K', 60], 'lines.1.quantity': ['2', 45], total: ['6120', 45] } as const;
    expect(judgeForm(reading(confirmed), directory, 80).doubts).toEqual([]);
    expect(judgeForm(reading({ ...confirmed, 'lines.1.quantity': ['2', 25] }), directory, 80).doubts)
      .toEqual(['lines.1.quantity: read as "2" with confidence 25 (below 30, confirmed by a check)']);
    expect(judgeForm(reading(confirmed), directory, { threshold: 80, confirmedThreshold: 70 }).doubts).toHaveLength(5);
  });

  it('takes a SKU one doubtful character from exactly one catalog item at the price written as that item', () => {
    const misread: FieldReading = { name: 'lines.1.sku', value: 'PEN2O41K', confidence: 45, blank: false,
      chars: [...'PEN2O41K'].map((char, i) => ({ char, confidence: i === 4 ? 45 : 90, blank: false })) };
    const base = reading(GOOD);
    const withMisread = { ...base, fields: base.fields.map((f) => (f.name === 'lines.1.sku' ? misread : f)) };
    const { doubts, data } = judgeForm(withMisread, directory, 80);
    expect(doubts).toEqual([]);
    expect(data.lines[0]!.sku).toBe('PEN2041K');
    expect(data.fields.find((f) => f.name === 'lines.1.sku')!.resolved).toContain('PEN2041K: the catalog item one doubtful character away');

    // The same character written clearly: a different item number, which a person must look at.
    const clear = { ...misread, confidence: 95, chars: misread.chars.map((c) => ({ ...c, confidence: 95 })) };
    const clearly = { ...base, fields: base.fields.map((f) => (f.name === 'lines.1.sku' ? clear : f)) };
    expect(judgeForm(clearly, directory, 80).doubts).toContain('lines.1.sku: PEN2O41K is not in the catalog');
  });

  it('does not doubt the printed name, which decides nothing', () => {
    expect(judgeForm(reading({ ...GOOD, name: ['Hil Frm', 20] }), directory, 80).doubts).toEqual([]);
  });

  it('checks the total against the lines, to the cent', () => {
    expect(judgeForm(reading({ ...GOOD, total: '6220' }), directory, 80).doubts)
      .toEqual(['total: the total on the form (62.20) is not the sum of the lines (61.20)']);
    expect(judgeForm(reading({ ...GOOD, total: '' }), directory, 80).doubts).toEqual(['total: the order total is not filled in']);
  });

  it('checks items against the catalog, prices against the catalog price and quantities', () => {
    const { doubts } = judgeForm(reading({ ...GOOD, 'lines.1.sku': 'PEN2O41K', 'lines.2.unitPrice': '1190', 'lines.2.quantity': '0', total: '4980' }), directory, 80);
    expect(doubts).toContain('lines.1.sku: PEN2O41K is not in the catalog');
    expect(doubts).toContain('lines.2.unitPrice: 11.90 is not the catalog price of GEL3310K (11.40)');
    expect(doubts).toContain('lines.2.quantity: "0" is not a whole quantity above 0');
  });

  it('needs a known customer: account and phone of the same one, or either alone', () => {
    expect(judgeForm(reading({ ...GOOD, account: '' }), directory, 80).doubts).toEqual([]);
    expect(judgeForm(reading({ ...GOOD, phone: '' }), directory, 80).doubts).toEqual([]);
    expect(judgeForm(reading({ ...GOOD, phone: other.phone }), directory, 80).doubts)
      .toEqual([`account: account ${hillFarm.account} and phone +${other.phone} belong to different customers`]);
    expect(judgeForm(reading({ ...GOOD, account: '', phone: '441632960782' }), directory, 80).doubts)
      .toEqual(['phone: no customer has phone +441632960782']);
    expect(judgeForm(reading({ ...GOOD, account: '', phone: '' }), directory, 80).doubts)
      .toEqual(['no account number and no phone: the customer cannot be identified']);
  });

  it('sends a written postcode that is not the one on file to a person', () => {
    expect(judgeForm(reading({ ...GOOD, postcode: 'HG31QX' }), directory, 80).doubts).toEqual([]);
    expect(judgeForm(reading({ ...GOOD, postcode: 'LS64QT' }), directory, 80).doubts)
      .toEqual(["postcode: postcode LS64QT is not the customer's (HG3 1QX): a new address needs a person"]);
  });

  it('takes a reviewer\'s corrections as certain', () => {
    const doubtful = reading({ ...GOOD, total: ['6220', 55] });
    expect(judgeForm(doubtful, directory, 80).doubts).toEqual([
      'total: the total on the form (62.20) is not the sum of the lines (61.20)', 'total: read as "6220" with confidence 55 (below 80)',
    ]);
    const { doubts, data } = judgeForm(doubtful, directory, 80, { total: '61.20' });
    expect(doubts).toEqual([]);
    expect(data.fields.find((f) => f.name === 'total')).toMatchObject({ value: '61.20', confidence: 100 });
  });

  it('passes on what kept the pages from being one form, and has no lines to judge then', () => {
    const { doubts } = judgeForm({ layout, pages: [{ index: 1, problem: 'not our order form' }], fields: [], problems: ['no page is our order form (1 page(s): not our order form)'] }, directory, 80);
    expect(doubts).toEqual(['no page is our order form (1 page(s): not our order form)', 'no account number and no phone: the customer cannot be identified']);
  });
});
