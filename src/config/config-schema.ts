/**
 * JSON Schema of the hub configuration file (YAML or JSON). Secrets are never
 * literal: they are written `{ env: NAME }` and read from the environment at start.
 * Every default is declared here, so the file a person writes can stay short.
 */
import { alertsSchema } from '../alerts/alerts-schema.js';

const envRef = {
  type: 'object',
  additionalProperties: false,
  required: ['env'],
  properties: { env: { type: 'string', pattern: '^[A-Z_][A-Z0-9_]*$' }, default: { type: 'string' } },
} as const;

const stringOrEnv = { anyOf: [{ type: 'string' }, envRef] } as const;

const retry = {
  type: 'object',
  additionalProperties: false,
  properties: {
    attempts: { type: 'integer', minimum: 1, maximum: 100, default: 8 },
    baseDelayMs: { type: 'integer', minimum: 1, default: 1000 },
    maxDelayMs: { type: 'integer', minimum: 1, default: 300000 },
  },
} as const;

/** An instance's retry overrides only what it names; the rest comes from the top-level `retry`. */
const instanceRetry = {
  type: 'object',
  additionalProperties: false,
  properties: {
    attempts: { type: 'integer', minimum: 1, maximum: 100 },
    baseDelayMs: { type: 'integer', minimum: 1 },
    maxDelayMs: { type: 'integer', minimum: 1 },
  },
} as const;

const condition = {
  type: 'object',
  additionalProperties: false,
  required: ['path'],
  properties: { path: { type: 'string', pattern: '^/' }, equals: {}, in: { type: 'array' }, exists: { type: 'boolean' } },
} as const;

export const configSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  title: 'Order hub configuration',
  type: 'object',
  additionalProperties: false,
  required: ['instances'],
  $defs: { envRef },
  properties: {
    redis: {
      type: 'object',
      additionalProperties: false,
      default: {},
      properties: {
        url: { ...stringOrEnv, default: { env: 'REDIS_URL', default: 'redis://127.0.0.1:6379' } },
        prefix: { type: 'string', pattern: '^[a-zA-Z0-9_{}-]+$', default: 'hub' },
        durability: { enum: ['require', 'warn'], default: 'require' },
        commandTimeoutMs: { type: 'integer', minimum: 100, default: 2000 },
      },
    },
    http: {
      type: 'object',
      additionalProperties: false,
      default: {},
      properties: {
        host: { ...stringOrEnv, default: '127.0.0.1' },
        port: { anyOf: [{ type: 'integer', minimum: 0, maximum: 65535 }, envRef], default: 8080 },
        bodyLimitBytes: { type: 'integer', minimum: 1024, default: 1048576 },
        secureCookies: { type: 'boolean', default: false, description: 'mark the session cookie Secure (set it when the hub is reached over HTTPS)' },
      },
    },
    workers: {
      type: 'object',
      additionalProperties: false,
      default: {},
      properties: {
        normalizeConcurrency: { type: 'integer', minimum: 1, default: 8 },
        lockDurationMs: { type: 'integer', minimum: 500, default: 30000 },
        stalledIntervalMs: { type: 'integer', minimum: 500, default: 30000 },
      },
    },
    retry: { ...retry, default: {} },
    retention: {
      type: 'object',
      additionalProperties: false,
      default: {},
      properties: {
        dedupDays: { type: 'integer', minimum: 1, default: 30, description: 'Days a dedup key is remembered: the same order seen again within them is a duplicate.' },
        orderDays: {
          type: 'number', exclusiveMinimum: 0, default: 90,
          description: 'Days a finished order (delivered, cancelled, rejected, refunded) is kept, with its raw bytes, timeline and indexes.',
        },
      },
    },
    inventory: {
      type: 'object',
      additionalProperties: false,
      default: {},
      description: 'The inventory view the OMS feeds (stock per SKU and DC) and what to offer instead of what is out of stock.',
      properties: {
        substitutions: { type: 'string', description: 'CSV file: sku, alternatives (separated by spaces or semicolons, best first); relative to this file.' },
        catalog: { type: 'string', description: 'CSV file: sku, description, unit_price (decimal), currency: the prices the agent desk offers items at; relative to this file.' },
        checkAtCapture: { type: 'boolean', default: false, description: 'Mark the units of an accepted order that no DC can fill now as backordered, with the restock date, before the order is acknowledged (one Redis round trip per order).' },
        boughtTogether: {
          type: 'object', additionalProperties: false, default: {},
          description: 'Suggestions of items often bought together, counted from the hub\'s own accepted orders (GET /api/suggestions).',
          properties: {
            minOrders: { type: 'integer', minimum: 1, default: 2, description: 'Orders that had both items, at least, before one is suggested with the other.' },
            limit: { type: 'integer', minimum: 0, maximum: 50, default: 5, description: 'Suggestions at most per question.' },
            discount: {
              type: 'object', additionalProperties: false, required: ['percent'],
              description: 'An optional discount on suggested items, e.g. 10 % off the matching scarf.',
              properties: {
                percent: { type: 'number', exclusiveMinimum: 0, maximum: 100 },
                minOrders: { type: 'integer', minimum: 1, description: 'Orders with both needed for the discount; default: every suggestion.' },
                code: { type: 'string', minLength: 1, maxLength: 40, description: 'Promotion code the channel applies with the discount.' },
              },
            },
          },
        },
      },
    },
    carriers: {
      type: 'object',
      default: {},
      description: 'Which carrier instance follows the parcels of each carrier (as the OMS names it, or as recognised from the tracking number): carrier name → instance with the track role.',
      additionalProperties: { type: 'string' },
    },
    devices: {
      type: 'object',
      additionalProperties: false,
      default: {},
      description: 'Registered devices (in-store kiosks) that sign their requests with keys the hub issues.',
      properties: {
        keySecret: {
          ...stringOrEnv, 'x-secret': true,
          description: 'The hub\'s secret that every device key is derived from (at least 32 characters, from the environment). Without it no device can be registered or sign.',
        },
        overlapSeconds: {
          type: 'integer', minimum: 0, maximum: 2592000, default: 86400,
          description: 'After a key rotation, how long the device\'s previous key keeps working.',
        },
      },
    },
    payments: {
      type: 'object',
      additionalProperties: false,
      default: {},
      description: 'Card payments by token: the hub authorizes what can ship now, the rest when it becomes available, releases what is cancelled and captures what ships.',
      properties: {
        gateway: { type: 'string', description: 'Instance (a connector with the payment role, e.g. payment-gateway) that authorizes orders carrying a payment token.' },
      },
    },
    notifications: {
      type: 'object',
      additionalProperties: false,
      default: {},
      properties: {
        customer: {
          type: 'string',
          description: 'Instance (a connector with the notify role, e.g. customer-email) that tells every customer of every channel about their order.',
        },
      },
    },
    routing: {
      type: 'object',
      additionalProperties: false,
      default: {},
      properties: {
        default: { type: 'string' },
        rules: {
          type: 'array',
          default: [],
          items: {
            type: 'object', additionalProperties: false, required: ['when', 'target'],
            properties: { when: condition, target: { type: 'string' } },
          },
        },
        warehouses: {
          type: 'object', additionalProperties: false, required: ['dcs'],
          description: 'Pick the distribution centre of each order: the nearest (by postal-code coordinates) that can fill the whole order, else split by line when allowed, else the one that fills most. The decision and its reason go on the timeline.',
          properties: {
            dcs: {
              type: 'array', minItems: 1,
              items: {
                type: 'object', additionalProperties: false, required: ['id', 'postalCode', 'country'],
                properties: {
                  id: { type: 'string', minLength: 1, maxLength: 50, description: 'The DC as the OMS names it in its stock feed.' },
                  postalCode: { type: 'string', minLength: 1, maxLength: 20 },
                  country: { type: 'string', pattern: '^[A-Z]{2}$' },
                  target: { type: 'string', description: 'Target instance (OMS) that serves this DC; default: the order\'s route.' },
                },
              },
            },
            split: { type: 'boolean', default: false, description: 'May one order\'s lines ship from different DCs (of the same target)?' },
            coordinates: { type: 'string', description: 'CSV country,prefix,lat,lon,place (default: the data/postal-coordinates.csv the project ships); relative to this file.' },
          },
        },
        stores: {
          type: 'array', default: [],
          description: 'Stores where customers collect pickup orders: a pickup order for a listed store is placed there (its units come from the store\'s stock, which the OMS reports with the store id as dc) and goes to the store\'s target.',
          items: {
            type: 'object', additionalProperties: false, required: ['id', 'postalCode', 'country'],
            properties: {
              id: { type: 'string', minLength: 1, maxLength: 50, description: 'The store as orders name it (fulfilment.pickupStore) and as the OMS names it in its stock feed.' },
              name: { type: 'string', minLength: 1, maxLength: 100, description: 'What customers call it, e.g. Leeds Briggate.' },
              postalCode: { type: 'string', minLength: 1, maxLength: 20 },
              country: { type: 'string', pattern: '^[A-Z]{2}$' },
              target: { type: 'string', description: 'Target instance (OMS) that serves this store; default: the order\'s route.' },
            },
          },
        },
      },
    },
    instances: {
      type: 'object',
      minProperties: 1,
      propertyNames: { pattern: '^[a-z0-9][a-z0-9-]{0,62}$' },
      additionalProperties: {
        type: 'object',
        additionalProperties: false,
        required: ['connector'],
        properties: {
          connector: { type: 'string' },
          channel: { enum: ['web', 'phone', 'fax', 'mail', 'kiosk', 'edi', 'api'] },
          settings: { type: 'object', default: {} },
          mappings: {
            type: 'object', additionalProperties: false, default: {},
            properties: {
              inbound: { type: 'string' },
              outbound: { type: 'string' },
              changes: { type: 'string', description: 'render mapping for change requests forwarded to this target (input: the change request with the order)' },
              status: { type: 'string', description: 'mapping from what a status source reports (a carrier\'s tracking event) to canonical fields; the connector applies it' },
              files: { type: 'object', description: 'file-name pattern → parse mapping, for files the instance reads', additionalProperties: { type: 'string' } },
              forms: {
                type: 'object', additionalProperties: { type: 'string' },
                description: 'form → inbound mapping, for channels that carry several forms of order (an e-mail\'s CSV or XML attachment): the connector names the form of each order',
                propertyNames: { pattern: '^[a-z][a-z0-9-]*$' },
              },
            },
          },
          route: { type: 'string' },
          notify: { type: 'boolean', default: true },
          retry: instanceRetry,
          breaker: {
            type: 'object', additionalProperties: false, default: {},
            properties: {
              failureThreshold: { type: 'integer', minimum: 1, default: 5 },
              cooldownMs: { type: 'integer', minimum: 100, default: 10000 },
              maxCooldownMs: { type: 'integer', minimum: 100, default: 300000 },
            },
          },
          concurrency: { type: 'integer', minimum: 1, default: 16 },
        },
      },
    },
    alerts: alertsSchema,
  },
} as const;
