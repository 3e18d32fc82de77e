/**
 * Settings of a fax-orders instance, as JSON Schema and the matching type: where faxes
 * arrive (a local folder the fax server writes to, or its SFTP drop), which form layouts
 * are ours, the catalog and customer directory forms are checked against, the
 * confidence threshold, and where confirmations are dropped for the fax gateway to send.
 */
import type { SftpSettings } from '../../src/sdk/index.js';

export type FolderSettings = { folder: string } | { sftp: SftpSettings & { folder: string } };

export interface FaxOrdersConfig {
  inbox: FolderSettings;
  /** Sub-folder of the inbox where read faxes are moved (after capture). */
  processedFolder: string;
  /** Form layout files (mappings/forms/*.json). */
  forms: string[];
  catalog: string;
  customers: string;
  /** Fields read below this OCR confidence (0-100) send the order to review. */
  confidenceThreshold: number;
  /** Fields a check confirms (catalog price, total = sum, same customer) need only this. */
  confirmedThreshold: number;
  /** Where confirmation faxes are dropped for the fax gateway; absent: no fax back. */
  gateway?: FolderSettings;
  /** A file is taken once its size and time have not changed for this long. */
  settleMs: number;
  pollIntervalMs: number;
  /** Faxes read per poll round. */
  batchSize: number;
  /** The sender named on confirmations. */
  from: string;
  /** OCR workers per process (each uses one core while reading). */
  ocrWorkers: number;
}

const folder = {
  oneOf: [
    { type: 'object', additionalProperties: false, required: ['folder'], properties: { folder: { type: 'string', minLength: 1 } } },
    {
      type: 'object', additionalProperties: false, required: ['sftp'],
      properties: {
        sftp: {
          type: 'object', additionalProperties: false, required: ['host', 'username', 'hostKeyFingerprint', 'folder'],
          properties: {
            host: { type: 'string', minLength: 1 },
            port: { type: 'integer', minimum: 1, maximum: 65535, description: 'Default 22.' },
            username: { type: 'string', minLength: 1 },
            password: { type: 'string', minLength: 1, 'x-secret': true },
            privateKey: { type: 'string', minLength: 1, 'x-secret': true },
            passphrase: { type: 'string', minLength: 1, 'x-secret': true },
            hostKeyFingerprint: { type: 'string', pattern: '^SHA256:' },
            timeoutMs: { type: 'integer', minimum: 1000, description: 'Default 15000.' },
            root: { type: 'string', description: 'Default /.' },
            folder: { type: 'string', minLength: 1 },
          },
        },
      },
    },
  ],
} as const;

export const configSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['inbox', 'forms', 'catalog', 'customers'],
  properties: {
    inbox: { ...folder, description: 'Where faxes arrive: { folder } on this machine, or { sftp: { …, folder } } (a fax server\'s drop).' },
    processedFolder: { type: 'string', minLength: 1, default: 'processed' },
    forms: { type: 'array', minItems: 1, items: { type: 'string', minLength: 1 }, description: 'Form layout files.' },
    catalog: { type: 'string', minLength: 1, description: 'CSV: sku, description, unit_price, currency.' },
    customers: { type: 'string', minLength: 1, description: 'CSV: account, phone, name, line1, city, postcode, country, email.' },
    confidenceThreshold: { type: 'number', minimum: 0, maximum: 100, default: 80, description: 'Confidence a field no check confirms needs.' },
    confirmedThreshold: { type: 'number', minimum: 0, maximum: 100, default: 30, description: 'Confidence a field confirmed by a check needs.' },
    gateway: { ...folder, description: 'Where confirmation faxes are dropped for the fax gateway.' },
    settleMs: { type: 'integer', minimum: 0, default: 2000 },
    pollIntervalMs: { type: 'integer', minimum: 200, default: 5000 },
    batchSize: { type: 'integer', minimum: 1, maximum: 100, default: 10 },
    from: { type: 'string', minLength: 1, default: 'Order desk' },
    ocrWorkers: { type: 'integer', minimum: 1, maximum: 8, default: 1 },
  },
} as const;
