/**
 * The simulator's SFTP connection: opened on first use, shared by the poller and
 * the writers, and dropped when the server goes away (close or error event, a
 * connection-level error, or an operation that takes too long), so the next
 * operation reconnects. Connection losses are logged, never thrown at the caller
 * beyond the operation that failed.
 */
import { createHash } from 'node:crypto';
import SftpClient from 'ssh2-sftp-client';
import { messageOf, type SimLog } from './sim-log.js';
import type { SftpConnection } from './types.js';

interface Connection {
  client: SftpClient;
  alive: boolean;
}

/** Errors about one file (missing, no permission, …) that leave the connection usable. */
const FILE_ERROR_CODES = new Set(['ENOENT', 'EACCES', 'ENOTDIR', 'ERR_BAD_PATH']);

export class SftpLink {
  readonly #settings: SftpConnection;
  readonly #log: SimLog;
  readonly #timeoutMs: number;
  #current: Connection | undefined;
  #connecting: Promise<Connection> | undefined;
  #lastConnectError: string | undefined;
  #closed = false;

  constructor(settings: SftpConnection, log: SimLog, timeoutMs: number) {
    this.#settings = settings;
    this.#log = log;
    this.#timeoutMs = timeoutMs;
  }

  /** Runs one operation on a live connection (connecting first when needed). */
  async run<T>(what: string, op: (client: SftpClient) => Promise<T>): Promise<T> {
    const connection = await this.#connection();
    try {
      return await withTimeout(op(connection.client), this.#timeoutMs, what);
    } catch (error) {
      if (!isFileError(error)) this.#drop(connection, `${what}: ${messageOf(error)}`);
      throw error;
    }
  }

  async close(): Promise<void> {
    this.#closed = true;
    const connection = this.#current ?? (await this.#connecting?.catch(() => undefined));
    this.#current = undefined;
    if (!connection) return;
    connection.alive = false;
    await withTimeout(connection.client.end(), 2000, 'end').catch(() => undefined);
  }

  #connection(): Promise<Connection> {
    if (this.#closed) return Promise.reject(new Error('the OMS simulator is closed'));
    if (this.#current?.alive) return Promise.resolve(this.#current);
    this.#connecting ??= this.#connect().finally(() => {
      this.#connecting = undefined;
    });
    return this.#connecting;
  }

  async #connect(): Promise<Connection> {
    const connection = this.#newConnection();
    try {
      await withTimeout(connection.client.connect(this.#connectOptions()), this.#timeoutMs, 'connect');
    } catch (error) {
      connection.alive = false;
      void connection.client.end().catch(() => undefined);
      this.#connectFailed(messageOf(error));
      throw error;
    }
    this.#lastConnectError = undefined;
    this.#current = connection;
    this.#log.record('connected', { detail: `${this.#settings.host}:${this.#settings.port}` });
    return connection;
  }

  #newConnection(): Connection {
    const holder: { connection?: Connection } = {};
    const lost = (reason: string): void => {
      if (holder.connection) this.#drop(holder.connection, reason);
    };
    const client = new SftpClient('oms-sftp-sim', {
      error: (error) => lost(messageOf(error)),
      end: () => lost('the server ended the connection'),
      close: () => lost('the connection closed'),
    });
    holder.connection = { client, alive: true };
    return holder.connection;
  }

  #connectOptions(): SftpClient.ConnectOptions {
    const { host, port, username, privateKey, password, hostKeyFingerprint } = this.#settings;
    const options: SftpClient.ConnectOptions = {
      host, port, username, readyTimeout: this.#timeoutMs, keepaliveInterval: 2000, keepaliveCountMax: 3,
    };
    if (privateKey !== undefined) options.privateKey = privateKey;
    if (password !== undefined) options.password = password;
    if (hostKeyFingerprint !== undefined) options.hostVerifier = (key: Buffer): boolean => fingerprintOf(key) === hostKeyFingerprint;
    return options;
  }

  #connectFailed(message: string): void {
    if (message !== this.#lastConnectError) this.#log.record('connectFailed', { detail: message });
    this.#lastConnectError = message;
  }

  #drop(connection: Connection, reason: string): void {
    if (this.#current === connection) this.#current = undefined;
    if (!connection.alive) return;
    connection.alive = false;
    if (!this.#closed) this.#log.record('disconnected', { detail: reason });
    void connection.client.end().catch(() => undefined);
  }
}

/** `SHA256:<base64 without padding>`, as OpenSSH prints host key fingerprints. */
export function fingerprintOf(key: Buffer): string {
  return `SHA256:${createHash('sha256').update(key).digest('base64').replace(/=+$/, '')}`;
}

function isFileError(error: unknown): boolean {
  const code = error instanceof Error ? (error as Error & { code?: unknown }).code : undefined;
  return typeof code === 'number' || (typeof code === 'string' && FILE_ERROR_CODES.has(code));
}

/** Rejects after `ms` (the late outcome of `promise` is ignored). */
function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  promise.catch(() => undefined);
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms);
    promise.then(
      (value) => { clearTimeout(timer); resolve(value); },
      (error: unknown) => { clearTimeout(timer); reject(error); },
    );
  });
}
