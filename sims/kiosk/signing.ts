/**
 * How a kiosk signs (HTTP request or MQTT message alike): the hex HMAC-SHA256, keyed with the
 * UTF-8 bytes of the device key's secret, of
 *
 *   METHOD \n target \n timestamp \n nonce \n hex(sha256(body bytes))
 *
 * METHOD upper case (`PUBLISH` for MQTT), target the path with query as sent (or the topic),
 * timestamp Unix seconds, nonce fresh random text for every request, retries included.
 */
import { createHash, randomBytes } from 'node:crypto';
import { hmacHex } from '../shared/hmac.js';
import type { KioskIdentity, KioskKey } from './types.js';

/** The headers of a signed HTTP request, lower case. */
export const DEVICE_HEADERS = {
  key: 'x-device-key',
  timestamp: 'x-device-timestamp',
  nonce: 'x-device-nonce',
  signature: 'x-device-signature',
} as const;

export interface SignOptions {
  /** The time of signing; default now. */
  now?: Date;
  /** Default: a fresh newNonce(). */
  nonce?: string;
}

export function sha256Hex(body: string | Uint8Array): string {
  return createHash('sha256').update(typeof body === 'string' ? Buffer.from(body, 'utf8') : body).digest('hex');
}

/** The text that is signed. */
export function canonicalString(method: string, target: string, timestamp: number | string, nonce: string, body: string | Uint8Array): string {
  return `${method.toUpperCase()}\n${target}\n${timestamp}\n${nonce}\n${sha256Hex(body)}`;
}

/** Hex HMAC-SHA256 of `canonical` with the UTF-8 bytes of `secret`. */
export function signCanonical(secret: string, canonical: string): string {
  return hmacHex(secret, canonical);
}

/** 24 characters of [A-Za-z0-9_-] (18 random bytes, base64url). */
export function newNonce(): string {
  return randomBytes(18).toString('base64url');
}

export function unixSeconds(date: Date): number {
  return Math.floor(date.getTime() / 1000);
}

/** The four x-device-* headers for `METHOD pathWithQuery` with `body` ('' for GET). */
export function signHttpRequest(
  key: KioskKey, method: string, pathWithQuery: string, body: string | Uint8Array, options: SignOptions = {},
): Record<string, string> {
  const timestamp = unixSeconds(options.now ?? new Date());
  const nonce = options.nonce ?? newNonce();
  return {
    [DEVICE_HEADERS.key]: key.keyId,
    [DEVICE_HEADERS.timestamp]: String(timestamp),
    [DEVICE_HEADERS.nonce]: nonce,
    [DEVICE_HEADERS.signature]: signCanonical(key.secret, canonicalString(method, pathWithQuery, timestamp, nonce, body)),
  };
}

/** The JSON payload of an upload published on `<prefix>/<store>/orders`. */
export interface PublishEnvelope {
  device: string;
  key: string;
  timestamp: number;
  nonce: string;
  signature: string;
  /** The upload JSON (`{"orders":[...]}`) as a string: exactly the signed bytes. */
  body: string;
}

export function signPublish(identity: KioskIdentity, topic: string, body: string, options: SignOptions = {}): PublishEnvelope {
  const timestamp = unixSeconds(options.now ?? new Date());
  const nonce = options.nonce ?? newNonce();
  return {
    device: identity.deviceId,
    key: identity.key.keyId,
    timestamp,
    nonce,
    signature: signCanonical(identity.key.secret, canonicalString('PUBLISH', topic, timestamp, nonce, body)),
    body,
  };
}
