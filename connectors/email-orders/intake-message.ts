/**
 * One received e-mail → what the hub should do with it: capture an order (with the
 * original message as the raw envelope and the parsed order as its data, or without data
 * when it cannot be read, so the hub puts it in review), take a customer's request to
 * change or cancel an order (change-mail.ts), or file it with its reason (a bounce, an
 * auto-reply, bulk mail, spam, a message over the size limit). Shared by the
 * IMAP poller and the SMTP listener, so both treat the same message the same way.
 */
import { createHash } from 'node:crypto';
import { isHubError, type ChangeAskIn, type EnvelopeIn, type FiledItem } from '../../src/sdk/index.js';
import { readChangeMail } from './change-mail.js';
import { classifyMail } from './classify-mail.js';
import type { EmailOrdersConfig } from './config.js';
import { mailOrder } from './mail-order.js';
import { readMail, type MailFacts } from './read-mail.js';

export const MESSAGE_TYPE = 'message/rfc822';

export type MailOutcome =
  | { kind: 'order'; envelope: EnvelopeIn }
  | { kind: 'filed'; item: FiledItem }
  | { kind: 'change'; ask: ChangeAskIn };

export interface Arrival {
  /** `imap` or `smtp`, with where it came from (mailbox and UID, or the SMTP session). */
  via: string;
  meta?: Record<string, string>;
  receivedAt: Date;
}

export async function intakeMessage(bytes: Buffer, config: EmailOrdersConfig, arrival: Arrival): Promise<MailOutcome> {
  const base = { via: arrival.via, bytes: String(bytes.length), ...arrival.meta };
  if (bytes.length > config.maxMessageBytes) {
    return { kind: 'filed', item: tooLargeItem(headerSection(bytes), bytes.length, config.maxMessageBytes, base) };
  }
  let mail: MailFacts;
  try {
    mail = await readMail(bytes);
  } catch {
    // Not MIME the parser can read: captured as it is, and the hub's parse sends it to review saying so.
    return { kind: 'order', envelope: { dedupKey: `mail-bytes:${createHash('sha256').update(bytes).digest('hex')}`, contentType: MESSAGE_TYPE, body: bytes, meta: base } };
  }
  const meta = { ...base, ...(mail.messageId ? { messageId: mail.messageId.slice(0, 200) } : {}), attachments: String(mail.attachments.length) };
  const verdict = classifyMail(mail.parsed);
  if (verdict.kind !== 'message') {
    const bounce = verdict.kind === 'bounce' ? verdict.bounce : undefined;
    const item: FiledItem = {
      dedupKey: mail.dedupKey, kind: verdict.kind, reason: verdict.reason, contentType: MESSAGE_TYPE, body: bytes, meta,
      ...(bounce?.hubOrderId ? {
        about: {
          hubOrderId: bounce.hubOrderId,
          note: `customer e-mail bounced${bounce.status ? ` (${bounce.status})` : ''}: ${bounce.diagnostic ?? bounce.action ?? 'delivery failed'}`,
          detail: {
            ...(bounce.action ? { action: bounce.action } : {}), ...(bounce.status ? { status: bounce.status } : {}),
            ...(bounce.noticeKey ? { notice: bounce.noticeKey } : {}),
          },
        },
      } : {}),
    };
    return { kind: 'filed', item };
  }
  // A customer asking to change or cancel an order they placed: the hub checks who asks.
  const change = readChangeMail(mail);
  if (change) return { kind: 'change', ask: { ...change, contentType: MESSAGE_TYPE, body: bytes, meta } };
  const envelope: EnvelopeIn = { dedupKey: mail.dedupKey, externalId: mail.reference, contentType: MESSAGE_TYPE, body: bytes, meta };
  try {
    const order = mailOrder(mail, config, arrival.receivedAt.toISOString());
    // A scanned form is read by OCR, which takes seconds: a normalize worker does it after capture.
    if (order.form === 'scan' && config.scans) return { kind: 'order', envelope: { ...envelope, form: 'scan', deferJudging: true } };
    return { kind: 'order', envelope: { ...envelope, data: order.data, ...(order.form ? { form: order.form } : {}) } };
  } catch (error) {
    // Unreadable: captured without data, so the hub parses it, gets the same message and sends it to review.
    if (isHubError(error) && error.kind === 'bad_input') return { kind: 'order', envelope };
    throw error;
  }
}

/** Too large to parse: filed with its header section only (the mailbox keeps the whole message). */
export function tooLargeItem(headers: Buffer, size: number, maxBytes: number, meta: Record<string, string>): FiledItem {
  const kept = headers.subarray(0, 64 * 1024);
  return {
    dedupKey: `mail-large:${createHash('sha256').update(kept).update(String(size)).digest('hex')}`,
    kind: 'too-large',
    reason: `message of ${Math.round(size / 1024)} kB is over the limit of ${Math.round(maxBytes / 1024)} kB: read it in the mailbox and key the order, or raise maxMessageBytes`,
    contentType: 'text/rfc822-headers', body: Buffer.from(kept), meta: { ...meta, bytes: String(size) },
  };
}

function headerSection(bytes: Buffer): Buffer {
  const end = bytes.indexOf('\r\n\r\n');
  return bytes.subarray(0, end > 0 ? end + 4 : bytes.length);
}
