/**
 * Fax orders connector: the fax and scanned-mail channel. Takes faxes from the fax
 * server's drop (a local folder or SFTP), reads our printed order form by OCR
 * (SDK forms), and accepts an order automatically only when every field it uses is
 * certain and every check passes; anything doubtful goes to review with the reading
 * beside the image, where a person corrects and accepts it (`reread`). Confirmations
 * go back by fax through the fax gateway's drop folder.
 */
import { defineConnector } from '../../src/sdk/index.js';
import { configSchema, type FaxOrdersConfig } from './config.js';
import { faxBack } from './fax-back.js';
import { pollInbox } from './poll-inbox.js';
import { faxReader } from './read-fax.js';

export default defineConnector<FaxOrdersConfig>({
  id: 'fax-orders',
  title: 'Fax orders',
  description: 'Faxed and scanned order forms: TIFF/PDF/PNG from a folder or SFTP drop, read by offline OCR with a confidence per field, checked against the catalog and customer directory, doubtful ones to review; confirmations faxed back.',
  version: '1.0.0',
  roles: ['pull', 'notify'],
  configSchema,
  exampleConfig: {
    inbox: { sftp: { host: 'fax.shop.example', username: 'hub', password: { env: 'FAX_SFTP_PASSWORD' }, hostKeyFingerprint: 'SHA256:2b0mGcBvTzmzP2ntqxTTEPrFLM6YM7r6I4kqGK9Mxm4', folder: '/drop' } },
    forms: ['mappings/forms/order-form-v1.json'],
    catalog: 'data/catalog.csv',
    customers: 'data/customers.csv',
    gateway: { folder: '/var/spool/fax/out' },
  },
  create({ config, log }) {
    const reader = faxReader(config);
    return {
      poll: { intervalMs: config.pollIntervalMs, run: (cursor) => pollInbox(config, log, cursor) },
      // OCR takes seconds: orders are recorded as received at once and read by a normalize worker.
      normalizeAtCapture: false,
      parse: (raw) => reader.read(raw),
      reread: (raw, corrections) => reader.read(raw, corrections),
      notices: 'every-change',
      notify: (notice) => faxBack(config, notice),
      close: () => reader.close(),
    };
  },
});
