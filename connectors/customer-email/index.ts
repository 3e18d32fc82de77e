/**
 * Customer e-mail connector: tells the customer of every channel about their order by
 * e-mail: received (right after capture), confirmed (the OMS took it), changed,
 * backordered, shipped with tracking links, delayed (a parcel in a delivery exception),
 * delivered, cancelled, refunded. Rendered from per-brand templates (render/),
 * submitted over SMTP (send-mail.ts) with a Message-ID
 * derived from the notice's idempotency key. Plays the notify role; the hub points at
 * it with `notifications.customer`.
 */
import { defineConnector, type Notice, type NoticeOutcome } from '../../src/sdk/index.js';
import { configSchema, DEFAULT_CARRIERS, type CustomerEmailConfig } from './config.js';
import { decide } from './decide-notice.js';
import { renderNotice } from './render/render-notice.js';
import type { Brand } from './render/templates.js';
import { createMailer, sendNotice } from './send-mail.js';

export default defineConnector<CustomerEmailConfig>({
  id: 'customer-email',
  title: 'Customer e-mail',
  description: 'Order notices to customers of every channel (received, confirmed, changed, backordered, shipped, delayed, delivered, cancelled, refunded) over SMTP, from per-brand templates.',
  version: '1.0.0',
  roles: ['notify'],
  configSchema,
  exampleConfig: {
    smtp: { host: '127.0.0.1', port: 2525, user: 'hub', password: { env: 'SMTP_PASSWORD' } },
    from: 'Demo Shop <orders@shop.example>',
    brands: { default: { name: 'Demo Shop' } },
  },
  create({ config, instanceId }) {
    const mailer = createMailer(config.smtp);
    const carriers = { ...DEFAULT_CARRIERS, ...config.carriers };
    return {
      // Every notice is an e-mail of its own: a confirmation that went out first does not
      // make the acknowledgement still being retried unnecessary.
      notices: 'every-change',
      async notify(notice: Notice): Promise<NoticeOutcome> {
        const decision = decide(config, notice);
        if ('skip' in decision) return { summary: `no e-mail to the customer: ${decision.skip}` };
        const { event, address } = decision;
        const brand = brandOf(config, notice.order.source);
        const rendered = renderNotice({
          event, order: notice.order, status: notice.status, brand, carriers, locale: config.locale,
          ...(notice.change ? { change: notice.change } : {}),
        });
        const sent = await sendNotice(mailer, {
          from: brand.from, to: { ...(notice.order.customer?.name ? { name: notice.order.customer.name } : {}), address },
          ...(brand.replyTo ? { replyTo: brand.replyTo } : {}),
          subject: rendered.subject, text: rendered.text, html: rendered.html,
          idempotencyKey: `${notice.idempotencyKey}:${instanceId}`, hubOrderId: notice.order.hubOrderId,
        }, instanceId);
        return { summary: `e-mailed the customer: ${event}`, detail: { event, messageId: sent.messageId, response: sent.response } };
      },
      async check() {
        try {
          await mailer.verify();
          return { ok: true, detail: `SMTP ${config.smtp.host}:${config.smtp.port} answers` };
        } catch (error) {
          return { ok: false, detail: `SMTP ${config.smtp.host}:${config.smtp.port}: ${(error as Error).message}` };
        }
      },
      async close() {
        mailer.close();
      },
    };
  },
});

function brandOf(config: CustomerEmailConfig, source: string): Brand {
  const id = config.brandBySource[source] ?? 'default';
  const settings = config.brands[id] ?? { name: fromName(config.from) };
  return {
    id, name: settings.name, from: settings.from ?? config.from,
    ...(settings.replyTo ? { replyTo: settings.replyTo } : {}),
    ...(settings.supportUrl ? { supportUrl: settings.supportUrl } : {}),
    ...(settings.templatesDir ? { templatesDir: settings.templatesDir } : {}),
  };
}

/** "Acme Shop <orders@acme.example>" → "Acme Shop". */
function fromName(from: string): string {
  return /^\s*"?([^"<]+?)"?\s*</.exec(from)?.[1] ?? from;
}
