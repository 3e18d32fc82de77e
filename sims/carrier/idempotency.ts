/**
 * Idempotency keys on shipment creation: the first successful answer to a key is kept
 * with a fingerprint of its request. The same key with the same request gets that
 * answer again (as 200) and creates nothing; with a different request it is refused
 * (422 IDEMPOTENCY_KEY_REUSED). A repeat that arrives while the first is still being
 * made waits for it. Failed answers are not kept, so a retry is judged afresh.
 */
import { createHash } from 'node:crypto';
import { ProblemError } from './problem.js';

export interface StoredAnswer {
  status: 200 | 201;
  body: unknown;
}

export interface LedgerResult {
  answer: StoredAnswer;
  /** True when the answer is the one kept for an earlier request with the key. */
  replayed: boolean;
}

interface LedgerEntry {
  fingerprint: string;
  answer: Promise<StoredAnswer>;
}

export class IdempotencyLedger {
  readonly #entries = new Map<string, LedgerEntry>();

  /** Answers the request once per key: `produce` runs only when no answer is kept (or being made) for it. */
  async run(key: string, fingerprint: string, produce: () => Promise<StoredAnswer>): Promise<LedgerResult> {
    for (;;) {
      const entry = this.#entries.get(key);
      if (!entry) return { answer: await this.#produce(key, fingerprint, produce), replayed: false };
      if (entry.fingerprint !== fingerprint) throw reused(key);
      const answer = await entry.answer.catch(() => undefined);
      if (answer) return { answer: { ...answer, status: 200 }, replayed: true };
      // The first request failed and its key was freed: try again as a fresh request.
    }
  }

  async #produce(key: string, fingerprint: string, produce: () => Promise<StoredAnswer>): Promise<StoredAnswer> {
    const answer = produce();
    const entry: LedgerEntry = { fingerprint, answer };
    this.#entries.set(key, entry);
    try {
      return await answer;
    } catch (error) {
      if (this.#entries.get(key) === entry) this.#entries.delete(key);
      throw error;
    }
  }
}

/** A stable fingerprint of a request: the same fields in any order give the same value. */
export function requestFingerprint(method: string, path: string, body: unknown): string {
  return createHash('sha256').update(`${method} ${path} ${canonicalJson(body)}`).digest('hex');
}

/** JSON with object keys sorted, so `{a,b}` and `{b,a}` are one request. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

function reused(key: string): ProblemError {
  return new ProblemError(422, 'IDEMPOTENCY_KEY_REUSED',
    `Idempotency-Key ${key} was already used for a different request: use a new key for a new shipment, or send exactly the same request to get its answer again`);
}
