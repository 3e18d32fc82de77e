/**
 * A folder faxes are dropped into or taken from: on this machine, or on the fax
 * server's SFTP drop. One small interface so the intake and the fax-back work the same
 * over both. Writes are atomic (a temp name, then a rename), so the other side never
 * reads half a file.
 */
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { openSftp, type SftpSession } from '../../src/sdk/index.js';
import type { FolderSettings } from './config.js';

export interface DropEntry {
  name: string;
  size: number;
  modifiedAt: number;
}

export interface DropFolder {
  /** Files (not folders, not temp files starting with `.`), by name. */
  list(): Promise<DropEntry[]>;
  read(name: string): Promise<Buffer>;
  /** Moves a file into a sub-folder (created when missing). */
  moveTo(name: string, subfolder: string): Promise<void>;
  /** Writes a file atomically; the same name again replaces it. */
  write(name: string, bytes: Buffer): Promise<void>;
  close(): Promise<void>;
  describe(): string;
}

export async function openDropFolder(settings: FolderSettings): Promise<DropFolder> {
  if ('folder' in settings) return localFolder(settings.folder);
  const sftp = { ...settings.sftp, port: settings.sftp.port ?? 22, timeoutMs: settings.sftp.timeoutMs ?? 15_000, root: settings.sftp.root ?? '/' };
  return sftpFolder(await openSftp(sftp), sftp.folder, sftp.host);
}

function localFolder(folder: string): DropFolder {
  return {
    async list() {
      await mkdir(folder, { recursive: true });
      const entries: DropEntry[] = [];
      for (const entry of await readdir(folder, { withFileTypes: true })) {
        if (!entry.isFile() || entry.name.startsWith('.')) continue;
        const info = await stat(join(folder, entry.name));
        entries.push({ name: entry.name, size: info.size, modifiedAt: info.mtimeMs });
      }
      return entries.sort((a, b) => a.name.localeCompare(b.name));
    },
    read: (name) => readFile(join(folder, name)),
    async moveTo(name, subfolder) {
      await mkdir(join(folder, subfolder), { recursive: true });
      await rename(join(folder, name), join(folder, subfolder, name));
    },
    async write(name, bytes) {
      await mkdir(folder, { recursive: true });
      const temp = join(folder, `.${name}.${createHash('sha1').update(bytes).digest('hex').slice(0, 8)}.part`);
      await writeFile(temp, bytes);
      await rename(temp, join(folder, name));
    },
    close: async () => undefined,
    describe: () => folder,
  };
}

function sftpFolder(session: SftpSession, folder: string, host: string): DropFolder {
  return {
    async list() {
      const entries = await session.list(folder);
      return entries.filter((e) => e.isFile && !e.name.startsWith('.')).map((e) => ({ name: e.name, size: e.size, modifiedAt: e.modifiedAt }));
    },
    read: (name) => session.read(`${folder}/${name}`),
    moveTo: (name, subfolder) => session.move(`${folder}/${name}`, `${folder}/${subfolder}/${name}`),
    async write(name, bytes) {
      await session.writeAtomic(folder, name, bytes);
    },
    close: () => session.close(),
    describe: () => `sftp://${host}${folder}`,
  };
}
