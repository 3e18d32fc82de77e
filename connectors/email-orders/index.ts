/**
 * E-mail orders connector: the mail channel. Reads an order mailbox over IMAP (IDLE for
 * new mail within seconds, polling as the safety net, a UID/UIDVALIDITY cursor) and/or
 * listens for mail routed straight to the hub over SMTP. Each message is parsed with a
 * real MIME parser and becomes an order (our text template, a CSV or XML attachment, a
 * scanned form) whose raw envelope is the original message, or is filed with a reason
 * when it is not an order (bounces, which are also noted on the order whose notice
 * bounced; auto-replies; bulk mail; spam). Dedup: Message-ID plus a hash of the content.
 */
import { BadInputError, defineConnector, type RawEnvelope } from '../../src/sdk/index.js';
import type { FormReader } from '../../src/sdk/forms.js';
import { configSchema, type EmailOrdersConfig } from './config.js';
import { imapPoller } from './imap-poller.js';
import { intakeMessage } from './intake-message.js';
import { formOf, mailOrder } from './mail-order.js';
import { readMail, type MailFacts } from './read-mail.js';
import { startSmtpListener } from './smtp-listener.js';

async function readRaw(raw: RawEnvelope): Promise<MailFacts> {
  try {
    return await readMail(raw.body);
  } catch (error) {
    throw new BadInputError(`the message cannot be read as MIME: ${(error as Error).message}`, {
      code: 'MAIL_MIME', hint: 'open the original message and key the order from it', cause: error,
    });
  }
}

export default defineConnector<EmailOrdersConfig>({
  id: 'email-orders',
  title: 'E-mail orders',
  description: 'Orders by e-mail: an IMAP mailbox (IDLE and polling) and an SMTP listener; the text order template, CSV and XML attachments, scanned order forms read by OCR (or to review); bounces, auto-replies and spam filed with a reason.',
  version: '1.0.0',
  roles: ['pull', 'listen'],
  configSchema,
  exampleConfig: {
    imap: { host: 'imap.shop.example', user: 'orders', password: { env: 'IMAP_PASSWORD' } },
    smtp: { port: 2526, recipients: ['orders@shop.example'] },
    currency: 'EUR',
  },
  create({ config, instanceId, log }) {
    const read = (bytes: Buffer, via: string, meta: Record<string, string>) =>
      intakeMessage(bytes, config, { via, meta, receivedAt: new Date() });
    // The form reader (image and OCR libraries) is loaded with the first scanned form.
    let scans: Promise<FormReader> | undefined;
    const scanReader = (settings: NonNullable<EmailOrdersConfig['scans']>) =>
      (scans ??= import('../../src/sdk/forms.js').then(({ createFormReader }) => createFormReader(settings)));
    /** The message's order as plain data; a scanned form is read by OCR when `scans` is set. */
    const judge = async (raw: RawEnvelope, corrections?: Record<string, string>) => {
      const mail = await readRaw(raw);
      const receivedAt = raw.meta.receivedAt ?? new Date().toISOString();
      const order = mailOrder(mail, config, receivedAt);
      if (order.form !== 'scan' || !config.scans) return order.data;
      const scan = mail.attachments.find((a) => formOf(a) === 'scan')!;
      const read = await (await scanReader(config.scans)).read(scan.content, scan.contentType, { reference: mail.reference, receivedAt }, corrections);
      // The sender identifies the customer when the directory has no address for them.
      return read.customer && !read.customer.email && mail.from ? { ...read, customer: { ...read.customer, email: mail.from.address } } : read;
    };
    return {
      ...(config.imap ? {
        poll: imapPoller({
          settings: config.imap, instanceId, maxMessageBytes: config.maxMessageBytes, log,
          intake: (bytes, meta) => read(bytes, 'imap', meta),
        }),
      } : {}),
      ...(config.smtp ? {
        listen: (intake) => startSmtpListener({
          settings: config.smtp!, instanceId, maxMessageBytes: config.maxMessageBytes, log, intake,
          read: (bytes, meta) => read(bytes, 'smtp', meta),
        }),
      } : {}),
      parse: (raw: RawEnvelope) => judge(raw),
      reread: (raw: RawEnvelope, corrections: Record<string, string>) => judge(raw, corrections),
      close: async () => {
        if (scans) await (await scans).close();
      },
    };
  },
});
