/**
 * X12 EDI purchase orders (B2B), versions 004010 and 005010: trading partners POST
 * interchanges with their token, or drop them in an SFTP mailbox. Each 850 is recorded
 * once per partner and PO number, and every interchange is answered with a 997 (a TA1 when
 * its envelope is refused). As the order moves, the partner gets an 855 acknowledgement,
 * an 856 ship notice and an 810 invoice, each awaited until the partner's 997 comes back.
 * Per-partner profiles hold ids, version, separators and documents. See docs/b2b.md.
 */
import { defineConnector, openSftp } from '../../src/sdk/index.js';
import { configSchema, type X12Config } from './config.js';
import { parseStoredOrder } from './order-data.js';
import { checkPartners } from './partners.js';
import { readMailbox } from './read-mailbox.js';
import { receiveInterchange } from './receive-interchange.js';
import { sendDocuments } from './send-documents.js';
import { mailboxSettings, type Transport } from './send-to-partner.js';

export default defineConnector<X12Config>({
  id: 'x12',
  title: 'X12 EDI purchase orders (B2B)',
  description: 'Purchase orders (850) from trading partners over HTTP or an SFTP mailbox, answered with 997s (TA1 for a refused envelope), one order per partner and PO number; 855, 856 and 810 back as the order moves, each awaited until its 997 comes.',
  version: '1.0.0',
  roles: ['push', 'pull', 'notify'],
  configSchema,
  exampleConfig: {
    interchange: { qualifier: 'ZZ', id: 'ORDERHUB' },
    partners: [{
      id: 'northwind', name: 'Northwind Traders', interchange: { qualifier: '01', id: '123456789' }, version: '004010',
      separators: { element: '*', component: ':', segment: '~', repetition: '^' }, usage: 'P', documents: ['855', '856', '810'],
      token: { env: 'X12_NORTHWIND_TOKEN' }, sendTo: { via: 'http', url: 'https://edi.northwind.example/x12' }, acknowledgeWithinMinutes: 240, currency: 'USD',
    }],
    maxInterchangeBytes: 5242880,
    timeoutMs: 10000,
  },
  create({ config, log, instanceId, controlNumbers, acknowledgements }) {
    checkPartners(config);
    const transport: Transport = { mailbox: config.mailbox, label: instanceId, timeoutMs: config.timeoutMs };
    const receiver = { config, controlNumbers, acknowledgements, log, transport };
    const mailbox = config.mailbox;
    return {
      receive: (request, intake) => receiveInterchange(receiver, request, intake),
      ...(mailbox ? { poll: { intervalMs: mailbox.pollIntervalMs, run: () => readMailbox(receiver, mailbox) } } : {}),
      parse: (raw) => parseStoredOrder(config, raw),
      notify: (notice) => sendDocuments(receiver, notice),
      // Each 855, 856 and 810 is a document of its own: none is dropped because a newer one went first.
      notices: 'every-change',
      async check() {
        const partners = `${config.partners.length} trading partner(s)`;
        if (!mailbox) return { ok: true, detail: `${partners}, interchanges over HTTP only` };
        const session = await openSftp(mailboxSettings(transport));
        try {
          await session.list(mailbox.inbox);
          return { ok: true, detail: `${partners}; mailbox ${mailbox.host}:${mailbox.port} inbox readable` };
        } finally {
          await session.close();
        }
      },
    };
  },
});
