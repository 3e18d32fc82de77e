/**
 * What a device key is now, in the words the Devices page shows: the current key, one
 * retiring when a rotation's overlap ends, one whose overlap has ended (retired), or
 * revoked. The same rules as `keyVerdict` in src/devices/device-record.ts; pure, the
 * page passes `now`.
 */
import type { DeviceKey } from '../devices/device-record.js';

export type KeyState =
  | { state: 'current' }
  | { state: 'retiring'; at: string }
  | { state: 'retired'; at: string }
  | { state: 'revoked'; at: string };

export function keyState(key: DeviceKey, now: Date): KeyState {
  if (key.revokedAt) return { state: 'revoked', at: key.revokedAt };
  if (!key.retiresAt) return { state: 'current' };
  const ended = Date.parse(key.retiresAt) <= now.getTime();
  return { state: ended ? 'retired' : 'retiring', at: key.retiresAt };
}
