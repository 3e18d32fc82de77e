/** Settings of a legacy OMS that exchanges flat files over SFTP (docs/protocols.md, "OMS flat files v1"). */
import type { SftpSettings } from '../../src/sdk/index.js';

/** The connection settings are the SDK's SFTP settings; the rest says where files go and how. */
export interface OmsSftpConfig extends Omit<SftpSettings, 'root'> {
  timeoutMs: number;
  inbox: string;
  outbox: string;
  archiveFolder: string;
  quarantineFolder: string;
  fileName: string;
  writeDoneFiles: boolean;
  expectDoneFiles: boolean;
  batch: { maxOrders: number; maxWaitMs: number };
  pollIntervalMs: number;
}

export const configSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['host', 'username', 'hostKeyFingerprint'],
  properties: {
    host: { type: 'string', minLength: 1, description: 'SFTP server host name or address.' },
    port: { type: 'integer', minimum: 1, maximum: 65535, default: 22 },
    username: { type: 'string', minLength: 1 },
    password: { type: 'string', minLength: 1, 'x-secret': true, description: 'Password authentication (or use privateKey).' },
    privateKey: { type: 'string', minLength: 1, 'x-secret': true, description: 'Private key (OpenSSH or PEM text) for key authentication.' },
    passphrase: { type: 'string', minLength: 1, 'x-secret': true },
    hostKeyFingerprint: {
      type: 'string', pattern: '^SHA256:[A-Za-z0-9+/]{43}$',
      description: "The server's host key, pinned: `ssh-keygen -l -E sha256 -f <host key>.pub`. A different key is refused.",
    },
    timeoutMs: { type: 'integer', minimum: 100, default: 15000 },
    inbox: { type: 'string', pattern: '^/', default: '/inbox', description: 'Folder the OMS reads order files from.' },
    outbox: { type: 'string', pattern: '^/', default: '/outbox', description: 'Folder the OMS writes acknowledgement and status files to.' },
    archiveFolder: { type: 'string', default: 'archive', description: 'Sub-folder of the outbox for files whose events are recorded.' },
    quarantineFolder: { type: 'string', default: 'quarantine', description: 'Sub-folder of the outbox for files that cannot be read.' },
    fileName: { type: 'string', pattern: '\\{batchId\\}', default: 'ORD_{batchId}.txt', description: 'Order file name; {batchId} makes it deterministic.' },
    writeDoneFiles: { type: 'boolean', default: false, description: 'Write an empty <file>.done after each order file.' },
    expectDoneFiles: { type: 'boolean', default: false, description: 'Read an OMS file only once its <file>.done exists (else: when its size is stable across two polls).' },
    batch: {
      type: 'object', additionalProperties: false, default: {},
      properties: {
        maxOrders: { type: 'integer', minimum: 1, maximum: 100000, default: 100 },
        maxWaitMs: { type: 'integer', minimum: 10, default: 60000 },
      },
    },
    pollIntervalMs: { type: 'integer', minimum: 100, default: 15000, description: 'How often the outbox is read.' },
  },
  anyOf: [{ required: ['password'] }, { required: ['privateKey'] }],
} as const;
