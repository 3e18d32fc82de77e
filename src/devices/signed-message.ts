/**
 * What a device signs, for an HTTP request and an MQTT message alike:
 *
 *   METHOD \n target \n timestamp \n nonce \n hex(sha256(body))
 *
 * METHOD is the HTTP method (or `PUBLISH` for MQTT), target the path with its query (or
 * the topic), timestamp Unix seconds, nonce fresh random text for every request (retries
 * too). The signature is the hex HMAC-SHA256 of that text with the device key's secret.
 * Signing the method and target stops a signature being reused for another action.
 */
import { createHash, createHmac } from 'node:crypto';
import type { SignedDeviceMessage } from '../sdk/connector.js';

type Signed = Omit<SignedDeviceMessage, 'signature' | 'keyId'>;

export const NONCE_PATTERN = /^[A-Za-z0-9_-]{16,64}$/;

export function canonicalText(message: Signed): string {
  const bodyHash = createHash('sha256').update(message.body).digest('hex');
  return `${message.method.toUpperCase()}\n${message.target}\n${message.timestamp}\n${message.nonce}\n${bodyHash}`;
}

export function signMessage(secret: string, message: Signed): string {
  return createHmac('sha256', secret).update(canonicalText(message)).digest('hex');
}

/** The four headers of a signed HTTP request, in lower case. */
export const DEVICE_HEADERS = {
  key: 'x-device-key',
  timestamp: 'x-device-timestamp',
  nonce: 'x-device-nonce',
  signature: 'x-device-signature',
} as const;
