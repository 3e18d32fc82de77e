/** Connection settings for the SDK's SFTP client from the instance settings. */
import type { SftpSettings } from '../../src/sdk/index.js';
import type { OmsSftpConfig } from './config.js';

export function sftpSettings(config: OmsSftpConfig): SftpSettings {
  return {
    host: config.host,
    port: config.port,
    username: config.username,
    hostKeyFingerprint: config.hostKeyFingerprint,
    timeoutMs: config.timeoutMs,
    ...(config.password ? { password: config.password } : {}),
    ...(config.privateKey ? { privateKey: config.privateKey } : {}),
    ...(config.passphrase ? { passphrase: config.passphrase } : {}),
  };
}
