/**
 * chooseDc: the nearest DC that fills the whole order; else a split by line when the
 * rules allow (a line never split, lines no DC can fill to the DC that fills most); else
 * the DC that fills most units, the nearer on a tie; configured order when the ship-to
 * cannot be located. Every decision's reason is checked as the timeline will show it.
 * DCs and ship-to are placed with the shipped postal-coordinates table.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { chooseDc, type DcChoiceInput, type DcSite, type RoutedLine } from '../../src/inventory/choose-dc.js';
import { loadPostalCoordinates, type PostalCoordinates } from '../../src/inventory/postal-coordinates.js';

let coordinates: PostalCoordinates;
let dcs: DcSite[];

beforeAll(async () => {
  coordinates = await loadPostalCoordinates();
  // Configured west first, so "nearest" and "configured order" differ for a New York ship-to.
  dcs = [site('west', '90001'), site('central', '60601'), site('east', '07102')];
});

function site(id: string, postalCode: string): DcSite {
  return { id, postalCode, country: 'US', location: coordinates.locate('US', postalCode) };
}

const line = (lineId: string, sku: string, quantity: number): RoutedLine => ({ lineId, sku, quantity });

function input(lines: RoutedLine[], stock: Record<string, Record<string, number>>, options: { split?: boolean; postalCode?: string } = {}): DcChoiceInput {
  const postalCode = options.postalCode ?? '10001';
  const location = coordinates.locate('US', postalCode);
  return {
    lines, dcs, stock: new Map(Object.entries(stock)), rules: { split: options.split ?? false },
    shipTo: { postalCode, ...(location ? { location } : {}) },
  };
}

describe('the whole order from one DC', () => {
  it('takes the nearest DC that can fill every line and names the distances', () => {
    const decision = chooseDc(input([line('L1', 'A', 2), line('L2', 'B', 1)], {
      A: { west: 5, central: 5, east: 5 }, B: { west: 5, central: 5, east: 5 },
    }));
    expect(decision).toMatchObject({ kind: 'whole', dc: 'east' });
    expect(decision.reason).toMatch(/^DC east \(Newark NJ, about 1\d km from 10001\) can fill all 2 lines; nearest of 3 that can \(central: 1,1\d\d km, west: 3,9\d\d km\)$/);
  });

  it('takes a farther DC when the nearest lacks one SKU', () => {
    const decision = chooseDc(input([line('L1', 'A', 2), line('L2', 'B', 1)], {
      A: { west: 5, central: 5, east: 5 }, B: { west: 5, central: 1, east: 0 },
    }));
    expect(decision).toMatchObject({ kind: 'whole', dc: 'central' });
    expect(decision.reason).toMatch(/^DC central \(Chicago IL, about 1,1\d\d km from 10001\) can fill all 2 lines; nearest of 2 that can \(west: 3,9\d\d km\)$/);
  });

  it('says when only one DC can', () => {
    const decision = chooseDc(input([line('L1', 'A', 4)], { A: { west: 4, central: 3, east: 0 } }));
    expect(decision).toMatchObject({ kind: 'whole', dc: 'west' });
    expect(decision.reason).toMatch(/^DC west \(Los Angeles CA, about 3,9\d\d km from 10001\) can fill the order's one line; the only one of 3 DCs that can$/);
  });

  it('adds up lines of the same SKU: a DC with enough for each line but not for both cannot fill the order', () => {
    const decision = chooseDc(input([line('L1', 'A', 3), line('L2', 'A', 3)], { A: { west: 6, central: 0, east: 5 } }));
    expect(decision).toMatchObject({ kind: 'whole', dc: 'west' });
  });

  it('counts a SKU the stock view does not know as available everywhere, and says so', () => {
    const decision = chooseDc(input([line('L1', 'A', 1), line('L2', 'NEW-1', 9)], { A: { west: 1, central: 1, east: 1 } }));
    expect(decision).toMatchObject({ kind: 'whole', dc: 'east' });
    expect(decision.reason).toMatch(/; SKU NEW-1 is not in the stock view, so it counts as available at every DC \(the OMS decides\)$/);
  });
});

describe('split by line, when the rules allow it', () => {
  const stock = { A: { west: 0, central: 0, east: 5 }, B: { west: 5, central: 0, east: 0 } };

  it('sends each line to the nearest DC that can fill it whole', () => {
    const decision = chooseDc(input([line('L1', 'A', 2), line('L2', 'B', 1), line('L3', 'A', 1)], stock, { split: true }));
    expect(decision).toEqual({
      kind: 'split',
      assignments: [{ lineId: 'L1', dc: 'east' }, { lineId: 'L2', dc: 'west' }, { lineId: 'L3', dc: 'east' }],
      reason: expect.stringMatching(/^No DC can fill all 3 lines, so they are split by line: L1 and L3 from DC east \(Newark NJ, about 1\d km from 10001\), L2 from DC west \(Los Angeles CA, about 3,9\d\d km from 10001\)$/),
    });
  });

  it('never splits a line: a line no single DC can fill goes to the DC that fills most of the order, and the reason says so', () => {
    const decision = chooseDc(input([line('L1', 'A', 2), line('L2', 'B', 1), line('L3', 'C', 10)], {
      ...stock, C: { west: 6, central: 6, east: 0 },
    }, { split: true }));
    expect(decision).toMatchObject({
      kind: 'split',
      assignments: [{ lineId: 'L1', dc: 'east' }, { lineId: 'L2', dc: 'west' }, { lineId: 'L3', dc: 'west' }],
    });
    expect(decision.reason).toMatch(/; L3 \(C\) cannot be filled whole by any DC, so it goes to DC west, which can fill the most of the order's units \(7 of 13\)$/);
  });

  it('lets lines of one SKU share a DC only as far as its stock goes', () => {
    const decision = chooseDc(input([line('L1', 'A', 3), line('L2', 'A', 3)], { A: { west: 3, central: 0, east: 5 } }, { split: true }));
    expect(decision).toMatchObject({ kind: 'split', assignments: [{ lineId: 'L1', dc: 'east' }, { lineId: 'L2', dc: 'west' }] });
  });

  it('still prefers one DC that can fill the whole order', () => {
    const decision = chooseDc(input([line('L1', 'A', 1), line('L2', 'B', 1)], { A: { west: 1, east: 1 }, B: { west: 1 } }, { split: true }));
    expect(decision).toMatchObject({ kind: 'whole', dc: 'west' });
  });

  it('falls back to the DC that fills most when every line would land on it anyway', () => {
    const decision = chooseDc(input([line('L1', 'A', 1), line('L2', 'B', 4)], { A: { west: 1 }, B: { west: 2, east: 1 } }, { split: true }));
    expect(decision).toMatchObject({ kind: 'most', dc: 'west' });
    expect(decision.reason).toMatch(/^No DC can fill all 2 lines and no other DC can fill any of its lines whole, so DC west/);
  });
});

describe('the DC that fills most, when splitting is not allowed', () => {
  it('takes the DC that can fill the most units and lists what the others could', () => {
    const decision = chooseDc(input([line('L1', 'A', 2), line('L2', 'B', 3)], {
      A: { west: 0, central: 0, east: 2 }, B: { west: 3, central: 1, east: 0 },
    }));
    expect(decision).toMatchObject({ kind: 'most', dc: 'west' });
    expect(decision.reason).toMatch(
      /^No DC can fill all 2 lines and splitting is not allowed, so DC west \(Los Angeles CA, about 3,9\d\d km from 10001\) takes the order: it can fill the most units, 3 of 5 \(east: 2 units at 1\d km, central: 1 unit at 1,1\d\d km\)$/,
    );
  });

  it('takes the nearer DC on a tie', () => {
    const decision = chooseDc(input([line('L1', 'A', 2), line('L2', 'B', 2)], {
      A: { west: 2, central: 0, east: 0 }, B: { west: 0, central: 0, east: 2 },
    }));
    expect(decision).toMatchObject({ kind: 'most', dc: 'east' });
  });

  it('chooses none when no DC can fill a single unit', () => {
    const decision = chooseDc(input([line('L1', 'A', 2), line('L2', 'B', 1)], { A: { west: 0 }, B: {} }, { split: true }));
    expect(decision).toEqual({ kind: 'none', reason: 'No DC can fill any of the 3 units on 2 lines, so none is chosen' });
  });
});

describe('without a ship-to location', () => {
  it('ranks DCs in configured order and says the postal code could not be located', () => {
    const decision = chooseDc(input([line('L1', 'A', 1)], { A: { west: 1, central: 1, east: 1 } }, { postalCode: '00000' }));
    expect(decision).toEqual({
      kind: 'whole', dc: 'west',
      reason: 'DC west (Los Angeles CA) can fill the order\'s one line; first in configured order of 3 that can (central, east); '
        + 'the ship-to postal code 00000 could not be located, so DCs are taken in configured order',
    });
  });

  it('breaks a "most" tie by configured order', () => {
    const decision = chooseDc(input([line('L1', 'A', 2), line('L2', 'B', 2)], { A: { central: 2 }, B: { east: 2 } }, { postalCode: '00000' }));
    expect(decision).toMatchObject({ kind: 'most', dc: 'central' });
    expect(decision.reason).toMatch(/could not be located, so DCs are taken in configured order$/);
  });

  it('ranks a DC whose own postal code cannot be located last, and says so', () => {
    const decision = chooseDc({
      ...input([line('L1', 'A', 1)], { A: { nowhere: 1, west: 1 } }),
      dcs: [{ id: 'nowhere', postalCode: '00000', country: 'US', location: undefined }, ...dcs],
    });
    expect(decision).toMatchObject({ kind: 'whole', dc: 'west' });
    expect(decision.reason).toMatch(/nearest of 2 that can \(nowhere\); DC nowhere's postal code 00000 could not be located, so it ranks last$/);
  });
});

describe('nothing to choose from', () => {
  it('chooses none without DCs or without lines', () => {
    expect(chooseDc({ ...input([line('L1', 'A', 1)], {}), dcs: [] })).toMatchObject({ kind: 'none' });
    expect(chooseDc(input([], {}))).toMatchObject({ kind: 'none' });
  });
});
