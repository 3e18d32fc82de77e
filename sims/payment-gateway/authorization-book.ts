/**
 * The gateway's authorizations, in memory: creating one against a token's card
 * account (holding the approved credit), capturing and releasing parts of it
 * (a release gives its credit back to the card), and read-only views.
 */
import { randomBytes } from 'node:crypto';
import { ApiError } from './api-error.js';
import { decideApproval, openAmount, operationProblem, settledStatus, type Settlement } from './approval.js';
import type { VaultToken } from './vault.js';
import type { AuthorizationView, OperationView } from './types.js';

export interface AuthorizationRequest {
  token: VaultToken;
  amount: number;
  currency: string;
  reference: string;
  idempotencyKey: string;
}

export interface OperationRequest {
  kind: 'capture' | 'release';
  amount: number;
  /** When given, must be the authorization's currency. */
  currency?: string;
  idempotencyKey: string;
}

interface AuthorizationRecord extends Settlement {
  id: string;
  token: VaultToken;
  reference: string;
  currency: string;
  requestedAmount: number;
  declineCode?: string;
  idempotencyKey: string;
  createdAt: string;
  operations: OperationView[];
}

export class AuthorizationBook {
  readonly #records = new Map<string, AuthorizationRecord>();

  authorize(request: AuthorizationRequest): AuthorizationView {
    const account = request.token.account;
    const decision = decideApproval(request.amount, account.available, account.declineCode);
    account.available -= decision.approvedAmount;
    const record: AuthorizationRecord = {
      id: `auth_${randomBytes(12).toString('hex')}`,
      token: request.token,
      reference: request.reference,
      currency: request.currency,
      requestedAmount: request.amount,
      decision: decision.status,
      approvedAmount: decision.approvedAmount,
      capturedAmount: 0,
      releasedAmount: 0,
      ...(decision.declineCode === undefined ? {} : { declineCode: decision.declineCode }),
      idempotencyKey: request.idempotencyKey,
      createdAt: new Date().toISOString(),
      operations: [],
    };
    this.#records.set(record.id, record);
    return toView(record);
  }

  /** Captures or releases part of an authorization; throws 404 or 422 `ApiError`s that say why not. */
  settle(id: string, request: OperationRequest): { operation: OperationView; authorization: AuthorizationView } {
    const record = this.#require(id);
    if (request.currency !== undefined && request.currency !== record.currency) {
      throw new ApiError(422, 'currency_mismatch', `authorization ${id} is in ${record.currency}, not ${request.currency}`);
    }
    const problem = operationProblem(record, request.kind, request.amount);
    if (problem) throw new ApiError(422, 'amount_not_available', `authorization ${id}: ${problem}`);
    if (request.kind === 'capture') record.capturedAmount += request.amount;
    else {
      record.releasedAmount += request.amount;
      record.token.account.available += request.amount;
    }
    const operation: OperationView = {
      id: `${request.kind === 'capture' ? 'cap' : 'rel'}_${randomBytes(12).toString('hex')}`,
      kind: request.kind, amount: request.amount, idempotencyKey: request.idempotencyKey, at: new Date().toISOString(),
    };
    record.operations.push(operation);
    return { operation: { ...operation }, authorization: toView(record) };
  }

  find(id: string): AuthorizationView | undefined {
    const record = this.#records.get(id);
    return record ? toView(record) : undefined;
  }

  list(): AuthorizationView[] {
    return [...this.#records.values()].map(toView);
  }

  #require(id: string): AuthorizationRecord {
    const record = this.#records.get(id);
    if (!record) throw new ApiError(404, 'unknown_authorization', `no authorization ${id} on this gateway: check the id recorded on the order`);
    return record;
  }
}

function toView(record: AuthorizationRecord): AuthorizationView {
  return {
    id: record.id,
    status: settledStatus(record),
    reference: record.reference,
    token: record.token.token,
    brand: record.token.brand,
    lastFour: record.token.lastFour,
    currency: record.currency,
    requestedAmount: record.requestedAmount,
    approvedAmount: record.approvedAmount,
    capturedAmount: record.capturedAmount,
    releasedAmount: record.releasedAmount,
    openAmount: openAmount(record),
    ...(record.declineCode === undefined ? {} : { declineCode: record.declineCode }),
    idempotencyKey: record.idempotencyKey,
    createdAt: record.createdAt,
    operations: record.operations.map((operation) => ({ ...operation })),
  };
}
