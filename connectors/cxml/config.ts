/**
 * Settings of a cXML instance, as JSON Schema (drives validation and docs) and the
 * matching TypeScript type: who we are on the buyers' network (`supplier`), and the
 * trading partners allowed to send orders, each with its shared secret and where its
 * status documents go.
 */

/** A cXML credential: an identity within a domain (`NetworkID`, `DUNS`, …). */
export interface CxmlIdentity {
  identity: string;
  domain: string;
}

export interface CxmlPartner extends CxmlIdentity {
  /** The secret both sides put in `Sender/Credential/SharedSecret` (from the environment). */
  sharedSecret: string;
  /** How people call the partner (logs, timeline). */
  name?: string;
  /** Where ConfirmationRequest and ShipNoticeRequest documents are POSTed; without it, nothing is sent back. */
  postUrl?: string;
  /** `deploymentMode` of the requests sent to this partner. */
  deploymentMode: 'production' | 'test';
}

export interface CxmlConfig {
  /** Our identity: `From` and `Sender` of the documents we send. */
  supplier: CxmlIdentity;
  partners: CxmlPartner[];
  /** No answer from a partner's postUrl within this is a transient failure. */
  timeoutMs: number;
}

const text = (description: string, maxLength = 200) => ({ type: 'string', minLength: 1, maxLength, description }) as const;

const identity = {
  identity: text('The identity as written in the credential, e.g. AN01000000087.'),
  domain: text('The credential domain, e.g. NetworkID or DUNS (compared without regard to case).', 100),
} as const;

export const configSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['supplier', 'partners'],
  properties: {
    supplier: {
      type: 'object',
      additionalProperties: false,
      required: ['identity', 'domain'],
      description: 'Our identity on the buyers\' network: From and Sender of the documents the hub sends.',
      properties: identity,
    },
    partners: {
      type: 'array',
      minItems: 1,
      description: 'The trading partners (buying organizations) allowed to send orders.',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['identity', 'domain', 'sharedSecret'],
        properties: {
          ...identity,
          sharedSecret: {
            type: 'string', minLength: 16, 'x-secret': true,
            description: 'Shared secret of the partner, as in Sender/Credential/SharedSecret (both ways).',
          },
          name: text('How people call the partner (logs, timeline).'),
          postUrl: {
            type: 'string', pattern: '^https?://', description: 'Where ConfirmationRequest and ShipNoticeRequest documents are POSTed.',
          },
          deploymentMode: { enum: ['production', 'test'], default: 'production', description: 'deploymentMode of the requests sent to the partner.' },
        },
      },
    },
    timeoutMs: { type: 'integer', minimum: 100, maximum: 120000, default: 10000, description: 'No answer from a postUrl within this is a transient failure.' },
  },
} as const;
