/**
 * The SHA256 fingerprint of the public half of the client's private key, as
 * `ssh-keygen -l -E sha256 -f <key>` prints it: what an error may show so an operator can
 * compare it with the server's authorized_keys. The key itself never leaves this module.
 * OpenSSH keys carry their public key in clear (even when encrypted); PEM keys (RSA,
 * Ed25519, ECDSA) are read with node:crypto. Anything else: undefined.
 */
import { createPublicKey, type JsonWebKey } from 'node:crypto';
import { hostKeyFingerprint } from './host-key.js';

const OPENSSH_MAGIC = Buffer.from('openssh-key-v1\0', 'latin1');
const OPENSSH_ARMOUR = /-----BEGIN OPENSSH PRIVATE KEY-----([\s\S]+?)-----END OPENSSH PRIVATE KEY-----/;
const CURVES: Record<string, string> = { 'P-256': 'nistp256', 'P-384': 'nistp384', 'P-521': 'nistp521' };

export function clientKeyFingerprint(privateKey: string, passphrase?: string): string | undefined {
  try {
    const blob = OPENSSH_ARMOUR.test(privateKey) ? openSshPublicBlob(privateKey) : pemPublicBlob(privateKey, passphrase);
    return blob ? hostKeyFingerprint(blob) : undefined;
  } catch {
    return undefined;
  }
}

/** openssh-key-v1: magic, cipher name, kdf name, kdf options, key count, then the first public key blob. */
function openSshPublicBlob(text: string): Buffer | undefined {
  const body = Buffer.from(OPENSSH_ARMOUR.exec(text)![1]!.replace(/\s+/g, ''), 'base64');
  if (!body.subarray(0, OPENSSH_MAGIC.length).equals(OPENSSH_MAGIC)) return undefined;
  let offset = OPENSSH_MAGIC.length;
  const next = (): Buffer => {
    const length = body.readUInt32BE(offset);
    const value = body.subarray(offset + 4, offset + 4 + length);
    if (value.length !== length) throw new Error('truncated key');
    offset += 4 + length;
    return value;
  };
  next(); // cipher name
  next(); // kdf name
  next(); // kdf options
  if (body.readUInt32BE(offset) < 1) return undefined;
  offset += 4;
  return next();
}

function sshString(value: Buffer | string): Buffer {
  const bytes = typeof value === 'string' ? Buffer.from(value, 'latin1') : value;
  const length = Buffer.alloc(4);
  length.writeUInt32BE(bytes.length);
  return Buffer.concat([length, bytes]);
}

/** An SSH mpint from unsigned big-endian bytes: a leading zero when the top bit is set. */
function mpint(base64url: string): Buffer {
  let bytes = Buffer.from(base64url, 'base64url');
  let start = 0;
  while (start < bytes.length - 1 && bytes[start] === 0) start += 1;
  bytes = bytes.subarray(start);
  return sshString((bytes[0]! & 0x80) !== 0 ? Buffer.concat([Buffer.alloc(1), bytes]) : bytes);
}

function pemPublicBlob(text: string, passphrase: string | undefined): Buffer | undefined {
  const key = createPublicKey({ key: text, format: 'pem', ...(passphrase ? { passphrase } : {}) });
  const jwk: JsonWebKey = key.export({ format: 'jwk' });
  switch (key.asymmetricKeyType) {
    case 'rsa':
      return Buffer.concat([sshString('ssh-rsa'), mpint(jwk.e!), mpint(jwk.n!)]);
    case 'ed25519':
      return Buffer.concat([sshString('ssh-ed25519'), sshString(Buffer.from(jwk.x!, 'base64url'))]);
    case 'ec': {
      const curve = CURVES[jwk.crv ?? ''];
      if (!curve) return undefined;
      const point = Buffer.concat([Buffer.from([4]), Buffer.from(jwk.x!, 'base64url'), Buffer.from(jwk.y!, 'base64url')]);
      return Buffer.concat([sshString(`ecdsa-sha2-${curve}`), sshString(curve), sshString(point)]);
    }
    default:
      return undefined;
  }
}
