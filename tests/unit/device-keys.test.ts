/**
 * Device keys and what a device signs: key states through rotation and revocation, the
 * derived secret, and the signed text agreeing with the kiosk simulator's.
 */
import { describe, expect, it } from 'vitest';
import { deriveDeviceSecret, deviceOfKeyId, newKeyId } from '../../src/devices/device-keys.js';
import { keyVerdict, liveKeys, revoked, withRevokedKey, withRotatedKey, type Device } from '../../src/devices/device-record.js';
import { canonicalText, signMessage } from '../../src/devices/signed-message.js';
import { canonicalString, signCanonical } from '../../sims/kiosk/signing.js';

const t0 = new Date('2026-12-06T10:00:00Z');
const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000);
const device: Device = { id: 'kiosk-1', store: 'S01', createdAt: t0.toISOString(), keys: [{ keyId: 'kiosk-1.aaaa', createdAt: t0.toISOString() }] };

describe('device key states', () => {
  it('keeps the old key working until the overlap ends, the new one after', () => {
    const rotated = withRotatedKey(device, 'kiosk-1.bbbb', at(10), 60);
    expect(keyVerdict(rotated, 'kiosk-1.aaaa', at(69)).ok).toBe(true);
    expect(keyVerdict(rotated, 'kiosk-1.bbbb', at(69)).ok).toBe(true);
    expect(keyVerdict(rotated, 'kiosk-1.aaaa', at(70))).toMatchObject({ ok: false, code: 'KEY_RETIRED' });
    expect(liveKeys(rotated, at(70)).map((k) => k.keyId)).toEqual(['kiosk-1.bbbb']);
  });

  it('does not extend an overlap already running when rotating twice', () => {
    const once = withRotatedKey(device, 'kiosk-1.bbbb', at(0), 60);
    const twice = withRotatedKey(once, 'kiosk-1.cccc', at(30), 3600);
    expect(twice.keys.find((k) => k.keyId === 'kiosk-1.aaaa')!.retiresAt).toBe(at(60).toISOString());
    expect(twice.keys.find((k) => k.keyId === 'kiosk-1.bbbb')!.retiresAt).toBe(at(3630).toISOString());
  });

  it('refuses a revoked key, an unknown key and every key of a revoked device', () => {
    expect(keyVerdict(withRevokedKey(device, 'kiosk-1.aaaa', t0), 'kiosk-1.aaaa', t0)).toMatchObject({ ok: false, code: 'KEY_REVOKED' });
    expect(keyVerdict(device, 'kiosk-1.zzzz', t0)).toMatchObject({ ok: false, code: 'KEY_REVOKED' });
    expect(keyVerdict(revoked(device, t0), 'kiosk-1.aaaa', t0)).toMatchObject({ ok: false, code: 'DEVICE_REVOKED' });
  });

  it('derives a different secret per key id and from the hub secret only', () => {
    const a = deriveDeviceSecret('h'.repeat(32), 'kiosk-1.aaaa');
    expect(a).toBe(deriveDeviceSecret('h'.repeat(32), 'kiosk-1.aaaa'));
    expect(a).not.toBe(deriveDeviceSecret('h'.repeat(32), 'kiosk-1.bbbb'));
    expect(a).not.toBe(deriveDeviceSecret('g'.repeat(32), 'kiosk-1.aaaa'));
    const id = newKeyId('kiosk-1');
    expect(deviceOfKeyId(id)).toBe('kiosk-1');
    expect(id).not.toBe(newKeyId('kiosk-1'));
  });
});

describe('what a device signs', () => {
  it('is the same text and signature on the hub and in the kiosk simulator', () => {
    const message = { method: 'post', target: '/in/kiosks/orders', timestamp: '1796551200', nonce: 'n0nce-n0nce-n0nce-1', body: Buffer.from('{"orders":[]}') };
    expect(canonicalText(message)).toBe(canonicalString('POST', '/in/kiosks/orders', 1796551200, 'n0nce-n0nce-n0nce-1', '{"orders":[]}'));
    // sha256 of the body, hex, computed outside: `printf '{"orders":[]}' | sha256sum`.
    expect(canonicalText(message)).toBe('POST\n/in/kiosks/orders\n1796551200\nn0nce-n0nce-n0nce-1\ne031acd7d2a0a13081112896146071e885399a95d98315a55efcd0d0e1817b10');
    expect(signMessage('s3cret', message)).toBe(signCanonical('s3cret', canonicalString('POST', '/in/kiosks/orders', 1796551200, 'n0nce-n0nce-n0nce-1', '{"orders":[]}')));
  });
});
