/**
 * JSON Schema (draft 2020-12) of the canonical order, version 1.
 * Compiled once by ajv in ./validate.ts. Closed objects (no unknown fields)
 * so a typo in a mapping file is caught instead of silently carried along.
 */
import { CANONICAL_SCHEMA_ID, CHANNELS } from './order.js';

const money = { type: 'integer', minimum: 0 } as const;
const signedMoney = { type: 'integer' } as const;
const text = (max = 200) => ({ type: 'string', minLength: 1, maxLength: max }) as const;

const address = {
  type: 'object',
  additionalProperties: false,
  required: ['line1', 'city', 'country'],
  properties: {
    name: text(),
    company: text(),
    line1: text(),
    line2: text(),
    city: text(100),
    region: text(100),
    postalCode: { type: 'string', minLength: 1, maxLength: 20 },
    country: { type: 'string', pattern: '^[A-Z]{2}$' },
    phone: { $ref: '#/$defs/e164' },
  },
} as const;

export const orderSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: `urn:order-hub:${CANONICAL_SCHEMA_ID}`,
  title: 'Canonical order',
  type: 'object',
  additionalProperties: false,
  required: [
    'schemaVersion', 'hubOrderId', 'confirmation', 'channel', 'source', 'externalId',
    'placedAt', 'currency', 'customer', 'lines', 'totals', 'provenance',
  ],
  $defs: {
    e164: { type: 'string', pattern: '^\\+[1-9][0-9]{6,14}$' },
    address,
  },
  properties: {
    schemaVersion: { const: 1 },
    hubOrderId: { type: 'string', pattern: '^[0-9A-HJKMNP-TV-Z]{26}$' },
    confirmation: { type: 'string', pattern: '^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{5}$' },
    channel: { enum: [...CHANNELS] },
    source: text(100),
    externalId: text(100),
    sourceDocument: text(200),
    placedAt: { type: 'string', format: 'date-time' },
    currency: { type: 'string', pattern: '^[A-Z]{3}$' },
    customer: {
      type: 'object',
      additionalProperties: false,
      properties: {
        id: text(100),
        accountNumber: text(100),
        name: text(),
        email: { type: 'string', format: 'email', maxLength: 254 },
        phone: { $ref: '#/$defs/e164' },
        notices: { enum: ['all', 'essential'], description: 'essential: the customer opted out of optional notices (changed, backordered, delivered).' },
      },
    },
    billTo: { $ref: '#/$defs/address' },
    shipTo: { $ref: '#/$defs/address' },
    lines: {
      type: 'array',
      minItems: 1,
      maxItems: 1000,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['lineId', 'sku', 'quantity', 'unitPrice'],
        properties: {
          lineId: text(50),
          sku: text(100),
          description: text(500),
          quantity: { type: 'integer', minimum: 1, maximum: 1000000 },
          unitPrice: money,
          discount: money,
          tax: money,
          options: { type: 'object', additionalProperties: { type: 'string', maxLength: 200 } },
          warehouse: text(50),
        },
      },
    },
    totals: {
      type: 'object',
      additionalProperties: false,
      required: ['subtotal', 'shipping', 'tax', 'discount', 'grandTotal'],
      properties: {
        subtotal: money,
        shipping: money,
        tax: money,
        discount: money,
        grandTotal: signedMoney,
      },
    },
    payment: {
      type: 'object',
      additionalProperties: false,
      required: ['method'],
      properties: {
        method: text(50),
        token: text(200),
        lastFour: { type: 'string', pattern: '^[0-9]{4}$' },
        authorizedAmount: money,
      },
    },
    fulfilment: {
      type: 'object',
      additionalProperties: false,
      required: ['method'],
      properties: {
        method: { enum: ['ship', 'pickup', 'delivery'] },
        serviceLevel: text(50),
        requestedDate: { type: 'string', format: 'date' },
        pickupStore: text(50),
        warehouse: text(50),
      },
    },
    notes: { type: 'string', maxLength: 2000 },
    provenance: {
      type: 'object',
      additionalProperties: false,
      required: ['rawRef', 'mappingId', 'mappingVersion'],
      properties: {
        rawRef: text(),
        mappingId: text(),
        mappingVersion: text(50),
        confidence: { type: 'object', additionalProperties: { type: 'number', minimum: 0, maximum: 1 } },
      },
    },
  },
} as const;
