/**
 * Opens an SFTP session: TCP, SSH handshake with the host key pinned, authentication, SFTP
 * channel, all within timeoutMs. A refused host key or refused credentials are
 * UnauthorizedError (retrying will not help); anything on the network is TransientError.
 */
import { connect as connectTcp, type Socket } from 'node:net';
import SftpClient from 'ssh2-sftp-client';
import { PermanentError, UnauthorizedError, type HubError } from '../errors/index.js';
import { SftpConnection } from './connection.js';
import { clientKeyFingerprint } from './client-key.js';
import { pinHostKey, type HostKeyPin } from './host-key.js';
import { Ssh2SftpSession } from './session.js';
import type { SftpSession } from './session-types.js';
import { resolveSftpSettings, type ResolvedSftpSettings, type SftpSettings } from './settings.js';
import { connectionError, errorMessageOf } from './sftp-failure.js';

const KEEPALIVE_COUNT_MAX = 3;

/** ssh2-sftp-client logs to the console by default; the session tracks these events itself. */
const SILENT_CALLBACKS: SftpClient.Callbacks = { error: () => undefined, end: () => undefined, close: () => undefined };

/** What went wrong during one connection attempt, as far as we could see. */
interface Attempt {
  pin: HostKeyPin;
  /** The first error ssh2 emitted (carries `level`: client-socket, client-authentication, client-timeout, ...). */
  sshError: unknown;
  timedOut: boolean;
}

export async function openSftp(settings: SftpSettings): Promise<SftpSession> {
  const resolved = resolveSftpSettings(settings);
  const socket = connectTcp({ host: resolved.host, port: resolved.port });
  const client = new SftpClient(`sftp ${resolved.endpoint}`, SILENT_CALLBACKS);
  const attempt: Attempt = { pin: pinHostKey(resolved.hostKeyFingerprint), sshError: undefined, timedOut: false };
  client.on('error', (error: unknown) => {
    attempt.sshError ??= error;
  });
  const deadline = setTimeout(() => {
    attempt.timedOut = true;
    socket.destroy();
  }, resolved.timeoutMs);
  try {
    const sftp = await client.connect(connectOptions(resolved, socket, attempt.pin));
    // The deadline may have cut the socket just as the handshake finished.
    if (attempt.timedOut || socket.destroyed) throw new Error('the connection closed during the handshake');
    const connection = new SftpConnection({ client, sftp, socket }, resolved);
    return new Ssh2SftpSession(connection, resolved.root);
  } catch (error) {
    socket.destroy();
    throw connectFailure(error, attempt, resolved);
  } finally {
    clearTimeout(deadline);
  }
}

function connectOptions(settings: ResolvedSftpSettings, socket: Socket, pin: HostKeyPin): SftpClient.ConnectOptions {
  return {
    sock: socket,
    host: settings.host,
    port: settings.port,
    username: settings.username,
    ...(settings.password ? { password: settings.password } : {}),
    ...(settings.privateKey ? { privateKey: settings.privateKey } : {}),
    ...(settings.passphrase ? { passphrase: settings.passphrase } : {}),
    hostVerifier: (rawKey: Buffer) => pin.verify(rawKey),
    readyTimeout: settings.timeoutMs,
    // A server that stops answering is dropped after about timeoutMs, even mid-transfer.
    keepaliveInterval: Math.max(1_000, Math.floor(settings.timeoutMs / KEEPALIVE_COUNT_MAX)),
    keepaliveCountMax: KEEPALIVE_COUNT_MAX,
  };
}

function levelOf(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('level' in error)) return undefined;
  return typeof error.level === 'string' ? error.level : undefined;
}

function connectFailure(error: unknown, attempt: Attempt, settings: ResolvedSftpSettings): HubError {
  const { endpoint } = settings;
  const reason = errorMessageOf(attempt.sshError ?? error);
  if (attempt.pin.refused) return hostKeyMismatch(attempt.pin, endpoint);
  if (attempt.timedOut || levelOf(attempt.sshError) === 'client-timeout') {
    return connectionError(endpoint, `could not connect: no answer within ${settings.timeoutMs} ms`, error);
  }
  if (levelOf(attempt.sshError) === 'client-authentication' || /authentication methods failed/i.test(reason)) {
    return authFailed(settings, error);
  }
  if (/privateKey|passphrase/i.test(reason)) {
    return new PermanentError(`SFTP ${endpoint}: the private key cannot be used: ${reason}`, {
      code: 'SFTP_SETTINGS', cause: error, hint: 'give the key in OpenSSH or PEM format, with its passphrase if it is encrypted',
    });
  }
  if (/subsystem/i.test(reason)) {
    return new PermanentError(`SFTP ${endpoint}: the server refused the SFTP subsystem: ${reason}`, {
      code: 'SFTP_SUBSYSTEM', cause: error, hint: 'ask the server\'s administrator to enable SFTP for this user',
    });
  }
  return connectionError(endpoint, `could not connect: ${reason}`, error);
}

/**
 * Refused credentials: names the user and what was offered (the private key by the
 * fingerprint of its public half, never the key or the password itself).
 */
function authFailed(settings: ResolvedSftpSettings, error: unknown): UnauthorizedError {
  const { username, privateKey, password } = settings;
  const fingerprint = privateKey ? clientKeyFingerprint(privateKey, settings.passphrase) : undefined;
  const offered = [
    privateKey ? `the private key ${fingerprint ?? '(fingerprint unknown)'}` : undefined,
    password ? 'the password' : undefined,
  ].filter((part) => part !== undefined).join(' and ');
  const check = [privateKey ? 'private key (and its passphrase)' : undefined, password ? 'password' : undefined]
    .filter((part) => part !== undefined).join(' and the ');
  const authorized = privateKey
    ? `; the public key${fingerprint ? ` ${fingerprint}` : ''} must be in the server's authorized_keys for ${username}`
    : '';
  return new UnauthorizedError(`SFTP ${settings.endpoint}: the server refused the credentials of user ${username} (${offered})`, {
    code: 'AUTH_FAILED', cause: error,
    hint: `check the username and the ${check} in the instance settings${authorized}; then replay the dead letters`,
  });
}

function hostKeyMismatch(pin: HostKeyPin, endpoint: string): UnauthorizedError {
  return new UnauthorizedError(
    `SFTP ${endpoint}: host key mismatch: expected ${pin.expected}, the server presented ${pin.presented ?? '(nothing)'}`,
    {
      code: 'HOST_KEY_MISMATCH',
      hint: 'the server\'s host key changed: verify it with the server\'s administrator, then update hostKeyFingerprint',
    },
  );
}
