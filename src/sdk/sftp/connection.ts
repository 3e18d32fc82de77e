/**
 * One live SSH connection and its SFTP channel. Runs each call with typed errors, notices
 * when the link drops (later calls then fail at once with `SFTP_CONNECTION`), bounds metadata
 * calls by the timeout (a server that stops answering is cut off), and closes for good.
 */
import type { Socket } from 'node:net';
import type { SFTPWrapper } from 'ssh2';
import type SftpClient from 'ssh2-sftp-client';
import { PermanentError } from '../errors/index.js';
import type { ResolvedSftpSettings } from './settings.js';
import { connectionError, errorMessageOf, sftpFailure } from './sftp-failure.js';

/** How long close() waits for a polite SSH disconnect before cutting the socket. */
const CLOSE_GRACE_MS = 1_000;

export interface SftpHandles {
  client: SftpClient;
  /** The SFTP channel ssh2-sftp-client opened (raw ssh2 API, for the few calls the wrapper maps poorly). */
  sftp: SFTPWrapper;
  /** The TCP socket under the SSH connection: destroying it ends everything at once. */
  socket: Socket;
}

export interface CallOptions {
  /** Limit the call to timeoutMs. Metadata calls are bounded; transfers rely on SSH keepalives. */
  bounded: boolean;
  /** The call creates or changes data. */
  writing: boolean;
}

export class SftpConnection {
  private lostBecause: string | undefined;
  private closedByCaller = false;

  constructor(
    readonly handles: SftpHandles,
    private readonly settings: ResolvedSftpSettings,
  ) {
    const lost = (reason: string) => (): void => {
      this.lostBecause ??= reason;
    };
    if (handles.socket.destroyed) this.lostBecause = 'the connection closed';
    handles.socket.once('close', lost('the connection closed'));
    handles.client.on('end', lost('the server ended the connection'));
    handles.client.on('close', lost('the connection closed'));
    handles.client.on('error', (error: unknown) => {
      this.lostBecause ??= errorMessageOf(error);
    });
    handles.sftp.on('end', lost('the server closed the SFTP channel'));
    handles.sftp.on('close', lost('the SFTP channel closed'));
    // An 'error' event without a listener would crash the process.
    handles.sftp.on('error', (error: unknown) => {
      this.lostBecause ??= errorMessageOf(error);
    });
  }

  get closed(): boolean {
    return this.closedByCaller || this.lostBecause !== undefined;
  }

  get endpoint(): string {
    return this.settings.endpoint;
  }

  /** Runs `action` on the live connection; any failure comes back as a typed error. */
  async call<T>(operation: string, path: string, action: (handles: SftpHandles) => Promise<T>, options: CallOptions): Promise<T> {
    this.assertUsable(operation, path);
    try {
      const attempt = action(this.handles);
      return options.bounded ? await this.withinTimeout(attempt, operation, path) : await attempt;
    } catch (error) {
      throw sftpFailure(error, {
        operation, path, endpoint: this.endpoint, writing: options.writing, connectionLost: this.lostBecause !== undefined,
      });
    }
  }

  /** Ends the SSH connection politely if it is alive, then releases the socket. Safe to call twice. */
  async close(): Promise<void> {
    if (this.closedByCaller) return;
    this.closedByCaller = true;
    if (this.lostBecause === undefined) {
      await settleWithin(this.handles.client.end(), CLOSE_GRACE_MS);
    }
    this.handles.socket.destroy();
  }

  private assertUsable(operation: string, path: string): void {
    if (this.closedByCaller) {
      throw new PermanentError(`SFTP ${this.endpoint}: ${operation} ${path} called after close()`, {
        code: 'SFTP_SESSION_CLOSED', hint: 'open a new session with openSftp()',
      });
    }
    if (this.lostBecause !== undefined) {
      throw connectionError(this.endpoint, `${operation} ${path} not attempted: the connection was lost (${this.lostBecause})`);
    }
  }

  private async withinTimeout<T>(attempt: Promise<T>, operation: string, path: string): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const expired = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => {
        this.lostBecause ??= `no answer to ${operation} within ${this.settings.timeoutMs} ms`;
        this.handles.socket.destroy();
        reject(connectionError(this.endpoint, `${operation} ${path}: no answer within ${this.settings.timeoutMs} ms`));
      }, this.settings.timeoutMs);
    });
    // Whichever loses the race must not surface as an unhandled rejection.
    attempt.catch(() => undefined);
    try {
      return await Promise.race([attempt, expired]);
    } finally {
      clearTimeout(timer);
    }
  }
}

/** Waits for `promise` (ignoring its outcome) but no longer than `ms`. */
async function settleWithin(promise: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const elapsed = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms);
  });
  try {
    await Promise.race([promise.then(() => undefined, () => undefined), elapsed]);
  } finally {
    clearTimeout(timer);
  }
}
