/** Rating: zones from postal codes, dimensional weight, business-day estimates. */
import { describe, expect, it } from 'vitest';
import { addBusinessDays, isoDate, parseIsoDate } from './business-days.js';
import { billableGrams, quoteRates, zoneBetween } from './rates.js';
import type { Address } from './types.js';

function address(postalCode: string, country = 'US'): Address {
  return { name: 'A', line1: '1 Main St', city: 'Town', postalCode, country };
}

describe('rates', () => {
  it('grows the zone with the distance between postal codes, and is 9 across borders', () => {
    expect(zoneBetween(address('10001'), address('10020'))).toBe(2);
    expect(zoneBetween(address('10001'), address('94105'))).toBe(7);
    expect(zoneBetween(address('10001'), address('10001', 'CA'))).toBe(9);
  });

  it('bills the dimensional weight of a light, bulky parcel', () => {
    expect(billableGrams({ weightGrams: 500 })).toBe(500);
    expect(billableGrams({ weightGrams: 500, lengthCm: 40, widthCm: 30, heightCm: 30 })).toBe(7200);
  });

  it('prices every service, OVERNIGHT over EXPRESS over GROUND, and dates them in business days', () => {
    const wednesday = new Date('2025-01-08T15:00:00Z');
    const rates = quoteRates({ shipFrom: address('10001'), shipTo: address('94105'), parcels: [{ weightGrams: 1200 }] }, wednesday);
    expect(rates.map((rate) => rate.service)).toEqual(['GROUND', 'EXPRESS', 'OVERNIGHT']);
    const [ground, express, overnight] = rates;
    expect(ground!.amount).toBeLessThan(express!.amount);
    expect(express!.amount).toBeLessThan(overnight!.amount);
    expect(ground!.currency).toBe('USD');
    expect(ground!.estimatedDeliveryDate).toBe('2025-01-15');
    expect(express!.estimatedDeliveryDate).toBe('2025-01-10');
    expect(overnight!.estimatedDeliveryDate).toBe('2025-01-09');
  });

  it('gives the same quote for the same request', () => {
    const request = { shipFrom: address('60601'), shipTo: address('30301'), parcels: [{ weightGrams: 800 }, { weightGrams: 2500 }] };
    const today = new Date('2025-03-03T10:00:00Z');
    expect(quoteRates(request, today)).toEqual(quoteRates(request, today));
  });
});

describe('business days', () => {
  it('skips weekends', () => {
    expect(isoDate(addBusinessDays(new Date('2025-01-10T12:00:00Z'), 1))).toBe('2025-01-13');
    expect(isoDate(addBusinessDays(new Date('2025-01-11T12:00:00Z'), 1))).toBe('2025-01-13');
    expect(isoDate(addBusinessDays(new Date('2025-01-08T23:59:00Z'), 5))).toBe('2025-01-15');
  });

  it('reads only real YYYY-MM-DD dates', () => {
    expect(parseIsoDate('2025-02-28')?.toISOString()).toBe('2025-02-28T00:00:00.000Z');
    expect(parseIsoDate('2025-02-30')).toBeUndefined();
    expect(parseIsoDate('28.02.2025')).toBeUndefined();
  });
});
