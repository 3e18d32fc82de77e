/**
 * The simulator's test cards and the terms each card gets: a credit limit in minor
 * units, or a decline code it always answers with. Any other number that passes the
 * Luhn check behaves like `4242 4242 4242 4242` unless the `limits` option says otherwise.
 */

/** A limit no test will reach: the card approves anything. */
export const UNLIMITED = 1_000_000_000_000;

export interface CardTerms {
  /** Credit available on a fresh card, in minor units. */
  limit: number;
  /** When set, every authorization on the card is declined with this code. */
  declineCode?: string;
}

export interface TestCard {
  number: string;
  terms: CardTerms;
  /** What the card does, for docs and the CLI's banner. */
  behaviour: string;
}

export const TEST_CARDS: readonly TestCard[] = [
  { number: '4242424242424242', terms: { limit: UNLIMITED }, behaviour: 'approves any amount' },
  { number: '4000000000000002', terms: { limit: UNLIMITED, declineCode: 'card_declined' }, behaviour: 'always declined: card_declined' },
  { number: '4000000000009995', terms: { limit: UNLIMITED, declineCode: 'insufficient_funds' }, behaviour: 'always declined: insufficient_funds' },
  { number: '4000000000003055', terms: { limit: 5000 }, behaviour: 'limit 50.00 (5000 minor units): larger amounts are partially approved' },
];

/** Terms of a card nobody configured. */
export const DEFAULT_TERMS: CardTerms = { limit: UNLIMITED };
