/**
 * The confirmation faxed back: when the OMS takes a fax order (or a person rejects it),
 * the customer who ordered by fax gets one page restating the order with its
 * confirmation code, dropped for the fax gateway as `<phone>_<code>_<event>.pdf`. The
 * name is the notice's identity: a retried notice replaces the same file, and the
 * gateway sends each name once. A customer with an e-mail address is told by e-mail
 * instead (notifications.customer), so a fax is not sent twice over two channels.
 */
import { fromMinorUnits, type Notice, type NoticeOutcome } from '../../src/sdk/index.js';
import type { FaxOrdersConfig } from './config.js';
import { openDropFolder } from './drop-folder.js';

type FaxEvent = 'confirmed' | 'rejected';

export async function faxBack(config: FaxOrdersConfig, notice: Notice): Promise<NoticeOutcome> {
  const event = faxEvent(notice);
  if (!event) return { summary: 'no fax: only confirmations and rejections are faxed back' };
  if (!config.gateway) return { summary: 'no fax: no fax gateway is configured' };
  const { order } = notice;
  if (order.customer.email) return { summary: 'no fax: the customer is told by e-mail' };
  const phone = (order.customer.phone ?? order.shipTo?.phone ?? '').replace(/\D/g, '');
  if (!phone) return { summary: 'no fax: the order has no phone number to fax to' };
  const { renderConfirmationPdf } = await import('../../src/sdk/forms.js');
  const pdf = await renderConfirmationPdf({
    title: event === 'confirmed' ? 'Order confirmation' : 'Order not accepted',
    confirmation: order.confirmation,
    date: new Date(notice.occurredAt).toUTCString(),
    customer: order.customer.name ?? order.shipTo?.name ?? '',
    address: order.shipTo ? [order.shipTo.line1, [order.shipTo.postalCode, order.shipTo.city].filter(Boolean).join(' '), order.shipTo.country] : [],
    lines: order.lines.map((line) => ({
      sku: line.sku, description: line.description ?? '', quantity: line.quantity,
      unitPrice: fromMinorUnits(line.unitPrice, order.currency), lineTotal: fromMinorUnits(line.unitPrice * line.quantity, order.currency),
    })),
    total: fromMinorUnits(order.totals.grandTotal, order.currency),
    currency: order.currency,
    message: event === 'confirmed'
      ? `We have your order and it is being prepared. Quote ${order.confirmation} if you call us about it.`
      : `We could not accept this order: ${notice.status.reason ?? 'please call us'}. Quote ${order.confirmation} if you call us about it.`,
    from: config.from,
  });
  const name = `${phone}_${order.confirmation}_${event}.pdf`;
  const gateway = await openDropFolder(config.gateway);
  try {
    await gateway.write(name, pdf);
  } finally {
    await gateway.close();
  }
  return { summary: `faxed the customer: ${event}`, detail: { file: name.replace(/^\d+(?=\d{4}_)/, (digits) => '•'.repeat(digits.length)), pages: 1 } };
}

function faxEvent(notice: Notice): FaxEvent | undefined {
  if (notice.state === 'rejected') return 'rejected';
  if (notice.state === 'acknowledged' && notice.previous?.state !== 'acknowledged') return 'confirmed';
  return undefined;
}
