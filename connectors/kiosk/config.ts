/**
 * Settings of a kiosk channel instance, as JSON Schema (drives validation and docs) and
 * the matching TypeScript type. Devices themselves are registered on the hub (console
 * page Devices, or /api/devices), not here.
 */
export interface KioskMqttConfig {
  /** Broker URL, e.g. mqtt://127.0.0.1:1883 (mqtts:// for TLS). */
  url: string;
  username?: string;
  password?: string;
  /** The hub's client id: its persistent session on the broker. One API process per id. */
  clientId: string;
  /** Topics are `<prefix>/<store>/orders` (in) and `<prefix>/<store>/<device>/status` (out). */
  topicPrefix: string;
  /** Messages may wait on the broker while the hub is down: their timestamp may be this old. */
  toleranceSeconds: number;
}

export interface KioskConfig {
  /** Signed HTTP requests: the timestamp may be this far from the hub's clock. */
  toleranceSeconds: number;
  /** Most orders in one upload; a bigger batch is refused (413) and should be split. */
  maxOrdersPerBatch: number;
  /** Orders of one upload recorded at the same time. */
  concurrency: number;
  mqtt?: KioskMqttConfig;
}

export const configSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    toleranceSeconds: { type: 'integer', minimum: 1, maximum: 3600, default: 300, description: 'Refuse signed HTTP requests whose timestamp is further than this from now.' },
    maxOrdersPerBatch: { type: 'integer', minimum: 1, maximum: 2000, default: 500, description: 'Most orders in one upload (HTTP or MQTT).' },
    concurrency: { type: 'integer', minimum: 1, maximum: 64, default: 8, description: 'Orders of one upload recorded at the same time.' },
    mqtt: {
      type: 'object',
      additionalProperties: false,
      required: ['url'],
      description: 'Kiosks may publish their uploads to an MQTT broker instead (QoS 1); the hub subscribes with a persistent session and answers on each device\'s status topic.',
      properties: {
        url: { type: 'string', pattern: '^mqtts?://', description: 'Broker URL, e.g. mqtt://127.0.0.1:1883.' },
        username: { type: 'string', description: 'User name at the broker.' },
        password: { type: 'string', 'x-secret': true, description: 'Password at the broker (from the environment).' },
        clientId: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,64}$', default: 'order-hub', description: 'The hub\'s client id: its persistent session. Run the listener in one API process per id.' },
        topicPrefix: { type: 'string', pattern: '^[A-Za-z0-9_-]+(/[A-Za-z0-9_-]+)*$', default: 'kiosks', description: 'Uploads on <prefix>/<store>/orders; answers and status on <prefix>/<store>/<device>/status.' },
        toleranceSeconds: { type: 'integer', minimum: 60, maximum: 2592000, default: 604800, description: 'How old a message\'s signature may be: messages wait on the broker while the hub is down.' },
      },
    },
  },
} as const;
