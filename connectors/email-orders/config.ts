/**
 * Settings of an email-orders instance, as JSON Schema (drives validation and docs) and
 * the matching TypeScript type: the mailbox it reads over IMAP and/or the SMTP listener
 * mail can be routed straight to, the order currency, size limits, and how XML
 * attachments are read. At least one of `imap` and `smtp` is required.
 */
export interface ImapSettings {
  host: string;
  port: number;
  /** TLS from the first byte (993); false: plain, upgraded with STARTTLS when offered. */
  secure: boolean;
  user: string;
  password: string;
  mailbox: string;
  /** Captured orders are moved here (`afterCapture: move`). */
  processedMailbox: string;
  /** Filed mail (bounces, auto-replies, spam) is moved here. */
  filedMailbox: string;
  /** `move` to the folders above, or `flag` (keyword `$HubCaptured`, mail stays in the mailbox). */
  afterCapture: 'move' | 'flag';
  /** Wait for new mail with IMAP IDLE (when the server offers it) besides polling. */
  idle: boolean;
  pollIntervalMs: number;
  /** Messages read per poll round. */
  batchSize: number;
  timeoutMs: number;
}

export interface SmtpListenerSettings {
  host: string;
  port: number;
  /** Accepted recipient addresses (case-insensitive); empty accepts any. */
  recipients: string[];
}

export interface EmailOrdersConfig {
  imap?: ImapSettings;
  smtp?: SmtpListenerSettings;
  /** Currency of text-template orders that do not name one. */
  currency: string;
  /** Larger messages are filed as `too-large` (their headers kept), never parsed. */
  maxMessageBytes: number;
  /** XML attachments: the root element and the elements that always parse to lists. */
  xml: { root: string; repeated: string[] };
  /** Scanned order forms attached (PDF, TIFF, PNG, JPEG): read by OCR like a fax. Absent: to review. */
  scans?: { forms: string[]; catalog: string; customers: string; confidenceThreshold: number; confirmedThreshold: number };
}

export const configSchema = {
  type: 'object',
  additionalProperties: false,
  anyOf: [{ required: ['imap'] }, { required: ['smtp'] }],
  properties: {
    imap: {
      type: 'object',
      additionalProperties: false,
      required: ['host', 'user', 'password'],
      description: 'The mailbox orders are read from.',
      properties: {
        host: { type: 'string', minLength: 1 },
        port: { type: 'integer', minimum: 1, maximum: 65535, default: 993 },
        secure: { type: 'boolean', default: true, description: 'TLS from the first byte (993); false: STARTTLS when offered.' },
        user: { type: 'string', minLength: 1 },
        password: { type: 'string', minLength: 1, 'x-secret': true },
        mailbox: { type: 'string', minLength: 1, default: 'INBOX' },
        processedMailbox: { type: 'string', minLength: 1, default: 'Processed' },
        filedMailbox: { type: 'string', minLength: 1, default: 'Filed' },
        afterCapture: { enum: ['move', 'flag'], default: 'move', description: 'Move captured mail to processedMailbox (filed mail to filedMailbox), or flag it $HubCaptured.' },
        idle: { type: 'boolean', default: true, description: 'Use IMAP IDLE to read new mail at once.' },
        pollIntervalMs: { type: 'integer', minimum: 1000, default: 60000 },
        batchSize: { type: 'integer', minimum: 1, maximum: 500, default: 25 },
        timeoutMs: { type: 'integer', minimum: 1000, default: 30000 },
      },
    },
    smtp: {
      type: 'object',
      additionalProperties: false,
      required: ['port'],
      description: 'An SMTP listener for mail routed straight to the hub (behind your MTA).',
      properties: {
        host: { type: 'string', minLength: 1, default: '127.0.0.1' },
        port: { type: 'integer', minimum: 0, maximum: 65535, description: '0 picks a free port (tests).' },
        recipients: { type: 'array', items: { type: 'string', minLength: 3 }, default: [], description: 'Accepted recipient addresses; empty accepts any.' },
      },
    },
    currency: { type: 'string', pattern: '^[A-Z]{3}$', default: 'EUR' },
    maxMessageBytes: { type: 'integer', minimum: 1024, default: 15 * 1024 * 1024 },
    scans: {
      type: 'object',
      additionalProperties: false,
      required: ['forms', 'catalog', 'customers'],
      description: 'Read scanned order forms (our printed form) by OCR, as the fax channel does (docs/fax-orders.md).',
      properties: {
        forms: { type: 'array', minItems: 1, items: { type: 'string', minLength: 1 } },
        catalog: { type: 'string', minLength: 1 },
        customers: { type: 'string', minLength: 1 },
        confidenceThreshold: { type: 'number', minimum: 0, maximum: 100, default: 80 },
        confirmedThreshold: { type: 'number', minimum: 0, maximum: 100, default: 30 },
      },
    },
    xml: {
      type: 'object',
      additionalProperties: false,
      default: {},
      properties: {
        root: { type: 'string', minLength: 1, default: 'Order' },
        repeated: { type: 'array', items: { type: 'string' }, default: ['Line', 'Option'] },
      },
    },
  },
} as const;
