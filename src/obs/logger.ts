/**
 * The hub's logger: pino with structured fields (`orderId`, `connector`, `stage`),
 * known personal and secret fields removed, and every remaining string scrubbed of
 * e-mails, phone numbers and card numbers.
 */
import { pino, type Logger } from 'pino';
import { scrubText, scrubValue } from './scrub.js';

export type { Logger } from 'pino';

export const REDACTED_PATHS = [
  'customer', 'billTo', 'shipTo', 'email', 'phone', 'address',
  '*.customer', '*.billTo', '*.shipTo', '*.email', '*.phone', '*.address',
  'password', 'secret', 'token', 'authorization', 'apiToken', 'settings',
  '*.password', '*.secret', '*.token', '*.authorization', '*.apiToken', '*.settings',
  'headers.authorization', 'headers.cookie', 'req.headers.authorization', 'req.headers.cookie',
];

export interface LoggerOptions {
  level?: string;
  name?: string;
  destination?: pino.DestinationStream;
}

export function createLogger(options: LoggerOptions = {}): Logger {
  return pino(
    {
      name: options.name ?? 'hub',
      level: options.level ?? process.env.LOG_LEVEL ?? 'info',
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      formatters: {
        log: (object) => scrubValue(object) as Record<string, unknown>,
      },
      hooks: {
        logMethod(args, method) {
          const scrubbed = args.map((a) => (typeof a === 'string' ? scrubText(a) : a)) as Parameters<typeof method>;
          method.apply(this, scrubbed);
        },
      },
      serializers: {
        err: (error: Error & { code?: string; kind?: string }) => ({
          type: error.name, message: scrubText(error.message), code: error.code, kind: error.kind,
        }),
      },
    },
    options.destination,
  );
}
