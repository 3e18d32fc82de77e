/** Kiosk signing: the canonical text and HMAC against vectors computed independently (Python hashlib/hmac). */
import { describe, expect, it } from 'vitest';
import { canonicalString, newNonce, sha256Hex, signCanonical, signHttpRequest, signPublish } from './signing.js';

const KEY = { keyId: 'kiosk-7.Ab12Cd', secret: 'kiosk-7f3a-secret' };
const NONCE = 'AbCdEfGhIjKlMnOpQrStUv';
const BODY = '{"orders":[{"seq":1}]}';
const BODY_SHA = '90d6d43e091b342bec82e2fd9f1e251a807e4b4191d9fed257d974877eb4db54';
const AT = new Date(1_796_515_200_500); // 1796515200.5 s: the timestamp is whole seconds

describe('kiosk signing', () => {
  it('builds METHOD \\n target \\n timestamp \\n nonce \\n hex(sha256(body))', () => {
    expect(sha256Hex(BODY)).toBe(BODY_SHA);
    expect(canonicalString('post', '/in/kiosks/orders', 1796515200, NONCE, BODY))
      .toBe(`POST\n/in/kiosks/orders\n1796515200\n${NONCE}\n${BODY_SHA}`);
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it('signs an upload request as the hand-computed vector', () => {
    const canonical = `POST\n/in/kiosks/orders\n1796515200\n${NONCE}\n${BODY_SHA}`;
    expect(signCanonical(KEY.secret, canonical)).toBe('621bfb728796ab4f424b0a2d7de76c917bc68bad62a055f1da122c9b113ee3ff');
    expect(signHttpRequest(KEY, 'POST', '/in/kiosks/orders', BODY, { now: AT, nonce: NONCE })).toEqual({
      'x-device-key': 'kiosk-7.Ab12Cd',
      'x-device-timestamp': '1796515200',
      'x-device-nonce': NONCE,
      'x-device-signature': '621bfb728796ab4f424b0a2d7de76c917bc68bad62a055f1da122c9b113ee3ff',
    });
  });

  it('signs a GET with its query and the hash of the empty body', () => {
    const headers = signHttpRequest(KEY, 'GET', '/api/orders/lookup/KC-000001?x=1', '', { now: AT, nonce: NONCE });
    expect(headers['x-device-signature']).toBe('3567070a8515f82e1707d9f3af2917389f6c45dde75f5da2203f4dbdd730542a');
  });

  it('signs an MQTT upload with PUBLISH and the topic, the body carried as the exact string', () => {
    const envelope = signPublish({ deviceId: 'kiosk-7', store: 'store-1', key: KEY }, 'kiosks/store-1/orders', BODY, { now: AT, nonce: NONCE });
    expect(envelope).toEqual({
      device: 'kiosk-7', key: 'kiosk-7.Ab12Cd', timestamp: 1796515200, nonce: NONCE,
      signature: '1affe878844bccbf3d94419d7525a51adfdf4874a834428e3bbd83804c1b3dce', body: BODY,
    });
  });

  it('keys the HMAC with the UTF-8 bytes of the secret and hashes the UTF-8 bytes of the body', () => {
    const body = '{"orders":[{"d":"Café"}]}';
    expect(signCanonical('clé-ß', canonicalString('POST', '/in/kiosks/orders', 1, NONCE, body)))
      .toBe('63ade5167e1f9f1388b824159a00f961907ef1d8a50cd4e56226e326ba4d6a1c');
    expect(canonicalString('POST', '/x', 1, NONCE, Buffer.from(body, 'utf8'))).toBe(canonicalString('POST', '/x', 1, NONCE, body));
  });

  it('makes a fresh 22+ character [A-Za-z0-9_-] nonce every time', () => {
    const nonces = new Set(Array.from({ length: 200 }, () => newNonce()));
    expect(nonces.size).toBe(200);
    for (const nonce of nonces) expect(nonce).toMatch(/^[A-Za-z0-9_-]{22,64}$/);
    const a = signHttpRequest(KEY, 'POST', '/in/kiosks/orders', BODY, { now: AT });
    const b = signHttpRequest(KEY, 'POST', '/in/kiosks/orders', BODY, { now: AT });
    expect(a['x-device-nonce']).not.toBe(b['x-device-nonce']);
    expect(a['x-device-signature']).not.toBe(b['x-device-signature']);
  });
});
