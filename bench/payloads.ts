/**
 * The kinds of order body the load generator can send, and the one place that maps a
 * kind to the factory building its requests: 'shopify-json' (signed Shopify webhooks)
 * and 'xml' (signed Order XML v1 documents for the xml-orders connector).
 *
 * Adding a kind: add the name to
 * PAYLOAD_KINDS, write a factory implementing OrderBodyFactory in its own module, and add
 * it to FACTORIES. The compiler then asks, through the Records keyed by PayloadKind, for
 * the hub's intake path (HUB_INTAKE_PATHS in hub-config.ts, where the instance that
 * receives it is configured too) and the floor's (FLOOR_INTAKE_PATHS in targets.ts; the
 * floor needs a route there that parses that body). Then `npm run bench -- --payload xml`
 * measures both programs through that intake; the sinks need no change.
 */
import { OrderFactory } from './order-bodies.js';
import { XmlOrderFactory } from './xml-bodies.js';

export const PAYLOAD_KINDS = ['shopify-json', 'xml'] as const;

export type PayloadKind = (typeof PAYLOAD_KINDS)[number];

export interface OrderRequest {
  body: Buffer;
  headers: Record<string, string>;
}

/** Makes order number n (unique per target) as a complete request: bytes and headers, signed where the intake checks. */
export interface OrderBodyFactory {
  readonly kind: PayloadKind;
  make(n: number): OrderRequest;
}

const FACTORIES: Record<PayloadKind, (secret: string) => OrderBodyFactory> = {
  'shopify-json': (secret) => new OrderFactory(secret),
  xml: (secret) => new XmlOrderFactory(secret),
};

export function orderBodies(kind: PayloadKind, secret: string): OrderBodyFactory {
  return FACTORIES[kind](secret);
}

export function isPayloadKind(value: string): value is PayloadKind {
  return (PAYLOAD_KINDS as readonly string[]).includes(value);
}
