/**
 * How to reach one SFTP server, with every default in one place. A settings mistake
 * (no credentials, a malformed fingerprint) is a PermanentError `SFTP_SETTINGS`:
 * retrying cannot fix it.
 */
import { PermanentError } from '../errors/index.js';
import { normaliseFingerprint } from './host-key.js';
import { normaliseRoot } from './confine-path.js';

export interface SftpSettings {
  host: string;
  port: number;
  username: string;
  /** Password authentication. Give this, privateKey, or both. */
  password?: string;
  /** Private key text (OpenSSH or PEM format). */
  privateKey?: string;
  /** Passphrase of an encrypted privateKey. */
  passphrase?: string;
  /** The pinned host key, `SHA256:<base64>` as `ssh-keygen -l -E sha256 -f <key>` prints it. Any other key is refused. */
  hostKeyFingerprint: string;
  /**
   * Limit for connecting and for each metadata call (list, stat, rename, ...). Transfers have
   * no total limit but fail once the server stops answering SSH keepalives for about this long.
   * Default 15000.
   */
  timeoutMs?: number;
  /** Absolute folder every path must stay under. Default `/`. */
  root?: string;
  /**
   * Who connects, for messages (a connector passes its instance id): errors then read
   * `SFTP oms-files (sftp.oms.internal:22): ...` instead of only naming the server.
   */
  label?: string;
}

export const DEFAULT_SFTP_TIMEOUT_MS = 15_000;

/** Settings after defaults and checks: what the connection code reads. */
export interface ResolvedSftpSettings extends SftpSettings {
  timeoutMs: number;
  root: string;
  /** `host:port`, or `<label> (host:port)` with a label: how messages name the server. */
  endpoint: string;
}

interface Rule {
  holds(settings: SftpSettings): boolean;
  problem: string;
}

const RULES: Rule[] = [
  { holds: (s) => typeof s.host === 'string' && s.host.trim() !== '', problem: 'host is empty' },
  { holds: (s) => Number.isInteger(s.port) && s.port > 0 && s.port < 65_536, problem: 'port must be an integer from 1 to 65535' },
  { holds: (s) => typeof s.username === 'string' && s.username !== '', problem: 'username is empty' },
  { holds: (s) => Boolean(s.password) || Boolean(s.privateKey), problem: 'give a password or a privateKey' },
  {
    holds: (s) => typeof s.hostKeyFingerprint === 'string' && normaliseFingerprint(s.hostKeyFingerprint) !== undefined,
    problem: 'hostKeyFingerprint must look like SHA256:<43 base64 characters> (ssh-keygen -l -E sha256 -f <host key>)',
  },
  {
    holds: (s) => s.timeoutMs === undefined || (Number.isFinite(s.timeoutMs) && s.timeoutMs > 0),
    problem: 'timeoutMs must be a positive number',
  },
];

function endpointOf(settings: SftpSettings): string {
  const address = `${settings.host}:${settings.port}`;
  return settings.label ? `${settings.label} (${address})` : address;
}

export function resolveSftpSettings(settings: SftpSettings): ResolvedSftpSettings {
  const problems = RULES.filter((rule) => !rule.holds(settings)).map((rule) => rule.problem);
  if (problems.length > 0) {
    throw new PermanentError(`SFTP settings for ${endpointOf(settings)} are not usable: ${problems.join('; ')}`, {
      code: 'SFTP_SETTINGS', hint: 'fix the connector instance settings, then replay',
    });
  }
  return {
    ...settings,
    hostKeyFingerprint: normaliseFingerprint(settings.hostKeyFingerprint) ?? settings.hostKeyFingerprint,
    timeoutMs: settings.timeoutMs ?? DEFAULT_SFTP_TIMEOUT_MS,
    root: normaliseRoot(settings.root),
    endpoint: endpointOf(settings),
  };
}
