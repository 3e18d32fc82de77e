/**
 * Device keys are derived, never stored: the secret of key `k` is
 * HMAC-SHA256(hub device-key secret, "device-key:" + k), base64url. Redis holds only key
 * ids and their state, so a copy of the database signs nothing; the hub's secret comes
 * from the environment (`devices.keySecret`). Key ids carry random bits, so a device
 * registered again under an old id never gets an old secret back.
 */
import { createHmac, randomBytes } from 'node:crypto';

export function deriveDeviceSecret(hubSecret: string, keyId: string): string {
  return createHmac('sha256', hubSecret).update(`device-key:${keyId}`).digest('base64url');
}

export function newKeyId(deviceId: string): string {
  return `${deviceId}.${randomBytes(6).toString('base64url')}`;
}

/** The device a key id belongs to (the part before the last dot). */
export function deviceOfKeyId(keyId: string): string | undefined {
  const dot = keyId.lastIndexOf('.');
  return dot > 0 ? keyId.slice(0, dot) : undefined;
}
