/** Fault settings: merging, clearing, budgets and counted or timed outages. */
import { describe, expect, it } from 'vitest';
import { FieldError } from '../shared/json-fields.js';
import { CarrierFaults } from './faults.js';

describe('carrier faults', () => {
  it('starts with none and merges settings: left out stays, null clears', () => {
    const faults = new CarrierFaults();
    expect(faults.view(0)).toEqual({ rateLimit: null, outage: null, webhook: { duplicate: false, shuffle: false, failFirst: 0 } });
    faults.set({ webhook: { duplicate: true } }, 0);
    faults.set({ webhook: { failFirst: 2 }, rateLimit: { remaining: 1 } }, 0);
    expect(faults.view(0)).toMatchObject({ rateLimit: { remaining: 1, retryAfterSeconds: 1 }, webhook: { duplicate: true, failFirst: 2 } });
    faults.set({ webhook: null, rateLimit: null }, 0);
    expect(faults.view(0)).toMatchObject({ rateLimit: null, webhook: { duplicate: false, failFirst: 0 } });
  });

  it('spends the rate budget, then limits until cleared', () => {
    const faults = new CarrierFaults();
    faults.set({ rateLimit: { remaining: 1, retryAfterSeconds: 7 } }, 0);
    expect(faults.takeRateLimit()).toEqual({ limited: false, remaining: 0 });
    expect(faults.takeRateLimit()).toEqual({ limited: true, retryAfterSeconds: 7 });
    expect(faults.takeRateLimit()).toEqual({ limited: true, retryAfterSeconds: 7 });
    faults.set({ rateLimit: null }, 0);
    expect(faults.takeRateLimit()).toEqual({ limited: false });
  });

  it('ends a counted outage after its calls and a timed one at its moment', () => {
    const faults = new CarrierFaults();
    faults.set({ outage: { count: 2 } }, 0);
    expect(faults.takeOutage(0)).toEqual({});
    expect(faults.takeOutage(0)).toEqual({});
    expect(faults.takeOutage(0)).toBeUndefined();
    faults.set({ outage: { forMs: 2500 } }, 1000);
    expect(faults.takeOutage(1000)).toEqual({ retryAfterSeconds: 3 });
    expect(faults.takeOutage(3499)).toEqual({ retryAfterSeconds: 1 });
    expect(faults.takeOutage(3500)).toBeUndefined();
  });

  it('loses the answers of the first n webhook attempts only', () => {
    const faults = new CarrierFaults();
    faults.set({ webhook: { failFirst: 1 } }, 0);
    expect(faults.takeLostAnswer()).toBe(true);
    expect(faults.takeLostAnswer()).toBe(false);
  });

  it('refuses nonsense settings', () => {
    const faults = new CarrierFaults();
    expect(() => faults.set({ rateLimit: { remaining: -1 } }, 0)).toThrow(FieldError);
    expect(() => faults.set({ outage: {} }, 0)).toThrow(FieldError);
    expect(() => faults.set({ webhook: { failFirst: 1.5 } }, 0)).toThrow(FieldError);
  });
});
