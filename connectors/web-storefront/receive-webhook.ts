/**
 * Order webhooks: verify the HMAC over the exact bytes (constant time), refuse stale
 * or missing timestamps, ignore non-order topics, and key the order by the storefront's
 * own order id so retries, duplicates and polls of the same order collapse into one.
 */
import { createHash } from 'node:crypto';
import {
  BadInputError, UnauthorizedError, parseJsonBody, verifyHmacSha256,
  type InboundRequest, type InboundResult,
} from '../../src/sdk/index.js';
import { STYLES, type StorefrontConfig } from './config.js';
import { storefrontOrderId } from './order-id.js';

export function receiveWebhook(config: StorefrontConfig, request: InboundRequest, now = Date.now()): InboundResult {
  const style = STYLES[config.style];
  if (request.method !== 'POST') throw new BadInputError('order webhooks must be POSTed', { code: 'METHOD', status: 405 });
  verifySignature(config, style.signatureHeader, request);
  if (style.timestampHeader) verifyTimestamp(config, request.headers[style.timestampHeader], now);
  const topic = request.headers[style.topicHeader];
  if (topic !== undefined && !(style.orderTopics as readonly string[]).includes(topic)) {
    return { kind: 'reply', status: 200, contentType: 'application/json', body: JSON.stringify({ ignored: `topic ${topic}` }) };
  }
  const order = parseJsonBody(request.body);
  if (typeof order !== 'object' || order === null || Array.isArray(order)) {
    throw new BadInputError('webhook body must be a JSON object (the order)', { code: 'NOT_AN_ORDER' });
  }
  const eventId = request.headers[style.eventIdHeader];
  const id = storefrontOrderId(order as Record<string, unknown>);
  const dedupKey = id !== undefined ? `order:${id}` : eventId ? `event:${eventId}` : `sha256:${sha256(request.body)}`;
  return {
    kind: 'order',
    envelope: {
      dedupKey,
      ...(id !== undefined ? { externalId: id } : {}),
      contentType: 'application/json',
      body: request.body,
      data: order,
      meta: { via: 'webhook', ...(topic ? { topic } : {}), ...(eventId ? { eventId } : {}) },
    },
  };
}

function verifySignature(config: StorefrontConfig, header: string, request: InboundRequest): void {
  if (!config.webhookSecret) throw new UnauthorizedError('this instance takes no webhooks (no webhookSecret set)', { code: 'NO_SECRET' });
  const given = request.headers[header];
  if (!given) throw new UnauthorizedError(`missing signature header ${header}`, { code: 'MISSING_SIGNATURE' });
  if (!verifyHmacSha256(config.webhookSecret, request.body, given, 'base64')) {
    throw new UnauthorizedError('signature does not match the body', {
      code: 'BAD_SIGNATURE', hint: 'check that the storefront and the hub share the same webhook secret',
    });
  }
}

function verifyTimestamp(config: StorefrontConfig, header: string | undefined, now: number): void {
  if (header === undefined) {
    if (config.requireTimestamp) throw new UnauthorizedError('missing webhook timestamp', { code: 'MISSING_TIMESTAMP' });
    return;
  }
  const at = /^\d+$/.test(header) ? Number(header) * 1000 : Date.parse(header);
  if (Number.isNaN(at)) throw new UnauthorizedError(`unreadable webhook timestamp "${header.slice(0, 40)}"`, { code: 'BAD_TIMESTAMP' });
  const skewSeconds = Math.abs(now - at) / 1000;
  if (skewSeconds > config.toleranceSeconds) {
    throw new UnauthorizedError(`webhook timestamp is ${Math.round(skewSeconds)} s away from now (tolerance ${config.toleranceSeconds} s)`, {
      code: 'STALE_TIMESTAMP', hint: 'a replayed or long-delayed webhook; check the storefront clock',
    });
  }
}

function sha256(body: Buffer): string {
  return createHash('sha256').update(body).digest('hex');
}
