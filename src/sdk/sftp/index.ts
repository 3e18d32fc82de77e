/**
 * SFTP for connectors: openSftp() with a pinned host key, paths confined to a root, uploads
 * under a temp name then renamed, and every failure as a typed error (connection problems
 * transient, refused keys or credentials unauthorized, missing files and permissions permanent).
 */
export { openSftp } from './open-sftp.js';
export { hostKeyFingerprint } from './host-key.js';
export { confinePath, confineFileName } from './confine-path.js';
export { DEFAULT_SFTP_TIMEOUT_MS, type SftpSettings } from './settings.js';
export type { SftpEntry, SftpSession, SftpStats, WriteAtomicOptions, WriteAtomicResult } from './session-types.js';
