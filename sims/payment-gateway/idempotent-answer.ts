/**
 * Answers a POST once per Idempotency-Key: a repeat of the same request gets the
 * stored answer (flagged `Idempotent-Replayed: true`) and does nothing; a new request
 * is produced, and stored only when it succeeded.
 */
import type { Context } from 'hono';
import { requestFingerprint, type IdempotencyLedger, type StoredAnswer } from './idempotency.js';
import { REPLAYED_HEADER } from '../shared/request-log.js';

/** `produce` must not await: checking the ledger and storing the answer happen in one turn. */
export function answerIdempotently(
  c: Context, ledger: IdempotencyLedger, key: string, body: unknown, produce: () => StoredAnswer,
): Response {
  const request = requestFingerprint(c.req.method, c.req.path, body);
  const stored = ledger.replay(key, request);
  if (stored) {
    c.header(REPLAYED_HEADER, 'true');
    return c.json(stored.body, stored.status);
  }
  const answer = produce();
  if (answer.status >= 200 && answer.status < 300) ledger.remember(key, request, answer);
  return c.json(answer.body, answer.status);
}
