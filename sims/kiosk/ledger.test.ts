/** The kiosk's bookkeeping: which seqs are held (results + highestContiguous), pending, unanswered, and anomalies. */
import { describe, expect, it } from 'vitest';
import { KioskLedger } from './ledger.js';
import { makeKioskOrder } from './order-maker.js';
import { seededRng } from './prng.js';

function ledgerWith(count: number): KioskLedger {
  const ledger = new KioskLedger('kiosk-1');
  const rng = seededRng('ledger');
  for (let seq = 1; seq <= count; seq += 1) ledger.add(makeKioskOrder(seq, new Date('2026-12-06T10:00:00Z'), rng));
  return ledger;
}

const seqs = (orders: Array<{ seq: number }>): number[] => orders.map((order) => order.seq);

describe('kiosk ledger', () => {
  it('holds a seq once an answer said captured, duplicate or rejected, or it is at or below highestContiguous', () => {
    const ledger = ledgerWith(8);
    expect(seqs(ledger.pending())).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    const newlyHeld = ledger.apply({
      results: [
        { seq: 2, outcome: 'captured', confirmation: 'KC-2', hubOrderId: 'ho_2' },
        { seq: 1, outcome: 'captured', confirmation: 'KC-1', hubOrderId: 'ho_1' },
        { seq: 4, outcome: 'rejected', reason: 'unknown SKU' },
        { seq: 5, outcome: 'duplicate', confirmation: 'KC-5' },
        // An outcome the kiosk does not know is remembered but does not count as held.
        { seq: 6, outcome: 'deferred' },
      ],
      highestContiguous: 2,
    }, 'test');
    expect(newlyHeld).toBe(4);
    expect(seqs(ledger.pending())).toEqual([3, 6, 7, 8]);
    expect(seqs(ledger.held())).toEqual([1, 2, 4, 5]);
    expect(ledger.highestContiguous).toBe(2);
    expect(ledger.record(4)).toMatchObject({ outcome: 'rejected', reason: 'unknown SKU' });
    expect(ledger.record(6)).toMatchObject({ outcome: 'deferred' });
    expect(ledger.inSync()).toBe(false);

    // The hub holds 1..6 now: 3 and 6 are held although no answer named 3.
    ledger.apply({ results: [], highestContiguous: 6 }, 'test');
    expect(seqs(ledger.pending())).toEqual([7, 8]);
    expect(seqs(ledger.unanswered())).toEqual([3]);

    ledger.apply({ results: [{ seq: 7, outcome: 'captured', confirmation: 'KC-7' }, { seq: 8, outcome: 'captured', confirmation: 'KC-8' }], highestContiguous: 8 }, 'test');
    expect(ledger.pending()).toEqual([]);
    expect(ledger.inSync()).toBe(true);
    expect(ledger.anomalies).toEqual([]);
  });

  it('keeps the first confirmation and the held outcome when the same seq is answered again', () => {
    const ledger = ledgerWith(2);
    ledger.apply({ results: [{ seq: 1, outcome: 'captured', confirmation: 'KC-1', hubOrderId: 'ho_1', state: 'received' }], highestContiguous: 1 }, 'a');
    ledger.apply({ results: [{ seq: 1, outcome: 'duplicate', confirmation: 'KC-1', state: 'submitted' }], highestContiguous: 1 }, 'b');
    expect(ledger.record(1)).toEqual({
      seq: 1, outcome: 'captured', confirmation: 'KC-1', hubOrderId: 'ho_1', state: 'submitted', answers: 2, outcomes: ['captured', 'duplicate'],
    });
    expect(ledger.anomalies).toEqual([]);
  });

  it('notes answers that contradict earlier ones or name seqs never sold', () => {
    const ledger = ledgerWith(3);
    ledger.apply({ results: [{ seq: 1, outcome: 'captured', confirmation: 'KC-1' }], highestContiguous: 2 }, 'a');
    ledger.apply({ results: [{ seq: 1, outcome: 'duplicate', confirmation: 'KC-OTHER' }, { seq: 9, outcome: 'captured' }], highestContiguous: 1 }, 'b');
    ledger.apply({ results: [], highestContiguous: 5 }, 'c');
    expect(ledger.anomalies).toEqual([
      'b: seq 1 answered with confirmation KC-OTHER, earlier KC-1',
      'b: a result for seq 9, which was never sold',
      'b: highestContiguous went down from 2 to 1',
      'c: highestContiguous 5 beyond the last seq sold 3',
    ]);
    // A lower highestContiguous never un-holds a seq.
    expect(ledger.isHeld(2)).toBe(true);
  });

  it('numbers orders 1, 2, 3, … without gaps', () => {
    const ledger = ledgerWith(2);
    expect(() => ledger.add(makeKioskOrder(4, new Date(), seededRng(1)))).toThrow(/seq 4 after 2/);
  });
});
