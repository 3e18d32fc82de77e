/** The always-changing shuffle used for shuffled webhook delivery. */
import { describe, expect, it } from 'vitest';
import { derange } from './derange.js';

describe('derange', () => {
  it('keeps every item and never returns the original order for two or more', () => {
    for (const length of [2, 3, 5, 8]) {
      const items = Array.from({ length }, (_, index) => index);
      for (let round = 0; round < 200; round += 1) {
        const shuffled = derange(items);
        expect([...shuffled].sort((a, b) => a - b)).toEqual(items);
        expect(shuffled).not.toEqual(items);
      }
    }
  });

  it('changes the order even when the random source would keep it', () => {
    expect(derange(['a', 'b', 'c'], () => 0.999)).toEqual(['b', 'c', 'a']);
  });

  it('leaves empty and single lists alone', () => {
    expect(derange([])).toEqual([]);
    expect(derange(['only'])).toEqual(['only']);
  });
});
