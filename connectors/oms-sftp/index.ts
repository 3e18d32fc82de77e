/**
 * Legacy OMS over SFTP: orders gathered into batches and dropped as flat files
 * (fixed width or CSV, by the outbound mapping), change requests dropped as CHG files
 * (by `mappings.changes`), and acknowledgement, status and stock files read back from
 * the OMS's outbox with the instance's file layouts.
 */
import { defineConnector, openSftp } from '../../src/sdk/index.js';
import { configSchema, type OmsSftpConfig } from './config.js';
import { readOutbox } from './read-outbox.js';
import { uploadBatch } from './upload-batch.js';
import { uploadChange } from './upload-change.js';

export default defineConnector<OmsSftpConfig>({
  id: 'oms-sftp',
  title: 'Legacy OMS (flat files over SFTP)',
  description: 'Drops batched order files and change requests on an SFTP server (temp name, then rename) and reads acknowledgement, status and stock files back.',
  version: '1.0.0',
  roles: ['deliver', 'change', 'status', 'pull'],
  configSchema,
  exampleConfig: {
    host: 'sftp.example.internal',
    username: 'orderhub',
    privateKey: { env: 'OMS_SFTP_KEY' },
    hostKeyFingerprint: 'SHA256:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU',
  },
  create({ config: settings, fileLayouts, log, instanceId }) {
    // Errors name the instance as well as the server: "SFTP oms-files (sftp.oms.internal:22): ...".
    const config: OmsSftpConfig = { ...settings, label: instanceId };
    return {
      batch: config.batch,
      deliverBatch: (delivery) => uploadBatch(config, delivery),
      requestChange: (request) => uploadChange(config, request),
      ...(fileLayouts.length > 0
        ? { poll: { intervalMs: config.pollIntervalMs, run: (cursor: string | undefined) => readOutbox(config, fileLayouts, log, cursor) } }
        : {}),
      async check() {
        const session = await openSftp(config);
        try {
          await session.list(config.inbox);
          return { ok: true, detail: `connected to ${config.host}:${config.port}, inbox readable` };
        } finally {
          await session.close();
        }
      },
    };
  },
});
