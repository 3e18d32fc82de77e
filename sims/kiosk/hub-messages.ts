/**
 * Reading what the hub sends a kiosk without trusting it: an upload reply (HTTP 200 body or
 * the fields of an MQTT receipt) and the JSON messages on the MQTT status topic. Anything
 * malformed comes back as an error text rather than a throw.
 */
import type { HubMessage, UploadReply, UploadResult } from './types.js';

type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `{ seq, outcome, ... }`, or `{ index, outcome: 'rejected', ... }` for an entry without a usable seq. */
function parseResult(value: unknown): UploadResult | undefined {
  if (!isObject(value) || typeof value['outcome'] !== 'string') return undefined;
  const seq = Number.isInteger(value['seq']) ? (value['seq'] as number) : undefined;
  const index = Number.isInteger(value['index']) ? (value['index'] as number) : undefined;
  if (seq === undefined && index === undefined) return undefined;
  const result: UploadResult = { outcome: value['outcome'] };
  if (seq !== undefined) result.seq = seq;
  if (index !== undefined) result.index = index;
  for (const field of ['confirmation', 'hubOrderId', 'state', 'reason', 'filedId'] as const) {
    if (typeof value[field] === 'string') result[field] = value[field];
  }
  return result;
}

/** `{ results: [{ seq, outcome, ... }], highestContiguous, device?, store? }` */
export function parseUploadReply(value: unknown): Parsed<UploadReply> {
  if (!isObject(value)) return { ok: false, error: 'the reply is not a JSON object' };
  const { results, highestContiguous } = value;
  if (!Array.isArray(results)) return { ok: false, error: 'the reply has no results array' };
  if (typeof highestContiguous !== 'number') return { ok: false, error: 'the reply has no highestContiguous' };
  const parsed: UploadResult[] = [];
  for (const entry of results) {
    const result = parseResult(entry);
    if (result === undefined) return { ok: false, error: `a result is not { seq or index, outcome }: ${JSON.stringify(entry).slice(0, 120)}` };
    parsed.push(result);
  }
  const reply: UploadReply = { results: parsed, highestContiguous };
  if (typeof value['device'] === 'string') reply.device = value['device'];
  if (typeof value['store'] === 'string') reply.store = value['store'];
  return { ok: true, value: reply };
}

/** One message of the status topic: a receipt, a refusal or a status change. */
export function parseHubMessage(text: string): Parsed<HubMessage> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, error: `not JSON: ${text.slice(0, 120)}` };
  }
  if (!isObject(value)) return { ok: false, error: 'not a JSON object' };
  switch (value['type']) {
    case 'receipt': {
      if (typeof value['nonce'] !== 'string') return { ok: false, error: 'a receipt without nonce' };
      const reply = parseUploadReply(value);
      if (!reply.ok) return reply;
      return { ok: true, value: { type: 'receipt', nonce: value['nonce'], results: reply.value.results, highestContiguous: reply.value.highestContiguous } };
    }
    case 'refused':
      if (typeof value['nonce'] !== 'string') return { ok: false, error: 'a refusal without nonce' };
      return {
        ok: true,
        value: { type: 'refused', nonce: value['nonce'], code: String(value['code'] ?? ''), detail: String(value['detail'] ?? '') },
      };
    case 'status':
      if (!Number.isInteger(value['seq']) || typeof value['confirmation'] !== 'string' || typeof value['state'] !== 'string') {
        return { ok: false, error: 'a status without seq, confirmation or state' };
      }
      return {
        ok: true,
        value: {
          type: 'status',
          seq: value['seq'] as number,
          confirmation: value['confirmation'],
          state: value['state'],
          version: typeof value['version'] === 'number' ? value['version'] : 0,
          occurredAt: typeof value['occurredAt'] === 'string' ? value['occurredAt'] : '',
        },
      };
    default:
      return { ok: false, error: `unknown message type ${JSON.stringify(value['type'])}` };
  }
}
