/**
 * Whether an inbound e-mail (parsed by mailparser's `simpleParser`) is machine mail that must
 * not become an order: a bounce (delivery status notification), an auto-reply, list/bulk
 * mail, or spam flagged by an upstream filter. Everything else is a `message`: a person
 * wrote it, and it may be an order. Checks run in this order; the first that matches decides:
 *
 * 1. bounce
 *    - structured: the top-level Content-Type is `multipart/report; report-type=delivery-status`
 *      (RFC 3464; Postfix, Exim, Gmail, Exchange all send these). Only the top level counts, so a
 *      customer forwarding a bounce to us stays a `message`.
 *    - old style: From is `MAILER-DAEMON@` / `postmaster@` (local part) AND the subject reads like
 *      a non-delivery notice (Undelivered, Undeliverable, Delivery Status Notification, Mail
 *      delivery failed, Returned mail, failure notice, Delayed Mail, ...). Neither alone decides:
 *      customers do write "delivery status" in subjects, and postmasters do write to us.
 *    Facts: the `message/delivery-status` fields (first block with `Final-Recipient` is the first
 *    recipient; a per-message block with `Reporting-MTA` may precede it). mailparser by default
 *    does NOT expose that part as an attachment: it appends its text to `mail.text` (only with
 *    `keepDeliveryStatus: true` is it an attachment), so both places are read. The returned
 *    headers come from a `text/rfc822-headers` attachment (Postfix) or the header section of a
 *    `message/rfc822` attachment (Exim, Gmail); mailparser keeps those as attachments unless the
 *    part says `Content-Disposition: inline`, in which case it flattens the message into the text
 *    and its X-Hub headers are lost. Without a structured part, the body text is searched for an
 *    `X-Hub-Order:` / `X-Hub-Notice:` header block, an enhanced status code (preferably one after
 *    an SMTP reply code, `550 5.1.1`) and a `<address>:` recipient line; `X-Failed-Recipients`
 *    (Exim, Gmail) and the DSN's `X-Original-Message-ID` (Gmail) are fallbacks.
 *    A delayed DSN (`Action: delayed`) is still `bounce`; callers read `bounce.action`.
 * 2. spam: `X-Spam-Flag: YES` or `X-Spam-Status: Yes...` (SpamAssassin), `X-Spam: Yes` (rspamd).
 *    Any one of repeated headers saying yes decides (a sender forging "No" must not hide it).
 * 3. auto-reply:
 *    - `Auto-Submitted` present with a value other than `no` (RFC 3834; `auto-generated` too);
 *    - `X-Autoreply` (not no/false/0) or `X-Autorespond` present;
 *    - `Precedence: auto_reply`;
 *    - a subject prefix (`Automatic reply:`, `Out of Office:`, `Autosvar:`, `Abwesenheitsnotiz:`,
 *      `Automatische Antwort:`, `Réponse automatique:`, `AutoReply:`) only together with another
 *      signal: a null `Return-Path: <>`, any `Precedence`, or `X-Auto-Response-Suppress`.
 *      The short `Auto:` prefix is an ordinary word ("Auto: brake pads") so it needs a null
 *      Return-Path or Precedence; `X-Auto-Response-Suppress` does not count for it.
 *    - `X-Auto-Response-Suppress` never decides alone: Outlook puts `All` on ordinary mail, and
 *      CRMs/ERPs put `OOF, AutoReply` on theirs. `In-Reply-To`/`References` are not evidence at
 *      all (a customer answering our notice has them).
 * 4. bulk: `Precedence: bulk|junk|list`, `List-Id`, `List-Unsubscribe`. Caveat: a customer who
 *    writes from a group address (e.g. a Google Group) arrives with List-Id; that is classed bulk.
 *
 * mailparser's `headers` Map has lower-case keys; a value may be a string, an array (repeated
 * header), or a structured object (`{ value, params }` for Content-Type, address objects for
 * From). `List-*` headers are folded into one `list` entry, so their presence is read from
 * `headerLines`. `reason` is shown in logs and consoles: it names the evidence, never the
 * subject, and every e-mail address in it is masked (`j***@example.com`).
 */
import type { ParsedMail } from 'mailparser';

export type MailClass =
  | { kind: 'message' }
  | { kind: 'bounce'; reason: string; bounce: BounceFacts }
  | { kind: 'auto-reply' | 'bulk' | 'spam'; reason: string };

export interface BounceFacts {
  /** failed | delayed | delivered | relayed | expanded (from message/delivery-status, first recipient block) */
  action?: string;
  /** Enhanced status code, e.g. 5.1.1. */
  status?: string;
  /** Final-Recipient address, without the 'rfc822;' type. */
  recipient?: string;
  /** Diagnostic-Code text (without its type, e.g. 'smtp;'), whitespace collapsed, at most 300 chars. */
  diagnostic?: string;
  /** From the returned original message's headers, if present: our notices carry these headers. */
  hubOrderId?: string;
  /** Header X-Hub-Notice. */
  noticeKey?: string;
  /** Message-ID of the returned message. */
  originalMessageId?: string;
}

type Mail = Pick<ParsedMail, 'headers' | 'headerLines' | 'attachments' | 'text' | 'subject' | 'from'>;
type Verdict = Exclude<MailClass, { kind: 'message' }>;

export function classifyMail(mail: ParsedMail): MailClass {
  const verdict = detectBounce(mail) ?? detectReadReceipt(mail) ?? detectSpam(mail) ?? detectAutoReply(mail) ?? detectBulk(mail);
  return verdict ? { ...verdict, reason: maskAddresses(verdict.reason) } : { kind: 'message' };
}

/** A read receipt (RFC 8098 message disposition notification) is machine mail that answers one of ours. */
function detectReadReceipt(mail: Mail): Verdict | undefined {
  const type = contentType(mail);
  const receipt = type?.value === 'multipart/report' && type.params['report-type']?.toLowerCase() === 'disposition-notification';
  return receipt ? { kind: 'auto-reply', reason: 'auto-reply: read receipt (disposition notification)' } : undefined;
}

// ---------------------------------------------------------------- bounce

const DELIVERY_STATUS_TYPES = new Set(['message/delivery-status', 'message/global-delivery-status']);
const RETURNED_HEADERS_TYPES = new Set(['text/rfc822-headers', 'message/global-headers']);
const RETURNED_MESSAGE_TYPES = new Set(['message/rfc822', 'message/global']);
const DAEMON_LOCAL_PART = /^(mailer-daemon|mailer_daemon|mailerdaemon|mail-daemon|postmaster)$/i;
const BOUNCE_SUBJECT =
  /undelivered|undeliverable|delivery status notification|mail delivery failed|delivery failure|delivery has failed|returned mail|failure notice|delayed mail|delivery delayed|unzustellbar|nicht zustellbar/i;
const DIAGNOSTIC_MAX = 300;

function detectBounce(mail: Mail): Verdict | undefined {
  const type = contentType(mail);
  const structured = type?.value === 'multipart/report' && type.params['report-type']?.toLowerCase() === 'delivery-status';
  let evidence: string;
  if (structured) {
    evidence = 'delivery status report';
  } else {
    const daemon = daemonSender(mail);
    const phrase = mail.subject?.match(BOUNCE_SUBJECT)?.[0];
    if (!daemon || !phrase) return undefined;
    evidence = `returned-mail notice from ${daemon} ("${phrase}")`;
  }
  const bounce = bounceFacts(mail);
  const details = [bounce.status, bounce.action].filter(Boolean).join(', ');
  const reason = `bounce: ${evidence}${details ? ` (${details})` : ''}${bounce.recipient ? ` for ${maskAddress(bounce.recipient)}` : ''}`;
  return { kind: 'bounce', reason, bounce };
}

/** The local part of a MAILER-DAEMON / postmaster From address, if it is one. */
function daemonSender(mail: Mail): string | undefined {
  for (const entry of mail.from?.value ?? []) {
    const local = entry.address?.split('@')[0]?.trim();
    if (local && DAEMON_LOCAL_PART.test(local)) return local;
  }
  return undefined;
}

function bounceFacts(mail: Mail): BounceFacts {
  const facts: BounceFacts = {};
  const blocks = deliveryStatusBlocks(mail);
  const recipientBlock = blocks.find((b) => b.has('final-recipient')) ?? blocks.find((b) => b.has('action') && b.has('status'));
  const messageBlock = blocks.find((b) => b.has('reporting-mta') || b.has('x-original-message-id'));
  const text = mail.text ?? '';

  set(facts, 'action', recipientBlock?.get('action')?.trim().toLowerCase());
  set(facts, 'status', statusCode(recipientBlock?.get('status')) ?? (recipientBlock ? undefined : statusInText(text)));
  set(
    facts,
    'recipient',
    typedAddress(recipientBlock?.get('final-recipient')) ??
      typedAddress(recipientBlock?.get('original-recipient')) ??
      headerTexts(mail, 'x-failed-recipients')[0]?.split(',')[0]?.trim() ??
      text.match(/^<([^<>\s@]+@[^<>\s]+)>:/m)?.[1],
  );
  set(facts, 'diagnostic', diagnosticText(recipientBlock?.get('diagnostic-code')));

  const returned = returnedHeaders(mail) ?? headerBlockInText(text);
  set(facts, 'hubOrderId', returned?.get('x-hub-order')?.trim());
  set(facts, 'noticeKey', returned?.get('x-hub-notice')?.trim());
  set(facts, 'originalMessageId', returned?.get('message-id')?.trim() ?? messageBlock?.get('x-original-message-id')?.trim());
  return facts;
}

/** Blocks of the delivery-status part: from its attachment, or from the text mailparser appended it to. */
function deliveryStatusBlocks(mail: Mail): Map<string, string>[] {
  const part = mail.attachments.find((a) => DELIVERY_STATUS_TYPES.has(a.contentType.toLowerCase()));
  const source = part ? part.content.toString('utf8') : (mail.text ?? '');
  return paragraphs(source).map(parseFields);
}

/** Header fields of the returned message: text/rfc822-headers, else the header section of message/rfc822. */
function returnedHeaders(mail: Mail): Map<string, string> | undefined {
  const headersPart = mail.attachments.find((a) => RETURNED_HEADERS_TYPES.has(a.contentType.toLowerCase()));
  const messagePart = mail.attachments.find((a) => RETURNED_MESSAGE_TYPES.has(a.contentType.toLowerCase()));
  const raw = headersPart?.content.toString('utf8') ?? messagePart?.content.toString('utf8');
  if (raw === undefined) return undefined;
  const fields = parseFields(paragraphs(raw)[0] ?? '');
  return fields.size ? fields : undefined;
}

/** Old-style bounce: the copy of our message's headers inside the body text. */
function headerBlockInText(text: string): Map<string, string> | undefined {
  const block = paragraphs(text).find((p) => /^[ \t]*X-Hub-(Order|Notice):/im.test(p));
  if (!block) return undefined;
  return parseFields(block.replace(/^[ \t]+(?=[A-Za-z][\w-]*:)/gm, ''));
}

/** `rfc822; jane@example.com` -> `jane@example.com` */
function typedAddress(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const address = (value.includes(';') ? value.slice(value.indexOf(';') + 1) : value).trim().replace(/^<|>$/g, '').trim();
  return address || undefined;
}

function statusCode(value: string | undefined): string | undefined {
  return value?.match(/(?<![\d.])[245]\.\d{1,3}\.\d{1,3}(?![\d.])/)?.[0];
}

/** An enhanced status code in free text, preferring one right after an SMTP reply code (`550 5.1.1`). */
function statusInText(text: string): string | undefined {
  return text.match(/\b[245]\d\d[ -]([245]\.\d{1,3}\.\d{1,3})(?![\d.])/)?.[1] ?? statusCode(text);
}

function diagnosticText(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const text = value.replace(/^[A-Za-z][\w.-]*;/, '').replace(/\s+/g, ' ').trim();
  if (!text) return undefined;
  return text.length > DIAGNOSTIC_MAX ? `${text.slice(0, DIAGNOSTIC_MAX - 1)}…` : text;
}

// ---------------------------------------------------------------- spam

function detectSpam(mail: Mail): Verdict | undefined {
  if (headerTexts(mail, 'x-spam-flag').some(saysYes)) return { kind: 'spam', reason: 'spam: X-Spam-Flag: YES' };
  const status = headerTexts(mail, 'x-spam-status').find(saysYes);
  if (status !== undefined) {
    const score = status.match(/score=(-?\d+(?:\.\d+)?)/i)?.[1];
    return { kind: 'spam', reason: `spam: X-Spam-Status says Yes${score ? ` (score ${score})` : ''}` };
  }
  if (headerTexts(mail, 'x-spam').some(saysYes)) return { kind: 'spam', reason: 'spam: X-Spam: Yes' };
  return undefined;
}

function saysYes(value: string): boolean {
  return /^yes\b/i.test(value.trim());
}

// ---------------------------------------------------------------- auto-reply

const AUTO_REPLY_SUBJECT =
  /^\s*(automatic reply|auto-?reply|out of office(?: auto-?reply)?|autosvar|abwesenheitsnotiz|automatische antwort|r[ée]ponse automatique)\s*:/i;
const SHORT_AUTO_SUBJECT = /^\s*(auto)\s*:/i;

function detectAutoReply(mail: Mail): Verdict | undefined {
  const submitted = headerTexts(mail, 'auto-submitted')
    .map((v) => v.split(';')[0]!.trim().toLowerCase())
    .find((v) => v && v !== 'no');
  if (submitted) return { kind: 'auto-reply', reason: `auto-reply: Auto-Submitted: ${submitted}` };

  const autoreply = headerTexts(mail, 'x-autoreply').find((v) => v && !/^(no|false|0)$/i.test(v));
  if (autoreply !== undefined) return { kind: 'auto-reply', reason: 'auto-reply: X-Autoreply header' };
  if (headerTexts(mail, 'x-autorespond').some(Boolean)) return { kind: 'auto-reply', reason: 'auto-reply: X-Autorespond header' };

  const precedence = headerTexts(mail, 'precedence').map((v) => v.toLowerCase());
  if (precedence.some((v) => v === 'auto_reply' || v === 'auto-reply')) {
    return { kind: 'auto-reply', reason: 'auto-reply: Precedence: auto_reply' };
  }

  const subject = mail.subject ?? '';
  const strong = subject.match(AUTO_REPLY_SUBJECT)?.[1];
  const short = strong ? undefined : subject.match(SHORT_AUTO_SUBJECT)?.[1];
  if (!strong && !short) return undefined;
  const signals = [
    ...(hasNullReturnPath(mail) ? ['Return-Path: <>'] : []),
    ...(precedence[0] ? [`Precedence: ${precedence[0]}`] : []),
    ...(strong && mail.headers.has('x-auto-response-suppress') ? ['X-Auto-Response-Suppress'] : []),
  ];
  if (!signals.length) return undefined;
  return { kind: 'auto-reply', reason: `auto-reply: subject starts "${strong ?? short}:" with ${signals.join(', ')}` };
}

function hasNullReturnPath(mail: Mail): boolean {
  return mail.headerLines.some((h) => h.key === 'return-path' && /^[^:]*:\s*<\s*>\s*$/.test(h.line));
}

// ---------------------------------------------------------------- bulk

function detectBulk(mail: Mail): Verdict | undefined {
  const precedence = headerTexts(mail, 'precedence').map((v) => v.toLowerCase()).find((v) => ['bulk', 'junk', 'list'].includes(v));
  const evidence = [
    ...(precedence ? [`Precedence: ${precedence}`] : []),
    ...(hasHeaderLine(mail, 'list-id') ? ['List-Id'] : []),
    ...(hasHeaderLine(mail, 'list-unsubscribe') ? ['List-Unsubscribe'] : []),
  ];
  return evidence.length ? { kind: 'bulk', reason: `bulk: ${evidence.join(', ')}` } : undefined;
}

// ---------------------------------------------------------------- headers and text

/** The values of a top-level header as text, whatever shape mailparser gave them. */
function headerTexts(mail: Pick<Mail, 'headers'>, name: string): string[] {
  const value: unknown = mail.headers.get(name);
  const values: readonly unknown[] = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return values.map(headerText).filter((v): v is string => v !== undefined);
}

function headerText(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim();
  if (value instanceof Date) return value.toISOString();
  if (value && typeof value === 'object') {
    if ('value' in value && typeof value.value === 'string') return value.value.trim(); // { value, params }
    if ('text' in value && typeof value.text === 'string') return value.text.trim(); // address object
  }
  return undefined;
}

/** Top-level Content-Type as `{ value, params }`, from the structured value or a raw string. */
function contentType(mail: Pick<Mail, 'headers'>): { value: string; params: Record<string, string> } | undefined {
  const raw: unknown = mail.headers.get('content-type');
  const header = Array.isArray(raw) ? (raw[0] as unknown) : raw;
  if (header && typeof header === 'object' && 'value' in header && typeof header.value === 'string') {
    const params: Record<string, string> = {};
    if ('params' in header && header.params && typeof header.params === 'object') {
      for (const [k, v] of Object.entries(header.params)) if (typeof v === 'string') params[k.toLowerCase()] = v;
    }
    return { value: header.value.trim().toLowerCase(), params };
  }
  if (typeof header !== 'string') return undefined;
  const [value = '', ...rest] = header.split(';');
  const params: Record<string, string> = {};
  for (const param of rest) {
    const eq = param.indexOf('=');
    if (eq > 0) params[param.slice(0, eq).trim().toLowerCase()] = param.slice(eq + 1).trim().replace(/^"|"$/g, '');
  }
  return { value: value.trim().toLowerCase(), params };
}

function hasHeaderLine(mail: Pick<Mail, 'headerLines'>, name: string): boolean {
  return mail.headerLines.some((h) => h.key === name);
}

/** Blocks separated by blank lines. */
function paragraphs(text: string): string[] {
  return text.split(/\r?\n[ \t]*\r?\n/).filter((p) => p.trim());
}

/**
 * `Name: value` fields of one header-like block, names lower-cased, folded lines joined, first
 * occurrence kept. Lenient: a line that is neither a field nor a continuation ends the field.
 */
function parseFields(block: string): Map<string, string> {
  const fields = new Map<string, string>();
  let current: string | undefined;
  for (const line of block.split(/\r?\n/)) {
    const field = line.match(/^([!-9;-~]+):[ \t]*(.*)$/);
    if (field) {
      current = field[1]!.toLowerCase();
      if (fields.has(current)) current = undefined;
      else fields.set(current, field[2]!);
    } else if (current && /^[ \t]/.test(line)) {
      fields.set(current, `${fields.get(current)!} ${line.trim()}`);
    } else {
      current = undefined;
    }
  }
  return fields;
}

function set<K extends keyof BounceFacts>(facts: BounceFacts, key: K, value: BounceFacts[K] | undefined): void {
  if (value) facts[key] = value;
}

/** `jane.doe@example.com` -> `j***@example.com` */
function maskAddress(address: string): string {
  const at = address.lastIndexOf('@');
  if (at < 0) return address ? `${address[0]}***` : address;
  return `${address.slice(0, Math.min(1, at))}***${address.slice(at)}`;
}

function maskAddresses(text: string): string {
  return text.replace(/[^\s<>"'(),;:@*]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g, maskAddress);
}
