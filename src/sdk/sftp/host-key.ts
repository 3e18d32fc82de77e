/**
 * Host key pinning: the server must present exactly the key whose SHA256 fingerprint the
 * settings name (`SHA256:<base64 without padding>`, as `ssh-keygen -l -E sha256` prints it).
 * Fingerprints are compared in constant time.
 */
import { createHash, timingSafeEqual } from 'node:crypto';

const FINGERPRINT_PATTERN = /^SHA256:[A-Za-z0-9+/]{43}$/;

/** `SHA256:<base64>` of a raw SSH public key blob (the key as the server sends it). */
export function hostKeyFingerprint(rawKey: Buffer): string {
  return `SHA256:${createHash('sha256').update(rawKey).digest('base64').replace(/=+$/, '')}`;
}

/** The canonical form of a configured fingerprint (padding dropped), or undefined if it is not one. */
export function normaliseFingerprint(text: string): string | undefined {
  const candidate = text.trim().replace(/=+$/, '');
  return FINGERPRINT_PATTERN.test(candidate) ? candidate : undefined;
}

/** Constant-time equality of two fingerprints (digests first, so lengths never leak). */
export function sameFingerprint(expected: string, presented: string): boolean {
  const digest = (text: string): Buffer => createHash('sha256').update(text, 'utf8').digest();
  return timingSafeEqual(digest(expected), digest(presented));
}

/** What the host key check saw during one handshake. */
export interface HostKeyPin {
  readonly expected: string;
  /** Fingerprint of the key the server presented, once it has. */
  readonly presented: string | undefined;
  /** True when the server presented a key other than the pinned one. */
  readonly refused: boolean;
  /** ssh2's `hostVerifier`: true lets the handshake go on. */
  verify(rawKey: Buffer): boolean;
}

export function pinHostKey(expected: string): HostKeyPin {
  const pin = {
    expected,
    presented: undefined as string | undefined,
    refused: false,
    verify(rawKey: Buffer): boolean {
      pin.presented = hostKeyFingerprint(rawKey);
      pin.refused = !sameFingerprint(expected, pin.presented);
      return !pin.refused;
    },
  };
  return pin;
}
