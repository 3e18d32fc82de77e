/**
 * The server API's authorizations: `POST /v1/authorizations` (once per
 * Idempotency-Key), `POST /v1/authorizations/:id/capture` and `/release`, and
 * `GET /v1/authorizations/:id` with the amounts authorized, captured and released.
 */
import { Hono } from 'hono';
import { FieldError, requiredString, type JsonObject } from '../shared/json-fields.js';
import { ApiError } from './api-error.js';
import type { AuthorizationBook, AuthorizationRequest } from './authorization-book.js';
import { declineMessage } from './decline-messages.js';
import { answerIdempotently } from './idempotent-answer.js';
import { isCardNumber } from './luhn.js';
import type { IdempotencyLedger } from './idempotency.js';
import { optionalCurrency, readJsonObject, requireIdempotencyKey, requiredAmount } from './request-body.js';
import type { AuthorizationView } from './types.js';
import type { CardVault } from './vault.js';

export interface AuthorizationRoutesDeps {
  vault: CardVault;
  book: AuthorizationBook;
  ledger: IdempotencyLedger;
}

export function createAuthorizationRoutes(deps: AuthorizationRoutesDeps): Hono {
  const app = new Hono();

  app.post('/', async (c) => {
    const key = requireIdempotencyKey(c);
    const body = await readJsonObject(c);
    return answerIdempotently(c, deps.ledger, key, body, () => {
      const authorization = deps.book.authorize(readAuthorizationRequest(body, deps.vault, key));
      return { status: 201, body: authorizationAnswer(authorization) };
    });
  });

  for (const kind of ['capture', 'release'] as const) {
    app.post(`/:id/${kind}`, async (c) => {
      const key = requireIdempotencyKey(c);
      const body = await readJsonObject(c);
      return answerIdempotently(c, deps.ledger, key, body, () => {
        const amount = requiredAmount(body, 'amount');
        const currency = optionalCurrency(body, 'currency');
        const settled = deps.book.settle(c.req.param('id'), { kind, amount, idempotencyKey: key, ...(currency ? { currency } : {}) });
        return { status: 201, body: { ...settled.operation, authorizationId: settled.authorization.id, authorization: settled.authorization } };
      });
    });
  }

  app.get('/:id', (c) => {
    const authorization = deps.book.find(c.req.param('id'));
    if (!authorization) throw new ApiError(404, 'unknown_authorization', `no authorization ${c.req.param('id')} on this gateway`);
    return c.json(authorization);
  });

  return app;
}

function readAuthorizationRequest(body: JsonObject, vault: CardVault, idempotencyKey: string): AuthorizationRequest {
  const tokenId = requiredString(body, 'token');
  const amount = requiredAmount(body, 'amount');
  const currency = optionalCurrency(body, 'currency');
  if (currency === undefined) throw new FieldError('currency is required: an ISO 4217 code in capitals, e.g. EUR');
  const reference = requiredString(body, 'reference');
  if (reference.length > 100) throw new FieldError('reference must be at most 100 characters');
  if (isCardNumber(tokenId)) {
    throw new ApiError(400, 'card_number_as_token', 'token must be the tok_ id from POST /v1/tokens: never send a card number to the server API');
  }
  const token = vault.find(tokenId);
  if (!token) {
    throw new ApiError(400, 'unknown_token', `token ${tokenId.slice(0, 40)} is not known to this gateway: have the customer enter the card again in the hosted field`);
  }
  return { token, amount, currency, reference, idempotencyKey };
}

/** What `POST /v1/authorizations` answers: the decision, as it was made. */
function authorizationAnswer(authorization: AuthorizationView): Record<string, unknown> {
  return {
    id: authorization.id,
    status: authorization.status,
    reference: authorization.reference,
    requestedAmount: authorization.requestedAmount,
    approvedAmount: authorization.approvedAmount,
    currency: authorization.currency,
    brand: authorization.brand,
    lastFour: authorization.lastFour,
    ...(authorization.declineCode === undefined ? {} : { declineCode: authorization.declineCode, declineMessage: declineMessage(authorization.declineCode) }),
    createdAt: authorization.createdAt,
  };
}
