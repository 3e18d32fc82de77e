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

/** Field names removed wherever they appear (pino's redact paths only reach two levels). */
const REDACTED_KEYS = new Set(REDACTED_PATHS.map((path) => path.split('.').pop()!));

function redactKeys(value: unknown, depth = 0): unknown {
  if (value === null || typeof value !== 'object' || value instanceof Error || depth > 8) return value;
  if (Array.isArray(value)) return value.map((v) => redactKeys(v, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([k, v]) =>
    [k, REDACTED_KEYS.has(k) ? '[redacted]' : redactKeys(v, depth + 1)]));
}

function clean(object: Record<string, unknown>): Record<string, unknown> {
  const top = Object.fromEntries(Object.entries(object).map(([k, v]) => [k, redactKeys(v)]));
  return scrubValue(top) as Record<string, unknown>;
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const logger = pino(
    {
      name: options.name ?? 'hub',
      level: options.level ?? process.env.LOG_LEVEL ?? 'info',
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      formatters: {
        // Runs before the serializers: errors arrive at `err` already scrubbed as plain objects.
        log: clean,
      },
      hooks: {
        logMethod(args, method) {
          // The first argument goes through formatters.log; later ones are values for %s/%j/%o.
          const scrubbed = args.map((a, i) => (typeof a === 'string' ? scrubText(a)
            : i > 0 && typeof a === 'object' && a !== null ? scrubValue(redactKeys(a)) : a)) as Parameters<typeof method>;
          const first = args[0] as { err?: unknown; msg?: unknown } | undefined;
          if (args.length === 1 && typeof first === 'object' && first !== null) {
            // pino would use the error's own (unscrubbed) message as the log message.
            const error = first instanceof Error ? first : first.msg === undefined ? first.err : undefined;
            if (error instanceof Error) (scrubbed as unknown[]).push(scrubText(error.message));
          }
          method.apply(this, scrubbed);
        },
      },
      serializers: {
        err: (error: unknown) => {
          if (typeof error !== 'object' || error === null) return scrubText(String(error));
          const e = error as { type?: unknown; name?: unknown; message?: unknown; code?: unknown; kind?: unknown };
          return { type: e.type ?? e.name, message: scrubText(String(e.message ?? '')), code: e.code, kind: e.kind };
        },
      },
    },
    options.destination,
  );
  // Child bindings skip formatters.log (and pino resets formatters.bindings for children):
  // clean them here. Children inherit this method, so grandchildren are covered too.
  const child = logger.child;
  logger.child = function cleanChild(this: Logger, bindings: Record<string, unknown>, childOptions?: unknown) {
    return child.call(this, clean(bindings), childOptions as Parameters<typeof child>[1]);
  } as typeof child;
  return logger;
}
