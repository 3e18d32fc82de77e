/** Reading the hub's MQTT status-topic messages and upload replies, malformed ones included. */
import { describe, expect, it } from 'vitest';
import { parseHubMessage, parseUploadReply } from './hub-messages.js';

describe('hub messages', () => {
  it('reads receipts, refusals and status changes', () => {
    expect(parseHubMessage(JSON.stringify({ type: 'receipt', nonce: 'n1', results: [{ seq: 1, outcome: 'captured', confirmation: 'KC-1', extra: 1 }], highestContiguous: 1 })))
      .toEqual({ ok: true, value: { type: 'receipt', nonce: 'n1', results: [{ seq: 1, outcome: 'captured', confirmation: 'KC-1' }], highestContiguous: 1 } });
    expect(parseHubMessage(JSON.stringify({ type: 'refused', nonce: 'n2', code: 'BAD_SIGNATURE', detail: 'no' })))
      .toEqual({ ok: true, value: { type: 'refused', nonce: 'n2', code: 'BAD_SIGNATURE', detail: 'no' } });
    expect(parseHubMessage(JSON.stringify({ type: 'status', seq: 3, confirmation: 'KC-3', state: 'shipped', version: 4, occurredAt: '2026-12-06T10:00:00Z' })))
      .toEqual({ ok: true, value: { type: 'status', seq: 3, confirmation: 'KC-3', state: 'shipped', version: 4, occurredAt: '2026-12-06T10:00:00Z' } });
  });

  it('reads a rejected entry the hub names by index (no usable seq)', () => {
    expect(parseUploadReply({ results: [{ index: 3, outcome: 'rejected', reason: '"seq" must be …', filedId: 'f-9' }], highestContiguous: 2 }))
      .toEqual({ ok: true, value: { results: [{ index: 3, outcome: 'rejected', reason: '"seq" must be …', filedId: 'f-9' }], highestContiguous: 2 } });
  });

  it('turns malformed messages into errors, not throws', () => {
    expect(parseHubMessage('not json').ok).toBe(false);
    expect(parseHubMessage('[]').ok).toBe(false);
    expect(parseHubMessage(JSON.stringify({ type: 'hello' })).ok).toBe(false);
    expect(parseHubMessage(JSON.stringify({ type: 'receipt', results: [], highestContiguous: 0 })).ok).toBe(false);
    expect(parseHubMessage(JSON.stringify({ type: 'status', seq: 'x', confirmation: 'KC', state: 's' })).ok).toBe(false);
    expect(parseUploadReply({ results: [{ seq: 1 }], highestContiguous: 0 }).ok).toBe(false);
    expect(parseUploadReply({ results: [{ outcome: 'rejected' }], highestContiguous: 0 }).ok).toBe(false);
    expect(parseUploadReply({ results: [] }).ok).toBe(false);
  });
});
