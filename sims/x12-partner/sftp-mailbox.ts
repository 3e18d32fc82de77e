/**
 * The partner's side of the SFTP mailbox it shares with the hub: one connection
 * (private key, host key pinned when a fingerprint is given) opened on first use and
 * dropped after any failure so the next operation reconnects; folders made as needed;
 * files written under a temporary name and then renamed; read files moved to `read/`.
 */
import { createHash } from 'node:crypto';
import { posix } from 'node:path';
import SftpClient from 'ssh2-sftp-client';
import { messageOf, type PartnerLog } from './partner-log.js';
import type { X12SftpOptions } from './types.js';

export interface MailboxFile {
  name: string;
  size: number;
  modifyTime: number;
}

interface Connection {
  client: SftpClient;
  /** Resolves once connected; rejects (and the connection is dropped) when it cannot connect. */
  ready: Promise<void>;
}

const DEFAULT_TIMEOUT_MS = 10_000;

export class SftpMailbox {
  readonly #options: X12SftpOptions;
  readonly #log: PartnerLog;
  #connection: Connection | undefined;
  #closed = false;

  constructor(options: X12SftpOptions, log: PartnerLog) {
    this.#options = options;
    this.#log = log;
  }

  get dropFolder(): string {
    return this.#options.dropFolder;
  }

  get pickupFolder(): string {
    return this.#options.pickupFolder;
  }

  /** mkdir -p of the drop and pickup folders. */
  async ensureFolders(): Promise<void> {
    await this.#run('make folders', async (client) => {
      for (const folder of [this.#options.dropFolder, this.#options.pickupFolder]) await makeFolder(client, folder);
    });
  }

  /** Writes `.<name>.part`, then renames it to `name` (replacing an older file of that name); returns the path. */
  async writeFile(folder: string, name: string, text: string): Promise<string> {
    const path = posix.join(folder, name);
    const temp = posix.join(folder, `.${name}.part`);
    await this.#run(`write ${path}`, async (client) => {
      await makeFolder(client, folder);
      await client.put(Buffer.from(text, 'utf8'), temp);
      if (await client.exists(path)) await client.delete(path);
      await client.rename(temp, path);
    });
    return path;
  }

  /** The files waiting in the pickup folder (not hidden, not temporary), oldest first; an absent folder is made and empty. */
  async pickupFiles(): Promise<MailboxFile[]> {
    const folder = this.#options.pickupFolder;
    return this.#run(`list ${folder}`, async (client) => {
      if (!(await client.exists(folder))) {
        await makeFolder(client, folder);
        return [];
      }
      const entries = await client.list(folder);
      return entries
        .filter((entry) => entry.type === '-' && isPickupName(entry.name))
        .map((entry) => ({ name: entry.name, size: entry.size, modifyTime: entry.modifyTime }))
        .sort((a, b) => a.modifyTime - b.modifyTime || a.name.localeCompare(b.name));
    });
  }

  async readPickup(name: string): Promise<string> {
    const path = posix.join(this.#options.pickupFolder, name);
    const content = await this.#run(`read ${path}`, (client) => client.get(path));
    if (Buffer.isBuffer(content)) return content.toString('utf8');
    if (typeof content === 'string') return content;
    throw new Error(`read ${path}: unexpected content`);
  }

  /** Moves a read file to `<pickupFolder>/read/` (a new name when one of that name is there); deletes it when it cannot be moved. */
  async archivePickup(name: string): Promise<void> {
    const folder = this.#options.pickupFolder;
    const archive = posix.join(folder, 'read');
    await this.#run(`archive ${name}`, async (client) => {
      await makeFolder(client, archive);
      const target = (await client.exists(posix.join(archive, name))) ? `${name}.${Date.now()}` : name;
      try {
        await client.rename(posix.join(folder, name), posix.join(archive, target));
      } catch (error) {
        this.#log.record('moveFailed', `${name}: ${messageOf(error)}; deleting it`);
        await client.delete(posix.join(folder, name));
      }
    });
  }

  async close(): Promise<void> {
    this.#closed = true;
    const connection = this.#connection;
    this.#connection = undefined;
    if (!connection) return;
    await connection.ready.catch(() => undefined);
    ending.add(connection.client);
    await withTimeout(Promise.resolve().then(() => connection.client.end()), 2000, 'end').catch(() => undefined);
  }

  async #run<T>(what: string, op: (client: SftpClient) => Promise<T>): Promise<T> {
    const client = await this.#connected();
    try {
      return await withTimeout(op(client), this.#timeoutMs, what);
    } catch (error) {
      this.#drop(client);
      throw new Error(`${what}: ${messageOf(error)}`);
    }
  }

  async #connected(): Promise<SftpClient> {
    if (this.#closed) throw new Error('the X12 partner simulator is closed');
    const connection = (this.#connection ??= this.#open());
    await connection.ready;
    return connection.client;
  }

  #open(): Connection {
    const client = new SftpClient('x12-partner-sim', {
      error: () => this.#drop(client), end: () => this.#drop(client), close: () => this.#drop(client),
    });
    const ready = withTimeout(client.connect(this.#connectOptions()), this.#timeoutMs, 'connect').then(
      () => undefined,
      (error: unknown) => {
        this.#drop(client);
        throw new Error(`connect to ${this.#options.host}:${this.#options.port}: ${messageOf(error)}`);
      },
    );
    ready.catch(() => undefined);
    return { client, ready };
  }

  #connectOptions(): SftpClient.ConnectOptions {
    const { host, port, username, privateKey, passphrase, hostKeyFingerprint } = this.#options;
    const options: SftpClient.ConnectOptions = { host, port, username, privateKey, readyTimeout: this.#timeoutMs };
    if (passphrase !== undefined) options.passphrase = passphrase;
    if (hostKeyFingerprint !== undefined) {
      const pinned = normalFingerprint(hostKeyFingerprint);
      options.hostVerifier = (key: Buffer): boolean => fingerprintOf(key) === pinned;
    }
    return options;
  }

  /** Forgets a connection that failed: the next operation opens a new one. */
  #drop(client: SftpClient): void {
    if (this.#connection?.client === client) this.#connection = undefined;
    endQuietly(client);
  }

  get #timeoutMs(): number {
    return this.#options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  }
}

/** `SHA256:<base64 without padding>`, as OpenSSH prints host key fingerprints. */
export function fingerprintOf(key: Buffer): string {
  return `SHA256:${createHash('sha256').update(key).digest('base64').replace(/=+$/, '')}`;
}

function normalFingerprint(value: string): string {
  const bare = value.trim().replace(/^SHA256:/, '').replace(/=+$/, '');
  return `SHA256:${bare}`;
}

/** Hidden names and upload temporaries (`.x.part`, `x.tmp`) are not documents yet. */
export function isPickupName(name: string): boolean {
  return !name.startsWith('.') && !name.endsWith('.part') && !name.endsWith('.tmp');
}

/** Clients already told to end (their own end and close events come back here). */
const ending = new WeakSet<SftpClient>();

function endQuietly(client: SftpClient): void {
  if (ending.has(client)) return;
  ending.add(client);
  Promise.resolve().then(() => client.end()).catch(() => undefined);
}

async function makeFolder(client: SftpClient, folder: string): Promise<void> {
  if (!(await client.exists(folder))) await client.mkdir(folder, true);
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
