/**
 * Start-up checks: the hub refuses Redis that could lose acknowledged orders (unless
 * told `durability: warn`, and then `/readyz` says so), a bad configuration is refused
 * with file, line, path and reason, and a worker-only process answers probes.
 */
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { runHub, type RunningHub } from '../../src/cli/run-hub.js';
import { writeTestConfig } from '../support/hub.js';
import { startRedis, type TestRedis } from '../support/redis.js';

const run = promisify(execFile);
const silent = pino({ level: 'silent' });
let redis: TestRedis | undefined;
let hub: RunningHub | undefined;

afterEach(async () => {
  await hub?.stop();
  hub = undefined;
  await redis?.stop();
  redis = undefined;
});

describe('Redis durability at start', () => {
  it('refuses to start on Redis with appendfsync everysec and says what to change', async () => {
    redis = await startRedis({ appendfsync: 'everysec' });
    const { file } = writeTestConfig({ redisUrl: redis.url, omsUrl: 'http://127.0.0.1:9' });
    await expect(runHub({ configFile: file, api: true, workers: true, log: silent }))
      .rejects.toThrow(/appendfsync is "everysec", must be "always"/);
  });

  it('starts with durability: warn, and /readyz reports the risk without failing', async () => {
    redis = await startRedis({ policy: 'allkeys-lru' });
    const { file } = writeTestConfig({ redisUrl: redis.url, omsUrl: 'http://127.0.0.1:9', extra: { redis: { durability: 'warn' } } });
    hub = await runHub({ configFile: file, api: true, workers: true, log: silent });
    const response = await fetch(`${hub.url}/readyz`);
    const body = (await response.json()) as { checks: { durability: { ok: boolean; detail: string } } };
    expect(response.status).toBe(200);
    expect(body.checks.durability.detail).toMatch(/warn only.*maxmemory-policy is "allkeys-lru"/);
  });

  it('serves only probes from a worker process given --probe-port', async () => {
    redis = await startRedis();
    const { file } = writeTestConfig({ redisUrl: redis.url, omsUrl: 'http://127.0.0.1:9' });
    hub = await runHub({ configFile: file, api: false, workers: true, probePort: 0, log: silent });
    expect((await fetch(`${hub.url}/readyz`)).status).toBe(200);
    expect((await fetch(`${hub.url}/api/orders/x`)).status).toBe(404);
    expect((await fetch(`${hub.url}/in/web-shop`, { method: 'POST' })).status).toBe(404);
  });
});

describe('hub config check', () => {
  it('explains every problem with file, line, path and reason, and exits 1', async () => {
    const { file } = writeTestConfig({ redisUrl: 'redis://127.0.0.1:1', omsUrl: 'not a url' });
    writeFileSync(file, `${(await import('node:fs')).readFileSync(file, 'utf8')}\n`.replace('connector: oms-xml-http', 'connector: oms-xml-htp'));
    const failure = await run(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'config', 'check', file]).then(
      () => undefined, (error: { code: number; stderr: string }) => error);
    expect(failure?.code).toBe(1);
    expect(failure?.stderr).toMatch(new RegExp(`${file}:\\d+ /instances/oms-main/connector: no connector "oms-xml-htp"`));
    expect(failure?.stderr).toContain('/routing/default: "oms-main" is not a configured instance that can deliver orders');
  });

  it('accepts the shipped configuration when its secrets are in the environment', async () => {
    const env = { ...process.env, SHOP_WEBHOOK_SECRET: 'a'.repeat(32), SHOP_CALLBACK_SECRET: 'b'.repeat(32), SHOP_API_TOKEN: 'c', OMS_CALLBACK_SECRET: 'd'.repeat(32), HUB_DEVICE_KEY_SECRET: 'e'.repeat(32), PARCELCO_API_KEY: 'f'.repeat(24), PARCELCO_WEBHOOK_SECRET: 'g'.repeat(32), X12_NORTHWIND_TOKEN: 'h'.repeat(32) };
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'config', 'check', 'config/hub.yaml'], { env });
    expect(stdout).toMatch(/^ok: .*config\/hub.yaml/);
    expect(stdout).toMatch(/web-shop\s+web-storefront\s+web/);
    expect(stdout).toMatch(/edi\s+x12\s+edi/);
  });
});
