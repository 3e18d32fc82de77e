/** Settings of a legacy OMS reached by XML over HTTP ("OMS XML v1", see docs/protocols.md). */
export interface OmsXmlConfig {
  url: string;
  username?: string;
  password?: string;
  timeoutMs: number;
  callbackSecret?: string;
  statusPoll?: { intervalMs: number; pageSize: number };
}

export const configSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['url'],
  properties: {
    url: { type: 'string', format: 'uri', description: 'Base URL of the OMS; orders are POSTed to <url>/orders.' },
    username: { type: 'string', minLength: 1, description: 'Basic-auth user, when the OMS wants one.' },
    password: { type: 'string', minLength: 1, 'x-secret': true, description: 'Basic-auth password.' },
    timeoutMs: { type: 'integer', minimum: 100, default: 10000, description: 'Give up on an answer after this long (then retry).' },
    callbackSecret: { type: 'string', minLength: 16, 'x-secret': true, description: 'Secret the OMS signs status callbacks with (X-OMS-Signature).' },
    statusPoll: {
      type: 'object',
      additionalProperties: false,
      description: 'Poll <url>/status-feed for status updates instead of (or as well as) callbacks.',
      properties: {
        intervalMs: { type: 'integer', minimum: 100, default: 15000 },
        pageSize: { type: 'integer', minimum: 1, maximum: 1000, default: 100 },
      },
    },
  },
} as const;
