/**
 * payloadIDs of the documents the hub writes, in the form cXML recommends
 * (`<time>.<process>.<random>@<host>`). A synchronous Response gets a new one each
 * time; a notice's documents get one derived from the notice's idempotency key, so a
 * retried notice carries the same payloadID and the buyer can drop the repeat.
 */
import { randomBytes } from 'node:crypto';
import type { CxmlIdentity } from './config.js';

/** The `@host` part: our identity, reduced to what a host name may hold. */
export function payloadHost(supplier: CxmlIdentity): string {
  const host = supplier.identity.toLowerCase().replace(/[^a-z0-9.-]+/g, '-').replace(/^[-.]+|[-.]+$/g, '');
  return host === '' ? 'order-hub' : host;
}

export function newPayloadId(host: string, now = Date.now()): string {
  return `${now}.${process.pid}.${randomBytes(6).toString('hex')}@${host}`;
}

/** The same for every attempt of one notice: `<hubOrderId>.<version>.<document>@<host>`. */
export function noticePayloadId(idempotencyKey: string, document: string, host: string): string {
  return `${idempotencyKey.replace(/[^A-Za-z0-9.-]+/g, '.')}.${document}@${host}`;
}
