/**
 * Status back to the storefront: a signed JSON callback per status change, with an
 * idempotency key and the status version so the storefront can drop repeats and
 * out-of-order arrivals.
 */
import { httpRequest, raiseForStatus, signCallback, type Notice } from '../../src/sdk/index.js';
import type { StorefrontConfig } from './config.js';

export function callbackBody(notice: Notice): string {
  return JSON.stringify({
    event: 'order.status',
    hubOrderId: notice.order.hubOrderId,
    confirmation: notice.order.confirmation,
    externalId: notice.order.externalId,
    state: notice.state,
    statusVersion: notice.status.version,
    occurredAt: notice.occurredAt,
    shipments: notice.status.shipments.map((s) => ({
      carrier: s.carrier, trackingNumber: s.trackingNumber, trackingUrl: s.trackingUrl,
    })),
  });
}

export async function sendCallback(callback: NonNullable<StorefrontConfig['callback']>, notice: Notice): Promise<void> {
  const body = callbackBody(notice);
  const response = await httpRequest(callback.url, {
    method: 'POST',
    body,
    timeoutMs: callback.timeoutMs,
    headers: { 'content-type': 'application/json', 'idempotency-key': notice.idempotencyKey, ...signCallback(callback.secret, body) },
  });
  raiseForStatus(response, `status callback for order ${notice.order.hubOrderId}`);
}
