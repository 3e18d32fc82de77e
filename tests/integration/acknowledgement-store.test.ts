/**
 * Control numbers and awaited acknowledgements against a real Redis (the hub's own
 * script and store on a throw-away redis-server):
 * - a document key keeps its control number; a new key takes the next; series wrap at max
 * - two workers allocating for the same document at once get the same number
 * - a sent document waits once, whatever the resends, with its first due time
 * - its acknowledgement settles it once (a re-read acknowledgement is a duplicate) and
 *   goes on the order's timeline, saying when it came after its due time
 * - an acknowledgement nobody waits for is unknown; overdue ones are listed, and the
 *   ack_overdue alert fires on them with the partner, the document and the order
 * - a dismissed document leaves the list, and its record past the retention leaves it too
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { evaluateRule } from '../../src/alerts/evaluate.js';
import { AcknowledgementStore } from '../../src/store/acknowledgement-store.js';
import { defineHubCommands, type HubRedis } from '../../src/store/connection.js';
import { ControlNumberStore } from '../../src/store/control-numbers.js';
import { Keys } from '../../src/store/keys.js';
import { startRedis, type TestRedis } from '../support/redis.js';

let server: TestRedis;
let redis: HubRedis;
let keys: Keys;
let numbers: ControlNumberStore;
let acks: AcknowledgementStore;

const ORDER = '01JDK3X0000000000000000001';
const HOUR = 3_600_000;

beforeAll(async () => {
  server = await startRedis();
  redis = defineHubCommands(server.client());
}, 15_000);

afterAll(async () => {
  await server?.stop();
}, 15_000);

beforeEach(() => {
  keys = new Keys(`t${randomUUID().slice(0, 8)}`);
  numbers = new ControlNumberStore(redis, keys, 3600);
  acks = new AcknowledgementStore(redis, keys, 3600);
});

function awaited(key: string, dueAt: number, hubOrderId: string | undefined = ORDER) {
  return { key, partner: 'Acme Industrial', document: `855 PO acknowledgement, group ${key.split(':')[1]}`, dueAt: new Date(dueAt).toISOString(), ...(hubOrderId ? { hubOrderId } : {}) };
}

async function timeline(id: string): Promise<Array<{ summary: string; detail?: Record<string, unknown> }>> {
  return (await redis.lrange(keys.timeline(id), 0, -1)).map((t) => JSON.parse(t));
}

describe('control numbers', () => {
  it('gives a document the same number every time, a new document the next, per series', async () => {
    const partner = numbers.forInstance('edi');
    expect(await partner.allocate('acme', 'notice-1:855')).toBe(1);
    expect(await partner.allocate('acme', 'notice-2:856')).toBe(2);
    expect(await partner.allocate('acme', 'notice-1:855')).toBe(1);
    expect(await partner.allocate('globex', 'notice-1:855')).toBe(1);
    expect(await numbers.forInstance('edi-2').allocate('acme', 'notice-9:855')).toBe(1);
  });

  it('wraps from the maximum back to 1', async () => {
    const partner = numbers.forInstance('edi');
    const got = [];
    for (let i = 0; i < 5; i += 1) got.push(await partner.allocate('small', `doc-${i}`, { max: 3 }));
    expect(got).toEqual([1, 2, 3, 1, 2]);
  });

  it('gives two workers sending the same document at once one number', async () => {
    const partner = numbers.forInstance('edi');
    const got = await Promise.all(Array.from({ length: 20 }, () => partner.allocate('acme', 'notice-7:810')));
    expect(new Set(got).size).toBe(1);
    expect(await partner.allocate('acme', 'notice-8:810')).toBe(got[0]! + 1);
  });
});

describe('awaited acknowledgements', () => {
  it('waits once per document, keeping its first due time, and settles it once on the timeline', async () => {
    const now = Date.now();
    await acks.expect('edi', awaited('acme:1042', now + HOUR));
    await acks.expect('edi', awaited('acme:1042', now + 5 * HOUR));
    const waiting = await acks.awaiting();
    expect(waiting).toHaveLength(1);
    expect(waiting[0]).toMatchObject({ instance: 'edi', key: 'acme:1042', state: 'awaiting', dueAt: new Date(now + HOUR).toISOString() });

    const first = await acks.settle('edi', 'acme:1042', { verdict: 'accepted', detail: 'AK9 A 1 of 1' });
    expect(first).toMatchObject({ known: true, duplicate: false });
    const again = await acks.settle('edi', 'acme:1042', { verdict: 'accepted', detail: 'AK9 A 1 of 1' });
    expect(again).toMatchObject({ known: true, duplicate: true });
    expect(await acks.awaiting()).toEqual([]);
    expect(await acks.get('edi', 'acme:1042')).toMatchObject({ state: 'accepted', detail: 'AK9 A 1 of 1' });
    const entries = await timeline(ORDER);
    expect(entries.map((e) => e.summary)).toEqual(['Acme Industrial acknowledged 855 PO acknowledgement, group 1042: accepted']);
  });

  it('knows nothing of an acknowledgement nobody waits for, and says when one came late', async () => {
    expect(await acks.settle('edi', 'acme:9999', { verdict: 'accepted', detail: '' })).toEqual({ known: false, duplicate: false });
    await acks.expect('edi', awaited('acme:7', Date.now() - HOUR));
    await acks.settle('edi', 'acme:7', { verdict: 'rejected', detail: 'AK9 R, AK5 R 5' });
    expect((await timeline(ORDER)).at(-1)!.summary).toBe('Acme Industrial acknowledged 855 PO acknowledgement, group 7: rejected (after its due time)');
  });

  it('lists the overdue ones and fires ack_overdue with the partner, the document and the order', async () => {
    const now = Date.now();
    await acks.expect('edi', awaited('acme:1', now - 2 * HOUR));
    await acks.expect('edi', awaited('acme:2', now + HOUR));
    await acks.expect('edi-2', awaited('acme:3', now - HOUR, undefined));
    const overdue = await acks.awaiting({ dueBefore: now });
    expect(overdue.map((a) => `${a.instance}/${a.key}`)).toEqual(['edi/acme:1', 'edi-2/acme:3']);
    // Due exactly now is not yet overdue: the list and each record's `overdue` agree.
    expect((await acks.awaiting({ dueBefore: now + HOUR })).map((a) => a.key)).toEqual(['acme:1', 'acme:3']);

    const facts = { kind: 'ack_overdue' as const, overdue: overdue.map((a) => ({ instance: a.instance, partner: a.partner, document: a.document, hubOrderId: a.hubOrderId, dueAt: Date.parse(a.dueAt) })) };
    const all = evaluateRule({ id: 'acks', kind: 'ack_overdue', instance: undefined }, facts, now);
    expect(all.firing).toBe(true);
    expect(all.message).toContain(`855 PO acknowledgement, group 1 to Acme Industrial (order ${ORDER}), 2 h overdue`);
    expect(all.message).toContain('2 sent document(s)');
    const one = evaluateRule({ id: 'acks', kind: 'ack_overdue', instance: 'edi-2' }, facts, now);
    expect(one.message).toContain('1 sent document(s)');
    const none = evaluateRule({ id: 'acks', kind: 'ack_overdue', instance: 'edi-3' }, facts, now);
    expect(none.firing).toBe(false);
  });

  it('drops a dismissed document from the list, on the timeline, and one whose record expired', async () => {
    const now = Date.now();
    await acks.expect('edi', awaited('acme:11', now - HOUR));
    await acks.expect('edi', awaited('acme:12', now - HOUR));
    expect(await acks.dismiss('edi', 'acme:11', 'ops@example.com')).toMatchObject({ state: 'dismissed', actor: 'ops@example.com' });
    expect(await acks.dismiss('edi', 'acme:11', 'ops@example.com')).toBeUndefined();
    expect((await timeline(ORDER)).at(-1)!.summary).toBe("stopped waiting for Acme Industrial's acknowledgement of 855 PO acknowledgement, group 11");

    await redis.del(keys.awaitedAck('edi', 'acme:12'));
    expect(await acks.awaiting()).toEqual([]);
    expect(await redis.zcard(keys.acksDue())).toBe(0);
  });
});
