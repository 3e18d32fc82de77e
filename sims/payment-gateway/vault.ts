/**
 * The token vault, in memory. A card number is seen only while it is tokenized: it is
 * reduced to a keyed fingerprint (so two tokens of one card share its credit), its
 * brand and its last four digits, then dropped. The CVC is checked for shape and
 * never kept. Each card account holds its credit limit and what is still available.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { cardBrand, type CardBrand } from './card-brand.js';
import { DEFAULT_TERMS, TEST_CARDS, type CardTerms } from './test-cards.js';

export interface CardEntry {
  number: string;
  expMonth: number;
  expYear: number;
}

export interface VaultToken {
  token: string;
  brand: CardBrand;
  lastFour: string;
  expMonth: number;
  expYear: number;
  /** The card account behind the token. */
  account: CardAccount;
}

export interface CardAccount {
  readonly limit: number;
  readonly declineCode: string | undefined;
  /** Credit left: the limit less everything authorized and not released. */
  available: number;
}

export class CardVault {
  readonly #key = randomBytes(32);
  readonly #termsByFingerprint = new Map<string, CardTerms>();
  readonly #accounts = new Map<string, CardAccount>();
  readonly #tokens = new Map<string, VaultToken>();

  /** `limits`: card number (digits) → limit in minor units, overriding the test cards. */
  constructor(limits: Record<string, number> = {}) {
    for (const card of TEST_CARDS) this.#termsByFingerprint.set(this.#fingerprint(card.number), card.terms);
    for (const [number, limit] of Object.entries(limits)) this.#termsByFingerprint.set(this.#fingerprint(number), { limit });
  }

  /** Issues a new token for a card already checked (digits only, Luhn valid, not expired). */
  tokenize(card: CardEntry): VaultToken {
    const entry: VaultToken = {
      token: `tok_${randomBytes(12).toString('hex')}`,
      brand: cardBrand(card.number),
      lastFour: card.number.slice(-4),
      expMonth: card.expMonth,
      expYear: card.expYear,
      account: this.#accountOf(card.number),
    };
    this.#tokens.set(entry.token, entry);
    return entry;
  }

  find(token: string): VaultToken | undefined {
    return this.#tokens.get(token);
  }

  tokens(): VaultToken[] {
    return [...this.#tokens.values()];
  }

  #accountOf(number: string): CardAccount {
    const fingerprint = this.#fingerprint(number);
    const known = this.#accounts.get(fingerprint);
    if (known) return known;
    const terms = this.#termsByFingerprint.get(fingerprint) ?? DEFAULT_TERMS;
    const account: CardAccount = { limit: terms.limit, declineCode: terms.declineCode, available: terms.limit };
    this.#accounts.set(fingerprint, account);
    return account;
  }

  #fingerprint(number: string): string {
    return createHmac('sha256', this.#key).update(number).digest('hex');
  }
}
