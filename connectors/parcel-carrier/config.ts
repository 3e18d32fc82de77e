/**
 * Settings of a parcel carrier instance ("ParcelCo" REST API), as JSON Schema (drives
 * validation and docs) and the matching TypeScript type. The sender address is the
 * instance's own: a booking that names no `shipFrom` ships from it.
 */
export interface CarrierAddress {
  name: string;
  line1: string;
  line2?: string;
  city: string;
  region?: string;
  postalCode: string;
  /** ISO 3166-1 alpha-2, upper case. */
  country: string;
}

export interface TrackingSchedule {
  everyMs: number;
  maxEveryMs: number;
  tickMs: number;
  batchSize: number;
}

export interface ParcelCarrierConfig {
  url: string;
  apiKey: string;
  /** Without it, webhooks are refused (401) and parcels are followed by polling only. */
  webhookSecret?: string;
  toleranceSeconds: number;
  /** The carrier's name as the hub shows it, and its key in the hub's `carriers`. */
  carrierName: string;
  shipFrom: CarrierAddress;
  defaultService: string;
  timeoutMs: number;
  tracking: TrackingSchedule;
}

const addressSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['name', 'line1', 'city', 'postalCode', 'country'],
  properties: {
    name: { type: 'string', minLength: 1 },
    line1: { type: 'string', minLength: 1 },
    line2: { type: 'string' },
    city: { type: 'string', minLength: 1 },
    region: { type: 'string' },
    postalCode: { type: 'string', minLength: 1 },
    country: { type: 'string', pattern: '^[A-Z]{2}$', description: 'ISO 3166-1 alpha-2, in capitals.' },
  },
} as const;

export const configSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['url', 'apiKey', 'shipFrom'],
  properties: {
    url: { type: 'string', format: 'uri', description: 'Base URL of the carrier API; it lives under <url>/v1.' },
    apiKey: { type: 'string', minLength: 8, 'x-secret': true, description: 'API key, sent as Authorization: Bearer.' },
    webhookSecret: {
      type: 'string', minLength: 16, 'x-secret': true,
      description: 'Secret the carrier signs tracking webhooks with (ParcelCo-Signature). Without it webhooks are refused and parcels are followed by polling only.',
    },
    toleranceSeconds: {
      type: 'integer', minimum: 1, maximum: 86400, default: 300,
      description: 'Refuse webhooks whose signature timestamp is further than this from now.',
    },
    carrierName: {
      type: 'string', minLength: 1, default: 'ParcelCo',
      description: 'The carrier\'s name as the hub shows it on shipments, and its key in the hub\'s carriers setting.',
    },
    shipFrom: { ...addressSchema, description: 'Sender address of bookings that name none (the warehouse or store).' },
    defaultService: { type: 'string', minLength: 1, default: 'GROUND', description: 'Service of bookings that name none (GROUND, EXPRESS, OVERNIGHT).' },
    timeoutMs: { type: 'integer', minimum: 100, default: 10000, description: 'Give up on an answer after this long (then retry with the same idempotency key).' },
    tracking: {
      type: 'object',
      additionalProperties: false,
      default: {},
      description: 'How the hub follows parcels by asking the carrier.',
      properties: {
        everyMs: { type: 'integer', minimum: 100, default: 900000, description: 'Ask about a parcel this long after news of it.' },
        maxEveryMs: { type: 'integer', minimum: 100, default: 43200000, description: 'The wait doubles after each quiet look, up to this.' },
        tickMs: { type: 'integer', minimum: 20, default: 60000, description: 'How often the hub looks for parcels that are due.' },
        batchSize: { type: 'integer', minimum: 1, maximum: 50, default: 50, description: 'Tracking numbers per call (the carrier takes at most 50).' },
      },
    },
  },
} as const;

export const DEFAULTS = {
  toleranceSeconds: 300,
  carrierName: 'ParcelCo',
  defaultService: 'GROUND',
  timeoutMs: 10_000,
  tracking: { everyMs: 900_000, maxEveryMs: 43_200_000, tickMs: 60_000, batchSize: 50 },
} as const;

/**
 * The settings with every default filled in. The hub validates settings (which fills
 * defaults) before `create`; this also holds for settings that were not validated.
 */
export function withDefaults(config: ParcelCarrierConfig): ParcelCarrierConfig {
  const given: Partial<ParcelCarrierConfig> = config;
  return {
    ...config,
    toleranceSeconds: given.toleranceSeconds ?? DEFAULTS.toleranceSeconds,
    carrierName: given.carrierName ?? DEFAULTS.carrierName,
    defaultService: given.defaultService ?? DEFAULTS.defaultService,
    timeoutMs: given.timeoutMs ?? DEFAULTS.timeoutMs,
    tracking: { ...DEFAULTS.tracking, ...given.tracking },
  };
}
