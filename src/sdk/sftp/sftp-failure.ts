/**
 * Turns what ssh2 / ssh2-sftp-client throw into the hub's typed errors:
 * a lost or refused connection is transient (SFTP_CONNECTION), a generic failure on write
 * (a full disk, a quota) is transient (SFTP_WRITE_FAILED; the session then checks the free
 * space and may report SFTP_DISK_FULL), a missing file or a permission refusal is permanent.
 * Pure: it reads the error's code and message only.
 */
import { HubError, PermanentError, TransientError } from '../errors/index.js';

/** SFTP v3 status codes (draft-ietf-secsh-filexfer-02), as ssh2 puts them on `error.code`. */
const SFTP_STATUS = {
  NO_SUCH_FILE: 2,
  PERMISSION_DENIED: 3,
  FAILURE: 4,
  NO_CONNECTION: 6,
  CONNECTION_LOST: 7,
  OP_UNSUPPORTED: 8,
} as const;

const NETWORK_CODES = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'ECONNABORTED', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH',
  'ENETDOWN', 'EHOSTDOWN', 'ENOTFOUND', 'EAI_AGAIN', 'ERR_NOT_CONNECTED', 'ERR_SOCKET_CLOSED',
]);

/** Messages ssh2 and ssh2-sftp-client use when the link is gone (they often carry no code). */
const CONNECTION_LOST_MESSAGE =
  /No response from server|Connection lost|Unexpected (end|close) event|No SFTP connection|Keepalive timeout|Timed out while waiting for handshake|socket hang up|Not connected|This socket has been ended|write after end/i;

const CONNECTION_HINT = 'the SFTP server was unreachable or the connection dropped; the hub retries by itself';

export interface FailureContext {
  /** What was being done: `list`, `upload`, `rename`, ... */
  operation: string;
  path: string;
  /** `host:port` */
  endpoint: string;
  /** The session already noticed that its connection is gone. */
  connectionLost: boolean;
  /** The operation creates or changes data (a generic Failure then usually means a full disk). */
  writing: boolean;
}

export function errorCodeOf(error: unknown): string | number | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  const { code } = error;
  return typeof code === 'string' || typeof code === 'number' ? code : undefined;
}

export function errorMessageOf(error: unknown): string {
  if (error instanceof Error) return error.message;
  return typeof error === 'string' ? error : 'unknown error';
}

export function isNoSuchFile(error: unknown): boolean {
  const code = errorCodeOf(error);
  return code === SFTP_STATUS.NO_SUCH_FILE || code === 'ENOENT' || /No such file/i.test(errorMessageOf(error));
}

export function isConnectionFailure(error: unknown): boolean {
  const code = errorCodeOf(error);
  if (code === SFTP_STATUS.NO_CONNECTION || code === SFTP_STATUS.CONNECTION_LOST) return true;
  if (typeof code === 'string' && NETWORK_CODES.has(code)) return true;
  return CONNECTION_LOST_MESSAGE.test(errorMessageOf(error));
}

/** ssh2 throws this when the server lacks an extension such as posix-rename@openssh.com. */
export function isUnsupportedExtension(error: unknown): boolean {
  return errorCodeOf(error) === SFTP_STATUS.OP_UNSUPPORTED || /does not support this extended request/i.test(errorMessageOf(error));
}

function isPermissionDenied(error: unknown): boolean {
  const code = errorCodeOf(error);
  return code === SFTP_STATUS.PERMISSION_DENIED || code === 'EACCES' || /permission denied/i.test(errorMessageOf(error));
}

/** A TransientError `SFTP_CONNECTION` for `endpoint`. */
export function connectionError(endpoint: string, what: string, cause?: unknown): TransientError {
  return new TransientError(`SFTP ${endpoint}: ${what}`, { code: 'SFTP_CONNECTION', hint: CONNECTION_HINT, cause });
}

/** The typed error a failed SFTP call deserves. HubErrors pass through unchanged. */
export function sftpFailure(error: unknown, context: FailureContext): HubError {
  if (error instanceof HubError) return error;
  const reason = errorMessageOf(error);
  const where = `${context.operation} ${context.path}`;
  if (context.connectionLost || isConnectionFailure(error)) {
    return connectionError(context.endpoint, `${where} failed, connection lost: ${reason}`, error);
  }
  if (isNoSuchFile(error)) {
    return new PermanentError(`SFTP ${context.endpoint}: ${where} failed: no such file or folder`, {
      code: 'SFTP_NOT_FOUND', hint: 'check the folder settings against the server', cause: error,
    });
  }
  if (isPermissionDenied(error)) {
    return new PermanentError(`SFTP ${context.endpoint}: ${where} failed: permission denied`, {
      code: 'SFTP_PERMISSION', hint: 'the SFTP user may not do this there: fix the permissions on the server or the folder settings', cause: error,
    });
  }
  if (context.writing && errorCodeOf(error) === SFTP_STATUS.FAILURE) {
    return new TransientError(`SFTP ${context.endpoint}: ${where} failed: the server could not write (${reason})`, {
      code: 'SFTP_WRITE_FAILED', hint: 'often a full disk or quota on the server; the hub retries by itself', cause: error,
    });
  }
  return new PermanentError(`SFTP ${context.endpoint}: ${where} failed: ${reason}`, {
    code: 'SFTP_FAILED', hint: 'see the server message; fix the cause, then replay', cause: error,
  });
}
