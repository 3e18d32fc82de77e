/**
 * One e-mail's bytes → the facts the rest of the connector works with, parsed by a real
 * MIME parser (mailparser): Message-ID, sender, subject, date, the plain-text body (or
 * the HTML body's text when there is no plain one), and the attachments with their
 * content and checksums. Also the message's identity for dedup: Message-ID plus a hash
 * of what it says (sender, subject, text, attachments), so the same message read twice
 * (IMAP re-read, or routed both to the mailbox and to the SMTP listener, whose headers
 * differ) is one order, while a different message reusing a Message-ID is not.
 */
import { createHash } from 'node:crypto';
import { convert } from 'html-to-text';
import { simpleParser, type ParsedMail } from 'mailparser';

export interface MailAttachment {
  filename: string;
  contentType: string;
  size: number;
  content: Buffer;
}

export interface MailFacts {
  parsed: ParsedMail;
  /** Without angle brackets; absent when the message has none. */
  messageId?: string;
  from?: { address: string; name?: string };
  subject: string;
  /** The Date header as an ISO instant, when it is a real date. */
  date?: string;
  text: string;
  attachments: MailAttachment[];
  /** Stable identity of this message for the dedup ledger. */
  dedupKey: string;
  /** A short reference for the order's externalId (at most 100 characters). */
  reference: string;
}

export async function readMail(bytes: Buffer): Promise<MailFacts> {
  const parsed = await simpleParser(bytes, { skipImageLinks: true, skipTextToHtml: true, skipTextLinks: true });
  const messageId = parsed.messageId?.trim().replace(/^<|>$/g, '') || undefined;
  const sender = parsed.from?.value[0];
  const text = normaliseText(bodyText(parsed));
  const attachments = parsed.attachments
    // Pictures embedded in the HTML (a signature logo) are part of the body, not documents.
    .filter((a) => !a.related)
    .map((a, i) => ({ filename: a.filename ?? `attachment-${i + 1}`, contentType: a.contentType.toLowerCase(), size: a.size, content: a.content }));
  const date = dateHeader(parsed);
  const from = sender?.address ? { address: sender.address.trim().toLowerCase(), ...(sender.name ? { name: sender.name.trim() } : {}) } : undefined;
  const subject = parsed.subject?.trim() ?? '';
  const contentHash = hashContent(from?.address ?? '', subject, text, attachments);
  const dedupKey = `mail:${sha256(`${messageId ?? ''}\n${contentHash}`)}`;
  return {
    parsed, ...(messageId ? { messageId } : {}), ...(from ? { from } : {}), subject, ...(date ? { date } : {}),
    text, attachments, dedupKey, reference: referenceOf(messageId, contentHash),
  };
}

/**
 * The plain-text body, or the HTML body's text: mailparser converts HTML only when it is
 * the whole message, not inside multipart/mixed (an HTML order with a PDF attached).
 */
function bodyText(parsed: ParsedMail): string {
  if (parsed.text?.trim()) return parsed.text;
  return typeof parsed.html === 'string' ? convert(parsed.html, { wordwrap: false }) : '';
}

/** The Date header as an instant; mailparser puts "now" in place of a date it cannot read, so the header is read here. */
function dateHeader(parsed: ParsedMail): string | undefined {
  const line = parsed.headerLines.find((header) => header.key === 'date');
  const value = line?.line.slice(line.line.indexOf(':') + 1).trim();
  const at = value ? Date.parse(value) : Number.NaN;
  return Number.isNaN(at) ? undefined : new Date(at).toISOString();
}

function normaliseText(text: string): string {
  return text.replace(/\r\n?/g, '\n').split('\n').map((line) => line.trimEnd()).join('\n').trim();
}

function hashContent(from: string, subject: string, text: string, attachments: MailAttachment[]): string {
  const hash = createHash('sha256').update(`${from}\n${subject}\n${text}\n`);
  for (const attachment of attachments) hash.update(`${attachment.filename}\n${sha256(attachment.content)}\n`);
  return hash.digest('hex');
}

function referenceOf(messageId: string | undefined, contentHash: string): string {
  if (messageId && messageId.length <= 100) return messageId;
  return `mail-${contentHash.slice(0, 40)}`;
}

function sha256(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}
