/**
 * What a connector can do on an SFTP server once connected. Every path is confined to the
 * settings' root; every failure is a typed error (see sftp-failure.ts).
 */

/** One entry of a folder listing. */
export interface SftpEntry {
  name: string;
  size: number;
  /** Modification time, ms since the epoch (the server keeps whole seconds). */
  modifiedAt: number;
  isFile: boolean;
  isDirectory: boolean;
}

export interface SftpStats {
  size: number;
  /** Modification time, ms since the epoch. */
  modifiedAt: number;
  isFile: boolean;
  isDirectory: boolean;
}

export interface WriteAtomicOptions {
  /** Name the bytes are uploaded under before the rename. Default `.<name>.part`. */
  tempName?: string;
}

export interface WriteAtomicResult {
  /** Final path of the file on the server. */
  path: string;
  size: number;
  /** sha256 of the bytes, hex. */
  checksum: string;
}

export interface SftpSession {
  /** True once the connection dropped or close() was called; every later call fails. */
  readonly closed: boolean;
  /** Files and folders in `dir` (without `.` and `..`), sorted by name. Missing folder: PermanentError `SFTP_NOT_FOUND`. */
  list(dir: string): Promise<SftpEntry[]>;
  /** What is at `path`, or false when nothing is. */
  exists(path: string): Promise<'file' | 'dir' | false>;
  /** Missing: PermanentError `SFTP_NOT_FOUND`. */
  stat(path: string): Promise<SftpStats>;
  /** The whole file. Missing: PermanentError `SFTP_NOT_FOUND`. */
  read(path: string): Promise<Buffer>;
  /**
   * Uploads `bytes` as `<dir>/<tempName>`, checks its size, then renames it to `<dir>/<name>`,
   * replacing a file of that name. A failure before the rename leaves at most the temp file,
   * never a partial final file; when the server refused the bytes (not a lost connection)
   * the temp file is removed too. A full disk on the server: TransientError `SFTP_DISK_FULL`.
   */
  writeAtomic(dir: string, name: string, bytes: Uint8Array, options?: WriteAtomicOptions): Promise<WriteAtomicResult>;
  /** Creates (or truncates) an empty file, e.g. a done file. */
  writeEmpty(path: string): Promise<void>;
  /** Renames `from` to `to`, creating `to`'s folder if missing and replacing a file already at `to`. */
  move(from: string, to: string): Promise<void>;
  /** Creates `dir` and any missing parents; a no-op when it exists. */
  mkdirp(dir: string): Promise<void>;
  /** Deletes a file; false when there was none. */
  remove(path: string): Promise<boolean>;
  /** Ends the connection. Safe to call twice. */
  close(): Promise<void>;
}
