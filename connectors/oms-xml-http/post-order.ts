/**
 * Delivery: POST the rendered order XML with the idempotency key and read the OMS
 * order number from the reply. 2xx without a number, and 4xx, are permanent; 429,
 * 5xx and network trouble are transient (Retry-After honoured).
 */
import {
  PermanentError, httpRequest, parseXmlSafely, raiseForStatus, safeUrl, xmlText,
  type Delivery, type DeliveryResult,
} from '../../src/sdk/index.js';
import type { OmsXmlConfig } from './config.js';

export async function postOrder(config: OmsXmlConfig, delivery: Delivery): Promise<DeliveryResult> {
  const url = `${config.url.replace(/\/$/, '')}/orders`;
  const headers: Record<string, string> = {
    'content-type': delivery.payload.contentType,
    'idempotency-key': delivery.idempotencyKey,
    accept: 'application/xml',
    ...authHeaders(config),
  };
  const response = await httpRequest(url, { method: 'POST', headers, body: delivery.payload.body, timeoutMs: config.timeoutMs });
  const what = `OMS at ${safeUrl(url)} for order ${delivery.order.hubOrderId}`;
  if (response.status < 200 || response.status >= 300) raiseForStatus(response, what, omsErrorText(response.body));
  const number = omsOrderNumber(response.body);
  if (!number) {
    throw new PermanentError(`${what}: HTTP ${response.status} without an OmsOrderNumber in the reply`, {
      code: 'NO_OMS_NUMBER', hint: 'check the OMS reply format, then replay',
    });
  }
  return { externalRef: number };
}

function omsOrderNumber(body: string): string | undefined {
  try {
    const reply = parseXmlSafely(body).OrderResponse as Record<string, unknown> | undefined;
    return xmlText(reply?.OmsOrderNumber);
  } catch {
    return undefined;
  }
}

/** Basic auth, when the OMS wants it. */
export function authHeaders(config: OmsXmlConfig): Record<string, string> {
  if (!config.username) return {};
  return { authorization: `Basic ${Buffer.from(`${config.username}:${config.password ?? ''}`).toString('base64')}` };
}

/** "<Code>: <Message>" from an OMS error reply, or a short piece of the body. */
export function omsErrorText(body: string): string {
  try {
    const error = parseXmlSafely(body).Error as Record<string, unknown> | undefined;
    if (error) return `${xmlText(error.Code) ?? 'ERROR'}: ${xmlText(error.Message) ?? ''}`.trim();
  } catch {
    // not XML: fall through
  }
  return body.slice(0, 200);
}
