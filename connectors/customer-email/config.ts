/**
 * Settings of a customer-email instance, as JSON Schema (drives validation and docs)
 * and the matching TypeScript type: the SMTP server notices are submitted to, the
 * sender, the brands (which template set and sender an order's notices use, chosen by
 * the instance the order came from), per-carrier tracking URL templates, and whether
 * optional notices (changed, backordered, delivered) are sent at all.
 */
export interface SmtpSettings {
  host: string;
  port: number;
  /** true: TLS from the first byte (port 465); false: STARTTLS when the server offers it. */
  secure: boolean;
  /** Refuse to send unless the connection is encrypted (STARTTLS required). */
  requireTls: boolean;
  user?: string;
  password?: string;
  timeoutMs: number;
}

export interface BrandSettings {
  name: string;
  /** `Name <address>`; the instance's `from` when absent. */
  from?: string;
  replyTo?: string;
  supportUrl?: string;
  /** A folder of this brand's own templates (any event it lacks falls back to the default brand). */
  templatesDir?: string;
}

export interface CustomerEmailConfig {
  smtp: SmtpSettings;
  from: string;
  brands: Record<string, BrandSettings>;
  /** Which brand an order's notices use, by the instance the order came from; `default` otherwise. */
  brandBySource: Record<string, string>;
  carriers: Record<string, string>;
  locale: string;
  sendOptional: boolean;
}

/** Tracking pages of the common carriers; `{trackingNumber}` is replaced (URL-encoded). */
export const DEFAULT_CARRIERS: Record<string, string> = {
  UPS: 'https://www.ups.com/track?tracknum={trackingNumber}',
  FedEx: 'https://www.fedex.com/fedextrack/?trknbr={trackingNumber}',
  USPS: 'https://tools.usps.com/go/TrackConfirmAction?tLabels={trackingNumber}',
  DHL: 'https://www.dhl.com/en/express/tracking.html?AWB={trackingNumber}',
};

export const configSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['smtp', 'from'],
  properties: {
    smtp: {
      type: 'object',
      additionalProperties: false,
      required: ['host'],
      description: 'The SMTP server notices are submitted to.',
      properties: {
        host: { type: 'string', minLength: 1 },
        port: { type: 'integer', minimum: 1, maximum: 65535, default: 587 },
        secure: { type: 'boolean', default: false, description: 'TLS from the first byte (465); otherwise STARTTLS when offered.' },
        requireTls: { type: 'boolean', default: false, description: 'Refuse to send over an unencrypted connection.' },
        user: { type: 'string', minLength: 1 },
        password: { type: 'string', minLength: 1, 'x-secret': true },
        timeoutMs: { type: 'integer', minimum: 100, default: 10000 },
      },
    },
    from: { type: 'string', minLength: 3, description: 'Sender of every notice, e.g. "Acme Shop <orders@acme.example>".' },
    brands: {
      type: 'object',
      default: {},
      description: 'Brands by id: name, sender and template folder.',
      additionalProperties: {
        type: 'object',
        additionalProperties: false,
        required: ['name'],
        properties: {
          name: { type: 'string', minLength: 1 },
          from: { type: 'string', minLength: 3 },
          replyTo: { type: 'string', minLength: 3 },
          supportUrl: { type: 'string', format: 'uri' },
          templatesDir: { type: 'string', minLength: 1 },
        },
      },
    },
    brandBySource: { type: 'object', default: {}, additionalProperties: { type: 'string' }, description: 'Brand id per source instance.' },
    carriers: { type: 'object', default: {}, additionalProperties: { type: 'string', pattern: '\\{trackingNumber\\}' }, description: 'Tracking URL template per carrier (added to the built-in UPS, FedEx, USPS, DHL).' },
    locale: { type: 'string', default: 'en-US', description: 'Locale for money and dates.' },
    sendOptional: { type: 'boolean', default: true, description: 'Send the optional notices (changed, backordered, delivered) too.' },
  },
} as const;
