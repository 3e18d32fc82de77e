/**
 * Replaying a dead letter with the old or the new mapping version, over the JSON API,
 * against a real Redis, hub and OMS simulator. The OMS mapping's version 1.1.0 leaves
 * each line's Item out, so the OMS refuses two orders (dead letters that record 1.1.0);
 * the mapping is fixed as 1.2.0 and the hub restarted. The preview then shows both
 * renders and the diff (masked for a role without personal data); a replay with 1.2.0
 * delivers the new render once (a second, pinned replay finds the receipt in the
 * ledger and sends nothing), a replay with 1.1.0 renders the old one again (refused
 * again, with 1.1.0 on its dead letter). A version the hub does not keep, a mapping of
 * another target, a malformed version and a dead letter without a mapping are refused
 * with what to do; a file edited without a new version runs as version+digest.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Credentials } from '../../src/auth/credentials.js';
import type { DeadLetter } from '../../src/store/dead-letters.js';
import { makeShopifyOrder } from '../../sims/storefront/index.js';
import { authHeaders, eventually } from '../support/hub.js';
import {
  BROKEN, FIXED, brokenOmsMapping, deadLetterOf, editWithoutNewVersion, fixOmsMapping, omsMappedWith, restartTestHub,
} from '../support/mapping-versions.js';
import { getJson, startWorld, type World } from '../support/world.js';

let world: World;
let mappingFile: string;

beforeAll(async () => {
  mappingFile = brokenOmsMapping();
  world = await startWorld({ hub: { extra: omsMappedWith(mappingFile) } });
}, 60_000);

afterAll(async () => {
  await world?.stop();
});

interface Timeline { state: string; timeline: Array<{ stage: string; summary: string; detail?: Record<string, unknown> }> }
interface Render { ref: string; outcome: string; body?: string; error?: string; contentType?: string }
interface Preview { orderId: string; instance: string; old: Render | null; current: Render; same: boolean; diff: string; masked: boolean; choices: string[] }
interface Problem { status: number; code: string; detail: string; hint?: string }

async function place(n: number): Promise<string> {
  const sent = await world.store.sendOrderWebhook(world.webhookUrl, makeShopifyOrder(n));
  expect(sent.status).toBe(202);
  return (sent.body as { hubOrderId: string }).hubOrderId;
}

async function orderOf(id: string): Promise<Timeline> {
  return (await getJson<Timeline>(`${world.hub.url}/api/orders/${id}`)).body;
}

async function preview(letterId: string, headers = authHeaders()): Promise<{ status: number; body: Preview & Problem }> {
  const response = await fetch(`${world.hub.url}/api/dead-letters/${encodeURIComponent(letterId)}/preview`, { headers });
  return { status: response.status, body: (await response.json()) as Preview & Problem };
}

function replay(letterId: string, body?: string): Promise<Response> {
  return fetch(`${world.hub.url}/api/dead-letters/${encodeURIComponent(letterId)}/replay`, {
    method: 'POST', headers: { ...authHeaders(), ...(body === undefined ? {} : { 'content-type': 'application/json' }) }, ...(body === undefined ? {} : { body }),
  });
}

function pinned(version: string): string {
  return JSON.stringify({ mapping: version });
}

function omsPostsOf(orderId: string) {
  return world.oms.requests().filter((r) => r.method === 'POST' && r.path === '/orders' && r.idempotencyKey?.startsWith(orderId));
}

let first: string;
let second: string;
let firstLetter: DeadLetter;

describe('a dead letter replayed with the old or the new mapping version', () => {
  it('records the outbound mapping version a refused delivery rendered with', async () => {
    first = await place(801);
    second = await place(802);
    const letter = await deadLetterOf(world.hub.url, first);
    expect(letter).toMatchObject({ stage: 'deliver', instance: 'oms-main', errorCode: 'HTTP_400', mapping: { id: 'canonical-to-oms-xml', version: '1.1.0' } });
    expect(letter.message).toContain('INVALID_ITEM');
    expect(letter.message).toContain('Item is required');
    await deadLetterOf(world.hub.url, second);
    const deadLettered = (await orderOf(first)).timeline.find((e) => e.summary.startsWith('dead-lettered'));
    expect(deadLettered?.detail?.mapping).toBe(BROKEN);
    firstLetter = (await world.hub.hub.runtime.deadLetters.get(letter.id))!;

    const before = await preview(letter.id);
    expect(before.status).toBe(200);
    expect(before.body).toMatchObject({ same: true, diff: '', choices: [BROKEN] });
    expect(before.body.current.body).not.toContain('<Item>');
  });

  it('after the fix (a new version, the hub restarted) previews both renders and their diff', async () => {
    fixOmsMapping(mappingFile);
    await restartTestHub(world.hub);
    expect(world.hub.hub.runtime.instances.get('oms-main')!.outbound!.version).toBe('1.2.0');

    const { status, body } = await preview(firstLetter.id);
    expect(status).toBe(200);
    expect(body).toMatchObject({ orderId: first, instance: 'oms-main', same: false, masked: false, choices: [BROKEN, FIXED] });
    expect(body.old).toMatchObject({ ref: BROKEN, outcome: 'rendered' });
    expect(body.current).toMatchObject({ ref: FIXED, outcome: 'rendered' });
    expect(body.current.contentType).toContain('xml');
    expect(body.old!.body).not.toContain('<Item>');
    expect(body.current.body).toContain('<Item>');
    const added = body.diff.split('\n').filter((line) => line.startsWith('+ '));
    expect(added.length).toBeGreaterThan(0);
    expect(added.every((line) => line.includes('<Item>'))).toBe(true);
    expect(body.diff.split('\n').some((line) => line.startsWith('- '))).toBe(false);
    const customer = makeShopifyOrder(801).customer as { last_name: string };
    expect(body.current.body).toContain(customer.last_name);

    const integrator = await new Credentials(world.hub.hub.runtime.redis, world.hub.prefix).createToken('ivy', 'integrator');
    const masked = await preview(firstLetter.id, { authorization: `Bearer ${integrator}` });
    expect(masked.status).toBe(200);
    expect(masked.body.masked).toBe(true);
    expect(masked.body.current.body).not.toContain(customer.last_name);
    const changed = (diff: string) => diff.split('\n').filter((line) => /^[-+] /.test(line));
    expect(changed(masked.body.diff)).toEqual(changed(body.diff));
  });

  it('a replay with the new version delivers the new render, and the ledger keeps a second replay from delivering again', async () => {
    const response = await replay(firstLetter.id, pinned(FIXED));
    expect(response.status).toBe(202);
    expect(await response.json()).toMatchObject({ id: firstLetter.id, orderId: first, mapping: FIXED });
    await eventually(async () => ((await orderOf(first)).state === 'sent' ? true : undefined), 15_000, 'the order sent with the new version');
    const delivered = world.oms.orders().filter((o) => o.hubOrderId === first);
    expect(delivered).toHaveLength(1);
    expect(delivered[0]!.xml).toContain('<Item>');
    const summaries = (await orderOf(first)).timeline.map((e) => e.summary);
    expect(summaries).toContain(`dead letter replayed with ${FIXED} by tests`);
    expect(summaries.some((s) => s.startsWith('delivered to oms-main as') && s.endsWith(`rendered with ${FIXED}`))).toBe(true);
    const audit = (await getJson<{ entries: Array<{ action: string; subject: string; detail?: { mapping?: string } }> }>(`${world.hub.url}/api/audit`)).body.entries;
    expect(audit.find((e) => e.action === 'replay' && e.subject === firstLetter.id)?.detail?.mapping).toBe(FIXED);

    // The same dead letter again (as if replayed twice), pinned to the old version: the receipt is in the ledger.
    const posts = omsPostsOf(first).length;
    await world.hub.hub.runtime.deadLetters.put(firstLetter);
    const again = await replay(firstLetter.id, pinned(BROKEN));
    expect(again.status).toBe(202);
    const { queue, jobId } = (await again.json()) as { queue: string; jobId: string };
    await eventually(async () => ((await world.hub.hub.runtime.queues.get(queue).getJob(jobId.replace(/:/g, '-'))) ? undefined : true), 15_000, 'the second replay done');
    expect(omsPostsOf(first)).toHaveLength(posts);
    expect(world.oms.orders().filter((o) => o.hubOrderId === first)).toHaveLength(1);
    expect((await world.hub.hub.runtime.deadLetters.get(firstLetter.id))).toBeUndefined();
    expect((await orderOf(first)).state).toBe('sent');
  });

  it('a replay with the old version renders the old one (refused again, recorded with it); a plain replay takes the current one', async () => {
    const letter = await deadLetterOf(world.hub.url, second);
    const response = await replay(letter.id, pinned(BROKEN));
    expect(response.status).toBe(202);
    expect(await response.json()).toMatchObject({ id: letter.id, orderId: second, mapping: BROKEN });
    const again = await deadLetterOf(world.hub.url, second, (l) => l.attempts === 1 && omsPostsOf(second).length === 2);
    expect(again).toMatchObject({ errorCode: 'HTTP_400', mapping: { id: 'canonical-to-oms-xml', version: '1.1.0' } });
    expect(again.message).toContain('Item is required');
    expect(omsPostsOf(second).map((p) => p.status)).toEqual([400, 400]);
    expect((await orderOf(second)).timeline.map((e) => e.summary)).toContain(`dead letter replayed with ${BROKEN} by tests`);

    expect((await replay(again.id)).status).toBe(202);
    await eventually(async () => ((await orderOf(second)).state === 'sent' ? true : undefined), 15_000, 'the order sent with the current version');
    expect(world.oms.orders().find((o) => o.hubOrderId === second)!.xml).toContain('<Item>');
    expect((await orderOf(second)).timeline.map((e) => e.summary)).toContain('dead letter replayed by tests');
  });

  it('refuses a version the hub does not keep, a mapping of another target, a malformed version, and a letter without a mapping', async () => {
    world.oms.rejectAll('CREDIT_HOLD', 'account on hold');
    const third = await place(803);
    const letter = await deadLetterOf(world.hub.url, third);
    world.oms.acceptAll();
    expect(letter.mapping).toEqual({ id: 'canonical-to-oms-xml', version: '1.2.0' });
    const same = await preview(letter.id);
    expect(same.body).toMatchObject({ same: true, diff: '', choices: [FIXED] });

    const unknown = await replay(letter.id, pinned('canonical-to-oms-xml@9.9.9'));
    expect(unknown.status).toBe(422);
    expect(unknown.headers.get('content-type')).toContain('application/problem+json');
    const problem = (await unknown.json()) as Problem;
    expect(problem.code).toBe('MAPPING_VERSION_NOT_ARCHIVED');
    expect(problem.detail).toContain(`order ${third}`);
    expect(problem.detail).toContain('instance oms-main');
    expect(problem.detail).toContain('versions kept of canonical-to-oms-xml: 1.1.0, 1.2.0');
    expect(problem.hint).toMatch(/replay with a version that is kept/);

    const foreign = (await (await replay(letter.id, pinned('shopify-to-canonical@1.0.0'))).json()) as Problem;
    expect(foreign).toMatchObject({ status: 422, code: 'MAPPING_NOT_OF_TARGET' });
    expect((await (await replay(letter.id, pinned('1.2.0'))).json()) as Problem).toMatchObject({ status: 400, code: 'BAD_MAPPING_REF' });
    expect((await (await replay(letter.id, 'not json')).json()) as Problem).toMatchObject({ status: 400, code: 'BAD_REPLAY_BODY' });
    expect(await world.hub.hub.runtime.deadLetters.get(letter.id)).toBeDefined();
    expect((await preview('deliver-oms-main.no-such-order')).status).toBe(404);

    const notice: DeadLetter = {
      id: `notify-web-shop.${third}`, orderId: third, stage: 'notify', instance: 'web-shop', queue: 'notify-web-shop', jobName: 'notify',
      errorKind: 'permanent', errorCode: 'REFUSED', message: 'refused', hint: 'replay', attempts: 1, at: new Date().toISOString(), job: { orderId: third },
    };
    await world.hub.hub.runtime.deadLetters.put(notice);
    const notVersioned = await preview(notice.id);
    expect(notVersioned.status).toBe(409);
    expect(notVersioned.body).toMatchObject({ code: 'NOT_MAPPING_VERSIONED' });
    expect(notVersioned.body.detail).toContain(`order ${third}, instance web-shop`);
    expect(((await (await replay(notice.id, pinned(FIXED))).json()) as Problem).code).toBe('NOT_MAPPING_VERSIONED');
    await world.hub.hub.runtime.deadLetters.remove(notice.id);

    expect((await replay(letter.id, pinned(FIXED))).status).toBe(202);
    await eventually(async () => ((await orderOf(third)).state === 'sent' ? true : undefined), 15_000, 'the third order sent');
  });

  it('runs a file edited without a new version as version+digest, keeping 1.2.0 as it was', async () => {
    editWithoutNewVersion(mappingFile);
    await restartTestHub(world.hub);
    const version = world.hub.hub.runtime.instances.get('oms-main')!.outbound!.version;
    expect(version).toMatch(/^1\.2\.0\+[0-9a-f]{8}$/);
    const fourth = await place(804);
    await eventually(async () => ((await orderOf(fourth)).state === 'sent' ? true : undefined), 15_000, 'the fourth order sent');
    expect((await orderOf(fourth)).timeline.map((e) => e.summary).some((s) => s.endsWith(`rendered with canonical-to-oms-xml@${version}`))).toBe(true);
    const kept = await world.hub.hub.runtime.mappingArchive.get({ id: 'canonical-to-oms-xml', version: '1.2.0' });
    expect(kept?.text).toContain('"path": "/sku"');
    expect(await world.hub.hub.runtime.mappingArchive.versions('canonical-to-oms-xml')).toEqual(['1.1.0', '1.2.0', version]);
  });
});
