/** Checking the card a hosted field sends: expiry month boundaries. */
import { describe, expect, it } from 'vitest';
import { isExpired, readCardEntry } from './card-entry.js';

describe('card expiry', () => {
  const now = new Date('2030-06-15T12:00:00Z');

  it('keeps a card valid through the last day of its expiry month', () => {
    expect(isExpired(6, 2030, now)).toBe(false);
    expect(isExpired(5, 2030, now)).toBe(true);
    expect(isExpired(1, 2031, now)).toBe(false);
    expect(isExpired(12, 2029, now)).toBe(true);
  });

  it('reads a valid card to digits only, and refuses a past expiry with a clear code', () => {
    expect(readCardEntry({ number: '4242 4242 4242 4242', expMonth: 6, expYear: 2030, cvc: '123' }, now))
      .toEqual({ number: '4242424242424242', expMonth: 6, expYear: 2030 });
    expect(() => readCardEntry({ number: '4242424242424242', expMonth: 5, expYear: 2030, cvc: '123' }, now)).toThrow(/expired/);
  });
});
