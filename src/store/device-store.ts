/**
 * Devices in Redis: one hash per device (`record`: the Device as JSON), the set of device
 * ids, and key id → device id for finding who signed. Sequence bookkeeping (what a
 * device's orders hold) and nonces a device signed with live here too. Updates of one
 * device are read–modify–write under WATCH, so two admins never lose each other's change.
 */
import type { Redis } from 'ioredis';
import type { Device } from '../devices/device-record.js';
import type { HubRedis } from './connection.js';
import type { Keys } from './keys.js';

export interface SequenceState {
  /** Highest n such that 1..n are all held. */
  highestContiguous: number;
  /** Highest number seen. */
  highestSeen: number;
  /** Numbers held beyond the first gap. */
  heldBeyondGap: number;
  seenAt?: string;
}

const MAX_UPDATE_TRIES = 10;

export class DeviceStore {
  constructor(private readonly redis: Redis, private readonly keys: Keys) {}

  async get(id: string): Promise<Device | undefined> {
    const record = await this.redis.hget(this.keys.device(id), 'record');
    return record ? (JSON.parse(record) as Device) : undefined;
  }

  async byKey(keyId: string): Promise<Device | undefined> {
    const id = await this.redis.get(this.keys.deviceKey(keyId));
    return id ? this.get(id) : undefined;
  }

  async list(): Promise<Device[]> {
    const ids = (await this.redis.smembers(this.keys.devices())).sort();
    if (ids.length === 0) return [];
    const pipeline = this.redis.pipeline();
    for (const id of ids) pipeline.hget(this.keys.device(id), 'record');
    const replies = (await pipeline.exec()) ?? [];
    return replies.map(([, record]) => record).filter((r): r is string => typeof r === 'string').map((r) => JSON.parse(r) as Device);
  }

  /** Creates the device; false when the id is taken. */
  async create(device: Device): Promise<boolean> {
    const key = this.keys.device(device.id);
    const created = await this.redis.hsetnx(key, 'record', JSON.stringify(device));
    if (created === 0) return false;
    const multi = this.redis.multi().sadd(this.keys.devices(), device.id);
    for (const k of device.keys) multi.set(this.keys.deviceKey(k.keyId), device.id);
    await multi.exec();
    return true;
  }

  /** Applies `change` to the stored device atomically; undefined when there is no such device. */
  async update(id: string, change: (device: Device) => Device): Promise<Device | undefined> {
    const key = this.keys.device(id);
    for (let attempt = 0; attempt < MAX_UPDATE_TRIES; attempt++) {
      await this.redis.watch(key);
      const record = await this.redis.hget(key, 'record');
      if (!record) {
        await this.redis.unwatch();
        return undefined;
      }
      const next = change(JSON.parse(record) as Device);
      const multi = this.redis.multi().hset(key, 'record', JSON.stringify(next));
      for (const k of next.keys) multi.set(this.keys.deviceKey(k.keyId), id);
      if (await multi.exec()) return next;
    }
    throw new Error(`device ${id} kept changing under a concurrent update; try again`);
  }

  /** Records that the device's orders with these numbers are held. */
  async hold(id: string, sequences: number[]): Promise<SequenceState> {
    const [hwm, max, beyond] = await (this.redis as HubRedis).hubDeviceHold(
      this.keys.deviceSequence(id), this.keys.deviceHeld(id), new Date().toISOString(), ...sequences,
    );
    return { highestContiguous: Number(hwm), highestSeen: Number(max), heldBeyondGap: Number(beyond) };
  }

  async sequenceState(id: string): Promise<SequenceState> {
    const [state, beyond] = await Promise.all([
      this.redis.hgetall(this.keys.deviceSequence(id)), this.redis.zcard(this.keys.deviceHeld(id)),
    ]);
    return {
      highestContiguous: Number(state.hwm ?? 0), highestSeen: Number(state.max ?? 0), heldBeyondGap: beyond,
      ...(state.seenAt ? { seenAt: state.seenAt } : {}),
    };
  }

  /** True the first time a device signs with this nonce within `ttlSeconds`; false for a replay. */
  async firstUseOfNonce(id: string, nonce: string, ttlSeconds: number): Promise<boolean> {
    return (await this.redis.set(this.keys.deviceNonce(id, nonce), '1', 'EX', ttlSeconds, 'NX')) === 'OK';
  }
}
