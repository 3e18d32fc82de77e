/**
 * JSON Schema of the top-level `alerts` section of the hub configuration, as data:
 * config-schema.ts embeds it. Each rule kind names its own fields (with defaults) in
 * an if/then branch, so a mistyped field is reported against the rule that has it.
 * A webhook secret can only be written `{ env: NAME }`.
 */
const ruleId = { type: 'string', pattern: '^[a-z0-9][a-z0-9_-]{0,62}$' } as const;
const durationMs = { type: 'integer', minimum: 1 } as const;

/** The fields a rule of `kind` may have besides `id` and `kind`, and the ones it must have. */
function ruleKind(kind: string, required: string[], properties: Record<string, unknown>) {
  return {
    if: { properties: { kind: { const: kind } } },
    then: { additionalProperties: false, required, properties: { id: true, kind: true, ...properties } },
  };
}

export const ALERT_RULE_KINDS = ['queue_age', 'failure_rate', 'circuit_open', 'order_stuck', 'dead_letters', 'ack_overdue'] as const;
export const STUCK_STATES = ['accepted', 'needs_review'] as const;

const rule = {
  type: 'object',
  required: ['id', 'kind'],
  properties: { id: ruleId, kind: { enum: ALERT_RULE_KINDS } },
  allOf: [
    ruleKind('queue_age', ['queue', 'olderThanMs'], {
      queue: { type: 'string', description: 'queue name, e.g. deliver-oms-main' },
      olderThanMs: { ...durationMs, description: 'fires when the oldest waiting job is older than this' },
    }),
    ruleKind('failure_rate', ['target', 'above'], {
      target: { type: 'string', description: 'target instance id' },
      above: { type: 'number', minimum: 0, maximum: 1, description: 'fires when failed / attempts is above this share' },
      windowMs: { type: 'integer', minimum: 60000, maximum: 21600000, default: 900000, description: 'sliding window, whole minutes, at most 6 h' },
      minAttempts: { type: 'integer', minimum: 1, default: 10, description: 'no alert on fewer attempts than this in the window' },
    }),
    ruleKind('circuit_open', [], {
      target: { type: 'string', description: 'one target; any target when left out' },
    }),
    ruleKind('order_stuck', ['state', 'longerThanMs'], {
      state: { enum: STUCK_STATES, description: 'accepted: pending delivery jobs; needs_review: the review queue' },
      longerThanMs: durationMs,
    }),
    ruleKind('dead_letters', [], {
      instance: { type: 'string', description: 'one instance (hub for normalize); all when left out' },
      above: { type: 'integer', minimum: 0, default: 0, description: 'fires when there are more dead letters than this' },
    }),
    ruleKind('ack_overdue', [], {
      instance: { type: 'string', description: 'one instance (an X12 connector); all when left out' },
    }),
  ],
} as const;

export const alertsSchema = {
  type: 'object',
  additionalProperties: false,
  default: {},
  properties: {
    evaluateEveryMs: { type: 'integer', minimum: 100, default: 15000, description: 'how often the rules are evaluated (once across all worker processes)' },
    repeatAfterMs: { type: 'integer', minimum: 1000, default: 3600000, description: 'a firing alert is re-sent at most this often' },
    timeoutMs: { type: 'integer', minimum: 100, maximum: 60000, default: 5000, description: 'timeout of one webhook POST' },
    webhooks: {
      type: 'array',
      default: [],
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['url'],
        properties: {
          url: { type: 'string', pattern: '^https?://' },
          secret: { $ref: '#/$defs/envRef', description: 'signs X-Hub-Signature-256 like status callbacks; { env: NAME } only' },
        },
      },
    },
    rules: { type: 'array', default: [], items: rule },
  },
} as const;
