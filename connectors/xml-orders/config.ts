/**
 * Settings of an XML order intake instance, as JSON Schema (drives validation and
 * docs) and the matching TypeScript type.
 */
export interface XmlOrdersConfig {
  /** Shared secret of the sender's HMAC-SHA256 signature. */
  secret: string;
  /** Refuse requests whose timestamp is further than this from now. */
  toleranceSeconds: number;
}

export const configSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['secret'],
  properties: {
    secret: {
      type: 'string', minLength: 16, 'x-secret': true,
      description: 'Shared secret the sender signs each order with (hex HMAC-SHA256 of the body in X-Order-Signature).',
    },
    toleranceSeconds: {
      type: 'integer', minimum: 1, maximum: 86400, default: 300,
      description: 'Refuse orders whose X-Order-Timestamp is further than this from now.',
    },
  },
} as const;
