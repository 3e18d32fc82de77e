// Checks the real-Redis test harness (tests/support/redis.ts): production durability settings,
// survival of acknowledged writes across SIGKILL + restart, port isolation and cleanup.

import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRedis, type TestRedis } from '../support/redis.js';

describe('test redis harness', () => {
  let redis: TestRedis;

  beforeAll(async () => {
    redis = await startRedis();
  }, 15_000);

  afterAll(async () => {
    await redis?.stop();
  }, 15_000);

  it('runs with the production durability settings', async () => {
    const client = redis.client();
    expect(await client.config('GET', 'appendfsync')).toEqual(['appendfsync', 'always']);
    expect(await client.config('GET', 'maxmemory-policy')).toEqual(['maxmemory-policy', 'noeviction']);
    expect(await client.config('GET', 'appendonly')).toEqual(['appendonly', 'yes']);
    expect(await client.config('GET', 'save')).toEqual(['save', '']);
    expect(redis.url).toBe(`redis://127.0.0.1:${redis.port}`);
  });

  it('keeps an acknowledged write across SIGKILL and restart (AOF always)', async () => {
    const writer = redis.client();
    expect(await writer.set('harness:key', 'kept')).toBe('OK');
    const pidBefore = redis.pid;

    await redis.kill();
    expect(redis.pid).toBeUndefined();

    await redis.restart();
    expect(redis.pid).toBeDefined();
    expect(redis.pid).not.toBe(pidBefore);

    const reader = redis.client({ maxRetriesPerRequest: 1 });
    expect(await reader.get('harness:key')).toBe('kept');
  }, 30_000);

  it('lets a client reconnect by itself after a restart', async () => {
    const client = redis.client();
    await client.set('harness:before', '1');
    await redis.kill();
    await redis.restart();
    // The same client object, not a new one: ioredis reconnects and the offline queue replays.
    expect(await client.get('harness:before')).toBe('1');
  }, 30_000);

  it('pause() freezes the server and resume() brings it back', async () => {
    const client = redis.client({ commandTimeout: 300, maxRetriesPerRequest: 0 });
    expect(await client.ping()).toBe('PONG');
    redis.pause();
    await expect(client.ping()).rejects.toThrow();
    redis.resume();
    const fresh = redis.client();
    expect(await fresh.ping()).toBe('PONG');
  }, 15_000);

  it('gives two instances different ports and removes the data dir on stop', async () => {
    const second = await startRedis({ appendfsync: 'everysec', maxmemory: '32mb' });
    try {
      expect(second.port).not.toBe(redis.port);
      expect(second.dataDir).not.toBe(redis.dataDir);
      const client = second.client();
      expect(await client.config('GET', 'appendfsync')).toEqual(['appendfsync', 'everysec']);
      expect(await client.config('GET', 'maxmemory')).toEqual(['maxmemory', String(32 * 1024 * 1024)]);
      expect(existsSync(second.dataDir)).toBe(true);
    } finally {
      await second.stop();
    }
    expect(existsSync(second.dataDir)).toBe(false);
    expect(second.pid).toBeUndefined();
    await second.stop(); // idempotent
  }, 30_000);
});
