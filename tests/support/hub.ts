/**
 * Starts a real hub (API + workers) in this process against a test Redis and the
 * simulators, from a configuration file written for the test, with short retry and
 * stall timings so failures show up in seconds.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { stringify } from 'yaml';
import { pino, type Logger } from 'pino';
import { Credentials } from '../../src/auth/credentials.js';
import { runHub, type RunningHub } from '../../src/cli/run-hub.js';

export const WEBHOOK_SECRET = 'test-webhook-secret-0123456789';
export const CALLBACK_SECRET = 'test-callback-secret-0123456789';
export const OMS_CALLBACK_SECRET = 'test-oms-callback-secret-012345';
export const API_TOKEN = 'test-api-token';

export interface TestHubOptions {
  redisUrl: string;
  omsUrl: string;
  storefrontCallbackUrl?: string;
  storefrontPullUrl?: string;
  /** Deep overrides merged into the generated configuration. */
  extra?: Record<string, unknown>;
  workers?: boolean;
  /** The hub's logger (default: silent, or TEST_LOG_LEVEL). */
  log?: Logger;
}

export interface TestHub {
  hub: RunningHub;
  url: string;
  configFile: string;
  prefix: string;
  /** An admin API token of this hub. */
  apiToken: string;
  stop(): Promise<void>;
}

let currentToken: string | undefined;

/** The Authorization header of the test hub started last in this file. */
export function authHeaders(): Record<string, string> {
  return currentToken ? { authorization: `Bearer ${currentToken}` } : {};
}

/** The configuration the test hub runs with, written to a temporary file. */
export function writeTestConfig(options: TestHubOptions): { file: string; prefix: string } {
  process.env.TEST_SHOP_WEBHOOK_SECRET = WEBHOOK_SECRET;
  process.env.TEST_SHOP_CALLBACK_SECRET = CALLBACK_SECRET;
  process.env.TEST_OMS_CALLBACK_SECRET = OMS_CALLBACK_SECRET;
  process.env.TEST_SHOP_API_TOKEN = API_TOKEN;
  const prefix = `t${randomBytes(4).toString('hex')}`;
  const mappings = resolve('mappings');
  const config = {
    redis: { url: options.redisUrl, prefix },
    http: { host: '127.0.0.1', port: 0 },
    workers: { lockDurationMs: 2000, stalledIntervalMs: 1000 },
    retry: { attempts: 5, baseDelayMs: 50, maxDelayMs: 400 },
    routing: { default: 'oms-main' },
    instances: {
      'web-shop': {
        connector: 'web-storefront',
        channel: 'web',
        settings: {
          style: 'shopify',
          webhookSecret: { env: 'TEST_SHOP_WEBHOOK_SECRET' },
          ...(options.storefrontCallbackUrl ? { callback: { url: options.storefrontCallbackUrl, secret: { env: 'TEST_SHOP_CALLBACK_SECRET' } } } : {}),
          ...(options.storefrontPullUrl ? { pull: { url: options.storefrontPullUrl, apiToken: { env: 'TEST_SHOP_API_TOKEN' }, intervalMs: 300, pageSize: 5 } } : {}),
        },
        mappings: { inbound: join(mappings, 'shopify-to-canonical.json') },
      },
      'woo-shop': {
        connector: 'web-storefront',
        channel: 'web',
        settings: { style: 'woocommerce', webhookSecret: { env: 'TEST_SHOP_WEBHOOK_SECRET' } },
        mappings: { inbound: join(mappings, 'woocommerce-to-canonical.json') },
      },
      'oms-main': {
        connector: 'oms-xml-http',
        settings: { url: options.omsUrl, timeoutMs: 3000, callbackSecret: { env: 'TEST_OMS_CALLBACK_SECRET' } },
        mappings: { outbound: join(mappings, 'canonical-to-oms-xml.json') },
      },
    },
  };
  deepMerge(config, options.extra ?? {});
  const dir = mkdtempSync(join(tmpdir(), 'hub-config-'));
  const file = join(dir, 'hub.yaml');
  writeFileSync(file, stringify(config));
  return { file, prefix };
}

/** Layers merged deeply into a new object, later ones winning; the layers are not touched. */
export function mergedLayers(...layers: Array<Record<string, unknown>>): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const layer of layers) deepMerge(result, structuredClone(layer));
  return result;
}

function deepMerge(target: Record<string, unknown>, extra: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(extra)) {
    const current = target[key];
    if (isPlainObject(value) && isPlainObject(current)) deepMerge(current, value);
    else target[key] = value;
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export async function startTestHub(options: TestHubOptions): Promise<TestHub> {
  const { file, prefix } = writeTestConfig(options);
  const hub = await runHub({
    configFile: file, api: true, workers: options.workers ?? true,
    log: options.log ?? pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }),
  });
  const apiToken = await new Credentials(hub.runtime.redis, prefix).createToken('tests', 'admin');
  currentToken = apiToken;
  return { hub, url: hub.url!, configFile: file, prefix, apiToken, stop: () => hub.stop() };
}

/** Polls `check` until it returns a value (not undefined), or fails after `timeoutMs`. */
export async function eventually<T>(check: () => Promise<T | undefined> | T | undefined, timeoutMs = 15_000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${(last as Error).message}` : ''}`);
}
