/**
 * Public types of the payment gateway simulator: its options, the handle a test or
 * the CLI gets back, and the read-only views of tokens, authorizations and requests.
 * No view carries a card number: tokens show only brand and last four digits.
 */
import type { RequestLogEntry } from '../shared/request-log.js';
import type { AuthorizationStatus } from './approval.js';
import type { CardBrand } from './card-brand.js';

export type { AuthorizationStatus } from './approval.js';
export type { CardBrand } from './card-brand.js';

export interface PaymentGatewaySimOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Default `127.0.0.1`. */
  host?: string;
  /** Secret key for `Authorization: Bearer …` on the server API; default: a random `sk_test_…`. */
  apiKey?: string;
  /** Key of the hosted field and `/v1/tokens`; default: a random `pk_test_…`. */
  publishableKey?: string;
  /**
   * Credit limit in minor units per card number (digits only), overriding the test
   * cards; any other card approves anything. The numbers are reduced to keyed
   * fingerprints at start and not kept.
   */
  limits?: Record<string, number>;
}

export interface TokenView {
  token: string;
  brand: CardBrand;
  lastFour: string;
  /** The card's limit and what is left of it, in minor units (shared by every token of the card). */
  limit: number;
  available: number;
}

export interface OperationView {
  id: string;
  kind: 'capture' | 'release';
  amount: number;
  idempotencyKey: string;
  at: string;
}

export interface AuthorizationView {
  id: string;
  status: AuthorizationStatus;
  /** The merchant's reference (the hub order id). */
  reference: string;
  token: string;
  brand: CardBrand;
  lastFour: string;
  currency: string;
  requestedAmount: number;
  approvedAmount: number;
  capturedAmount: number;
  releasedAmount: number;
  /** Approved and neither captured nor released yet. */
  openAmount: number;
  declineCode?: string;
  idempotencyKey: string;
  createdAt: string;
  operations: OperationView[];
}

/** One API call as the gateway simulator logs it (sims/shared/request-log.ts). */
export type GatewayRequestLogEntry = RequestLogEntry;

export interface PaymentGatewaySim {
  /** Base URL without a trailing slash, e.g. `http://127.0.0.1:40123`. */
  readonly url: string;
  readonly apiKey: string;
  readonly publishableKey: string;
  close(): Promise<void>;
  /** The next `count` server-API requests (not `/v1/tokens`) answer `status` (default 503) and do nothing. */
  failNext(count: number, status?: number): void;
  /** The next `count` server-API requests answer 429 with `Retry-After: retryAfterSeconds` (default 1). */
  rateLimit(count: number, retryAfterSeconds?: number): void;
  /** The next server-API request is handled, but answered only after `ms` (to provoke client timeouts). */
  delayNext(ms: number): void;
  /** Drops every pending injected failure, rate limit and delay. */
  clearFaults(): void;
  authorizations(): AuthorizationView[];
  authorization(id: string): AuthorizationView | undefined;
  tokens(): TokenView[];
  requests(): GatewayRequestLogEntry[];
}
