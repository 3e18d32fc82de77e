/**
 * A registered device (an in-store kiosk) and its keys, as plain data with the pure rules
 * that decide whether a key may sign now: issued, not revoked, and not past the end of
 * the overlap that followed a rotation. No I/O here.
 */

export interface DeviceKey {
  keyId: string;
  createdAt: string;
  /** Set when a newer key replaced this one: it still signs until then (the overlap). */
  retiresAt?: string;
  revokedAt?: string;
}

export interface Device {
  id: string;
  /** The store the device stands in: its orders are picked up there and its topic is the store's. */
  store: string;
  label?: string;
  createdAt: string;
  revokedAt?: string;
  keys: DeviceKey[];
}

/** Ids an admin may choose: they appear in MQTT topics and external order ids. */
export const DEVICE_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$/;
export const STORE_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$/;

export type KeyVerdict = { ok: true } | { ok: false; code: 'DEVICE_REVOKED' | 'KEY_REVOKED' | 'KEY_RETIRED'; detail: string };

export function keyVerdict(device: Device, keyId: string, now: Date): KeyVerdict {
  if (device.revokedAt) return { ok: false, code: 'DEVICE_REVOKED', detail: `device ${device.id} was revoked at ${device.revokedAt}` };
  const key = device.keys.find((k) => k.keyId === keyId);
  if (!key || key.revokedAt) return { ok: false, code: 'KEY_REVOKED', detail: `key ${keyId} of device ${device.id} is revoked` };
  if (key.retiresAt && Date.parse(key.retiresAt) <= now.getTime()) {
    return { ok: false, code: 'KEY_RETIRED', detail: `key ${keyId} of device ${device.id} was replaced and its overlap ended at ${key.retiresAt}` };
  }
  return { ok: true };
}

/** The keys that may sign now, newest first. */
export function liveKeys(device: Device, now: Date): DeviceKey[] {
  return device.keys.filter((k) => keyVerdict(device, k.keyId, now).ok).reverse();
}

/** Adds `keyId` as the device's current key; every key still live retires after the overlap. */
export function withRotatedKey(device: Device, keyId: string, now: Date, overlapSeconds: number): Device {
  const retiresAt = new Date(now.getTime() + overlapSeconds * 1000).toISOString();
  const keys = device.keys.map((k) => (k.revokedAt || (k.retiresAt && k.retiresAt <= retiresAt) ? k : { ...k, retiresAt }));
  return { ...device, keys: [...keys, { keyId, createdAt: now.toISOString() }] };
}

export function withRevokedKey(device: Device, keyId: string, now: Date): Device {
  return { ...device, keys: device.keys.map((k) => (k.keyId === keyId && !k.revokedAt ? { ...k, revokedAt: now.toISOString() } : k)) };
}

export function revoked(device: Device, now: Date): Device {
  return device.revokedAt ? device : { ...device, revokedAt: now.toISOString() };
}
