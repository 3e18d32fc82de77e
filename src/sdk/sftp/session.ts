/**
 * The SftpSession connectors use: confines every path to the root, then composes the calls
 * (upload under a temp name then rename, replace an existing file, create missing folders).
 */
import { createHash } from 'node:crypto';
import { posix } from 'node:path';
import type { FileInfo, FileStats } from 'ssh2-sftp-client';
import { BadInputError, PermanentError, TransientError } from '../errors/index.js';
import { confineFileName, confinePath } from './confine-path.js';
import type { CallOptions, SftpConnection } from './connection.js';
import type { SftpEntry, SftpSession, SftpStats, WriteAtomicOptions, WriteAtomicResult } from './session-types.js';
import { isNoSuchFile, isUnsupportedExtension } from './sftp-failure.js';

const METADATA: CallOptions = { bounded: true, writing: false };
const METADATA_CHANGE: CallOptions = { bounded: true, writing: true };
const DOWNLOAD: CallOptions = { bounded: false, writing: false };
const UPLOAD: CallOptions = { bounded: false, writing: true };

function toEntry(info: FileInfo): SftpEntry {
  return { name: info.name, size: info.size, modifiedAt: info.modifyTime, isFile: info.type === '-', isDirectory: info.type === 'd' };
}

function toStats(stats: FileStats): SftpStats {
  return { size: stats.size, modifiedAt: stats.modifyTime, isFile: stats.isFile, isDirectory: stats.isDirectory };
}

function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function sha256Hex(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export class Ssh2SftpSession implements SftpSession {
  /** Whether the server offers posix-rename@openssh.com; learnt on the first rename. */
  private posixRename: boolean | undefined;

  constructor(
    private readonly connection: SftpConnection,
    private readonly root: string,
  ) {}

  get closed(): boolean {
    return this.connection.closed;
  }

  async list(dir: string): Promise<SftpEntry[]> {
    const path = this.confine(dir);
    const infos = await this.connection.call('list', path, ({ client }) => client.list(path), METADATA);
    return infos
      .filter((info) => info.name !== '.' && info.name !== '..')
      .map(toEntry)
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  async exists(path: string): Promise<'file' | 'dir' | false> {
    return this.existsAt(this.confine(path));
  }

  async stat(path: string): Promise<SftpStats> {
    const confined = this.confine(path);
    return toStats(await this.connection.call('stat', confined, ({ client }) => client.stat(confined), METADATA));
  }

  async read(path: string): Promise<Buffer> {
    const confined = this.confine(path);
    const content = await this.connection.call('read', confined, ({ client }) => client.get(confined), DOWNLOAD);
    // ssh2-sftp-client collects with concat-stream, which hands back [] for an empty file.
    return Buffer.isBuffer(content) ? content : Buffer.alloc(0);
  }

  async writeAtomic(dir: string, name: string, bytes: Uint8Array, options: WriteAtomicOptions = {}): Promise<WriteAtomicResult> {
    const folder = this.confine(dir);
    const finalName = confineFileName(name);
    const tempName = confineFileName(options.tempName ?? `.${finalName}.part`);
    if (tempName === finalName) {
      throw new BadInputError(`SFTP temp name ${JSON.stringify(tempName)} must differ from the file name`, { code: 'BAD_FILE_NAME' });
    }
    const content = asBuffer(bytes);
    const finalPath = posix.join(folder, finalName);
    const tempPath = posix.join(folder, tempName);
    try {
      await this.connection.call('upload', tempPath, ({ client }) => client.put(content, tempPath), UPLOAD);
      await this.expectSize(tempPath, content.length);
    } catch (error) {
      throw await this.writeRefused(error, folder, tempPath, content.length);
    }
    await this.renameReplacing(tempPath, finalPath);
    return { path: finalPath, size: content.length, checksum: sha256Hex(content) };
  }

  async writeEmpty(path: string): Promise<void> {
    const confined = this.confine(path);
    await this.connection.call('write', confined, ({ client }) => client.put(Buffer.alloc(0), confined), METADATA_CHANGE);
  }

  async move(from: string, to: string): Promise<void> {
    const source = this.confine(from);
    const target = this.confine(to);
    await this.makeDirectories(posix.dirname(target));
    await this.renameReplacing(source, target);
  }

  async mkdirp(dir: string): Promise<void> {
    await this.makeDirectories(this.confine(dir));
  }

  async remove(path: string): Promise<boolean> {
    const confined = this.confine(path);
    return this.connection.call('remove', confined, async ({ client }) => {
      try {
        await client.delete(confined);
        return true;
      } catch (error) {
        if (isNoSuchFile(error)) return false;
        throw error;
      }
    }, METADATA_CHANGE);
  }

  async close(): Promise<void> {
    await this.connection.close();
  }

  private confine(path: string): string {
    return confinePath(this.root, path);
  }

  private existsAt(path: string): Promise<'file' | 'dir' | false> {
    return this.connection.call('stat', path, async ({ client }) => {
      try {
        return (await client.stat(path)).isDirectory ? 'dir' : 'file';
      } catch (error) {
        if (isNoSuchFile(error)) return false;
        throw error;
      }
    }, METADATA);
  }

  /** A short upload (the link dropped between two writes) must never be renamed into place. */
  private async expectSize(path: string, expected: number): Promise<void> {
    const { size } = await this.connection.call('stat', path, ({ client }) => client.stat(path), METADATA);
    if (size !== expected) {
      throw new TransientError(`SFTP ${this.connection.endpoint}: upload ${path} stored ${size} of ${expected} bytes`, {
        code: 'SFTP_WRITE_FAILED', hint: 'the upload is retried; check the server if it keeps happening',
      });
    }
  }

  /**
   * The server did not store the whole upload. SFTP v3 says only "Failure" for a full disk
   * (and ssh2 may even drop that status, leaving a short file for expectSize to find), so:
   * the temp file is removed, as it would hold on to the little space left, then the server
   * is asked how much room the folder has (statvfs@openssh.com, where offered). Too little
   * for the file: TransientError `SFTP_DISK_FULL`. Otherwise the original error stands.
   */
  private async writeRefused(error: unknown, folder: string, tempPath: string, size: number): Promise<unknown> {
    if (!(error instanceof TransientError) || error.code !== 'SFTP_WRITE_FAILED' || this.connection.closed) return error;
    await this.connection.call('remove', tempPath, ({ client }) => client.delete(tempPath), METADATA_CHANGE).catch(() => undefined);
    const free = await this.freeBytes(folder);
    if (free === undefined || free >= size) return error;
    return new TransientError(
      `SFTP ${this.connection.endpoint}: upload ${tempPath} failed: the server's disk is full (${free} bytes free in ${folder}, the file needs ${size})`,
      {
        code: 'SFTP_DISK_FULL', cause: error,
        hint: 'free space on the SFTP server (or raise the user\'s quota there); the hub retries by itself and writes the file once it fits',
      },
    );
  }

  /** Bytes an unprivileged user may still write under `path`, or undefined when the server cannot tell. */
  private async freeBytes(path: string): Promise<number | undefined> {
    try {
      const info = await this.connection.call('statvfs', path, ({ sftp }) => new Promise<{ f_bavail: number; f_frsize: number }>((resolve, reject) => {
        sftp.ext_openssh_statvfs(path, (error, stats) => (error ? reject(error) : resolve(stats as { f_bavail: number; f_frsize: number })));
      }), METADATA);
      const free = Number(info.f_bavail) * Number(info.f_frsize);
      return Number.isFinite(free) ? free : undefined;
    } catch {
      return undefined;
    }
  }

  private async makeDirectories(path: string): Promise<void> {
    const found = await this.existsAt(path);
    if (found === 'dir') return;
    if (found === 'file') {
      throw new PermanentError(`SFTP ${this.connection.endpoint}: ${path} is a file, not a folder`, {
        code: 'SFTP_NOT_A_FOLDER', hint: 'fix the folder settings or move the file away',
      });
    }
    if (path !== '/') await this.makeDirectories(posix.dirname(path));
    await this.connection.call('mkdir', path, ({ sftp }) => new Promise<void>((resolve, reject) => {
      // The raw ssh2 call: ssh2-sftp-client reports every mkdir Failure as "permission denied".
      sftp.mkdir(path, (error) => (error ? reject(error) : resolve()));
    }).catch(async (error: unknown) => {
      // Someone else created it meanwhile: that is what we wanted.
      if ((await this.existsAt(path)) !== 'dir') throw error;
    }), METADATA_CHANGE);
  }

  /**
   * Renames, replacing an existing target: atomically with posix-rename@openssh.com when the
   * server has it (OpenSSH does), otherwise delete-then-rename (plain SFTP v3 rename refuses an
   * existing target), which leaves a short moment without the file.
   */
  private async renameReplacing(from: string, to: string): Promise<void> {
    if (this.posixRename !== false) {
      const renamed = await this.connection.call('rename', `${from} -> ${to}`, async ({ client }) => {
        try {
          await client.posixRename(from, to);
          return true;
        } catch (error) {
          if (isUnsupportedExtension(error)) return false;
          throw error;
        }
      }, METADATA_CHANGE);
      this.posixRename = renamed;
      if (renamed) return;
    }
    if ((await this.existsAt(to)) === 'file') {
      await this.connection.call('remove', to, ({ client }) => client.delete(to), METADATA_CHANGE);
    }
    await this.connection.call('rename', `${from} -> ${to}`, ({ client }) => client.rename(from, to), METADATA_CHANGE);
  }
}
