/**
 * Who signed a device message: finds the device by key id, then checks, in this order,
 * the signature (constant time), the timestamp, the key and device, and last the nonce,
 * so a forged request can neither learn which devices exist nor burn a real nonce.
 * Every refusal is an `UnauthorizedError` whose code says which check failed.
 */
import { timingSafeEqual } from 'node:crypto';
import { UnauthorizedError } from '../sdk/errors/index.js';
import type { DeviceIdentity, SignedDeviceMessage } from '../sdk/connector.js';
import type { DeviceStore } from '../store/device-store.js';
import { deriveDeviceSecret } from './device-keys.js';
import { keyVerdict } from './device-record.js';
import { NONCE_PATTERN, signMessage } from './signed-message.js';

const SIGN_HINT = 'sign "METHOD\\ntarget\\ntimestamp\\nnonce\\nhex(sha256(body))" with the device key (see docs/kiosks.md) and send key id, timestamp, nonce and signature';

export interface AuthenticateOptions {
  toleranceSeconds: number;
  now?: Date;
}

export async function authenticateDevice(
  store: DeviceStore, hubSecret: string | undefined, message: SignedDeviceMessage, options: AuthenticateOptions,
): Promise<DeviceIdentity> {
  const now = options.now ?? new Date();
  checkShape(message);
  if (!hubSecret) {
    throw new UnauthorizedError('devices are not set up on this hub', { code: 'DEVICES_NOT_CONFIGURED', hint: 'set devices.keySecret in the hub configuration (from the environment)' });
  }
  const device = await store.byKey(message.keyId);
  if (!device) throw new UnauthorizedError(`unknown device key ${message.keyId.slice(0, 60)}`, { code: 'UNKNOWN_KEY', hint: 'register the device on the console (Devices) and install the key it shows' });
  if (!sameSignature(signMessage(deriveDeviceSecret(hubSecret, message.keyId), message), message.signature)) {
    throw new UnauthorizedError(`signature does not match (device ${device.id})`, { code: 'BAD_SIGNATURE', hint: SIGN_HINT });
  }
  checkTimestamp(message.timestamp, options.toleranceSeconds, now, device.id);
  const verdict = keyVerdict(device, message.keyId, now);
  if (!verdict.ok) throw new UnauthorizedError(verdict.detail, { code: verdict.code, hint: 'install the device\'s current key, or ask an admin to register it again' });
  if (!(await store.firstUseOfNonce(device.id, message.nonce, options.toleranceSeconds * 2))) {
    throw new UnauthorizedError(`nonce already used (device ${device.id}): a replayed request`, { code: 'REPLAYED', hint: 'sign every request, retries too, with a fresh nonce and the current time' });
  }
  return { deviceId: device.id, store: device.store, keyId: message.keyId };
}

function checkShape(message: SignedDeviceMessage): void {
  if (!message.keyId || !message.signature || !message.timestamp || !message.nonce) {
    throw new UnauthorizedError('not signed by a device: key id, timestamp, nonce or signature missing', { code: 'MISSING_SIGNATURE', hint: SIGN_HINT });
  }
  if (!/^\d{1,12}$/.test(message.timestamp)) {
    throw new UnauthorizedError(`unreadable timestamp "${message.timestamp.slice(0, 30)}"`, { code: 'BAD_TIMESTAMP', hint: 'send the time of signing as Unix seconds' });
  }
  if (!NONCE_PATTERN.test(message.nonce)) {
    throw new UnauthorizedError('the nonce must be 16 to 64 characters of A-Z, a-z, 0-9, _ and -', { code: 'BAD_NONCE', hint: SIGN_HINT });
  }
}

function sameSignature(expected: string, given: string): boolean {
  const a = Buffer.from(expected, 'utf8');
  const b = Buffer.from(given.trim().toLowerCase(), 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

function checkTimestamp(timestamp: string, toleranceSeconds: number, now: Date, deviceId: string): void {
  const skew = Math.abs(now.getTime() / 1000 - Number(timestamp));
  if (skew > toleranceSeconds) {
    throw new UnauthorizedError(`timestamp is ${Math.round(skew)} s away from the hub's clock (device ${deviceId}, tolerance ${toleranceSeconds} s)`, {
      code: 'STALE_TIMESTAMP', hint: 'a replayed or long-delayed request: check the device\'s clock and sign with the current time',
    });
  }
}
