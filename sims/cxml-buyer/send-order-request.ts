/**
 * The buyer's side of placing an order: render sample purchase order n (or a given plan)
 * as a cXML OrderRequest with its credentials, POST it to the supplier's hub and read
 * the synchronous cXML Response. The payloadID is the same for the same n unless given,
 * so sending n twice is a retransmission, as a procurement system retrying would send.
 */
import { planOrderRequest } from './order-plan.js';
import { renderOrderRequest } from './order-request.js';
import { readResponse, type CxmlStatus } from './response.js';
import type { BuyerCredentials, OrderRequestPlan } from './types.js';

export interface SendOrderRequestOptions extends BuyerCredentials {
  /** Sample number (default 1); ignored when `plan` is given. */
  n?: number;
  plan?: OrderRequestPlan;
  payloadID?: string;
  timestamp?: string;
  deploymentMode?: 'production' | 'test';
  /** Bytes to send instead of the rendered document (hostile or broken input). */
  body?: string;
  /** Default `text/xml; charset=UTF-8`. */
  contentType?: string;
}

export interface SentOrderRequest {
  httpStatus: number;
  contentType: string;
  /** The hub's answer as text. */
  body: string;
  /** The answer's Status, when the answer is a cXML Response. */
  status?: CxmlStatus;
  payloadID: string;
  orderID: string;
  plan: OrderRequestPlan;
  /** The document as sent. */
  document: string;
}

/** The payloadID a procurement system gives sample n: `<epoch>.<n>@<its host>`. */
export function payloadIdFor(n: number): string {
  return `${1_795_000_000 + n * 660}.${n}@procurement.acme-industrial.example`;
}

export function buildOrderRequest(options: SendOrderRequestOptions): { document: string; plan: OrderRequestPlan; payloadID: string } {
  const plan = options.plan ?? planOrderRequest(options.n ?? 1);
  const payloadID = options.payloadID ?? payloadIdFor(plan.n);
  const document = options.body ?? renderOrderRequest(plan, options, {
    payloadID, timestamp: options.timestamp ?? new Date().toISOString(), ...(options.deploymentMode ? { deploymentMode: options.deploymentMode } : {}),
  });
  return { document, plan, payloadID };
}

export async function sendOrderRequest(hubUrl: string, options: SendOrderRequestOptions): Promise<SentOrderRequest> {
  const { document, plan, payloadID } = buildOrderRequest(options);
  const response = await fetch(hubUrl, {
    method: 'POST', body: document, headers: { 'content-type': options.contentType ?? 'text/xml; charset=UTF-8' },
  });
  const body = await response.text();
  let status: CxmlStatus | undefined;
  try {
    status = readResponse(body);
  } catch {
    status = undefined;
  }
  return {
    httpStatus: response.status, contentType: response.headers.get('content-type') ?? '', body,
    ...(status ? { status } : {}), payloadID, orderID: plan.orderID, plan, document,
  };
}
