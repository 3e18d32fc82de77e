/**
 * The configuration the benchmark runs the hub with: the test configuration of
 * tests/support/hub.ts (web-shop Shopify intake, oms-main XML over HTTP to the sink)
 * with production worker timings and an XML order intake `xml-in`, or the same with the
 * SFTP target `oms-files` as the default route. Also where each payload kind enters the hub.
 */
import { resolve } from 'node:path';
import { WEBHOOK_SECRET, writeTestConfig } from '../tests/support/hub.js';
import type { Delivery } from './delivery.js';
import type { PayloadKind } from './payloads.js';

/** The hub's intake path per payload kind (an instance of the configuration below). */
export const HUB_INTAKE_PATHS: Record<PayloadKind, string> = {
  'shopify-json': '/in/web-shop',
  xml: '/in/xml-in',
};

/** The XML intake instance (the xml-orders connector), signed with the same secret as the webhooks. */
function xmlIntake(): Record<string, unknown> {
  process.env.BENCH_XML_ORDER_SECRET = WEBHOOK_SECRET;
  return {
    'xml-in': {
      connector: 'xml-orders', channel: 'api',
      settings: { secret: { env: 'BENCH_XML_ORDER_SECRET' }, toleranceSeconds: 300 },
      mappings: { inbound: resolve('mappings/xml-order-to-canonical.json') },
    },
  };
}

/** Production defaults for worker timings (the test configuration shortens them). */
const PRODUCTION_WORKERS = { normalizeConcurrency: 8, lockDurationMs: 30_000, stalledIntervalMs: 30_000 };

/** Writes the configuration file; the hub listens on `port`. */
export function writeHubConfig(redisUrl: string, delivery: Delivery, port: number): { file: string; prefix: string } {
  if (delivery.kind === 'http') {
    return writeTestConfig({ redisUrl, omsUrl: delivery.sinkUrl, extra: { http: { port }, workers: PRODUCTION_WORKERS, instances: xmlIntake() } });
  }
  return writeTestConfig({
    // oms-main stays configured (nothing routes to it); its URL answers nothing.
    redisUrl, omsUrl: 'http://127.0.0.1:9',
    extra: {
      http: { port }, workers: PRODUCTION_WORKERS,
      routing: { default: 'oms-files' },
      instances: { 'oms-files': delivery.hubInstance, ...xmlIntake() },
    },
  });
}
