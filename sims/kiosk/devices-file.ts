/**
 * The fleet's devices as the demo hands them over: a JSON array of
 * `{ deviceId, store, keyId, secret }` (or `{ deviceId, store, key: { keyId, secret } }`),
 * or an object with such an array under `devices`.
 */
import { readFile } from 'node:fs/promises';
import type { KioskIdentity } from './types.js';

export function parseDevices(value: unknown): KioskIdentity[] {
  const list = Array.isArray(value) ? value : (value as { devices?: unknown } | null)?.devices;
  if (!Array.isArray(list)) throw new Error('devices: expected a JSON array (or { "devices": [...] })');
  return list.map((entry: unknown, index) => {
    const record = (entry ?? {}) as Record<string, unknown>;
    const key = (record['key'] ?? {}) as Record<string, unknown>;
    const deviceId = record['deviceId'];
    const store = record['store'];
    const keyId = record['keyId'] ?? key['keyId'];
    const secret = record['secret'] ?? key['secret'];
    for (const [name, field] of [['deviceId', deviceId], ['store', store], ['keyId', keyId], ['secret', secret]] as const) {
      if (typeof field !== 'string' || field === '') throw new Error(`devices[${index}]: ${name} must be a non-empty string`);
    }
    return { deviceId: deviceId as string, store: store as string, key: { keyId: keyId as string, secret: secret as string } };
  });
}

export async function readDevicesFile(file: string): Promise<KioskIdentity[]> {
  return parseDevices(JSON.parse(await readFile(file, 'utf8')) as unknown);
}
