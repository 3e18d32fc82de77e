/**
 * The failures page's mapping-version preview over plain HTTP: a delivery refused with
 * the OMS mapping 1.1.0 shows the version it rendered with and a Preview link; after the
 * fix (1.2.0, hub restarted) the preview page shows both renders and the diff with a
 * "Replay with" button per version; an integrator sees it masked and without buttons; an
 * unknown version is refused with a page that says what to do; the replay with 1.2.0
 * delivers the order; a dead letter whose version is still current offers one replay.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Credentials } from '../../src/auth/credentials.js';
import { makeShopifyOrder } from '../../sims/storefront/index.js';
import { consolePage, formPost, logInOverHttp, type ConsoleSession } from '../support/console-http.js';
import { eventually } from '../support/hub.js';
import { BROKEN, FIXED, brokenOmsMapping, deadLetterOf, fixOmsMapping, omsMappedWith, restartTestHub, type DeadLetterView } from '../support/mapping-versions.js';
import { getJson, startWorld, type World } from '../support/world.js';

const PASSWORD = 'mapping versions password 2024';

let world: World;
let operator: ConsoleSession;
let integrator: ConsoleSession;
let orderId: string;
let letter: DeadLetterView;

beforeAll(async () => {
  const file = brokenOmsMapping();
  world = await startWorld({ hub: { extra: omsMappedWith(file) } });
  const credentials = new Credentials(world.hub.hub.runtime.redis, world.hub.prefix);
  await credentials.addUser('olga', 'operator', PASSWORD);
  await credentials.addUser('ivy', 'integrator', PASSWORD);
  orderId = await place(811);
  letter = await deadLetterOf(world.hub.url, orderId);
  fixOmsMapping(file);
  await restartTestHub(world.hub);
  operator = await logInOverHttp(world.hub.url, 'olga', PASSWORD);
  integrator = await logInOverHttp(world.hub.url, 'ivy', PASSWORD);
}, 60_000);

afterAll(async () => {
  await world?.stop();
});

async function place(n: number): Promise<string> {
  const sent = await world.store.sendOrderWebhook(world.webhookUrl, makeShopifyOrder(n));
  return (sent.body as { hubOrderId: string }).hubOrderId;
}

function get(path: string, session: ConsoleSession = operator): Promise<Response> {
  return consolePage(world.hub.url, path, { headers: { cookie: session.cookie } });
}

function post(path: string, fields: Record<string, string>, session: ConsoleSession = operator): Promise<Response> {
  return consolePage(world.hub.url, path, formPost({ csrf: session.csrf, ...fields }, session.cookie));
}

/** The page's text as a reader sees it: hono escapes quotes and angle brackets. */
async function textOf(response: Response): Promise<string> {
  return (await response.text()).replace(/&quot;/g, '"').replace(/&#39;/g, '\'').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

const previewPath = () => `/admin/failures/${encodeURIComponent(letter.id)}/preview`;
const replayPath = (id = letter.id) => `/admin/failures/${encodeURIComponent(id)}/replay`;

describe('mapping versions on the failures page', () => {
  it('shows the version a delivery rendered with and links to its preview', async () => {
    const html = await textOf(await get('/admin/failures'));
    const row = new RegExp(`<tr data-letter="${letter.id.replace(/[.]/g, '\\.')}">[\\s\\S]*?</tr>`).exec(html)![0];
    expect(row).toContain(`rendered with ${BROKEN}`);
    expect(row).toContain(`href="${previewPath()}"`);
  });

  it('previews the old and the current render with the diff and one replay button per version', async () => {
    const response = await get(previewPath());
    expect(response.status).toBe(200);
    const html = await textOf(response);
    expect(html).toContain(`data-render="old" data-ref="${BROKEN}" data-outcome="rendered"`);
    expect(html).toContain(`data-render="current" data-ref="${FIXED}" data-outcome="rendered"`);
    expect(html).toContain(`The delivery failed with ${BROKEN}; the hub runs ${FIXED} now.`);
    const diff = /<pre class="diff" data-diff[^>]*>([\s\S]*?)<\/pre>/.exec(html)![1]!;
    expect(diff).toContain('<span class="add">+       <Item>SKU-');
    expect(html).toContain(`Replay with ${BROKEN}`);
    expect(html).toContain(`Replay with ${FIXED}`);
    expect(html).toContain(`name="mapping" value="${FIXED}"`);
    expect(html).toContain((makeShopifyOrder(811).customer as { last_name: string }).last_name);
  });

  it('shows an integrator the preview masked and without replay buttons; a replay from them is forbidden', async () => {
    const html = await textOf(await get(previewPath(), integrator));
    expect(html).toContain('Personal data is masked before rendering');
    expect(html).not.toContain((makeShopifyOrder(811).customer as { last_name: string }).last_name);
    expect(html).not.toContain('Replay with');
    expect((await post(replayPath(), { mapping: FIXED }, integrator)).status).toBe(403);
  });

  it('refuses a version the hub does not keep with a page that says what to do', async () => {
    const response = await post(replayPath(), { mapping: 'canonical-to-oms-xml@0.0.1' });
    expect(response.status).toBe(422);
    const html = await textOf(response);
    expect(html).toContain(`order ${orderId}, instance oms-main`);
    expect(html).toContain('is not in the hub\'s mapping archive (versions kept of canonical-to-oms-xml: 1.1.0, 1.2.0)');
    expect(html).toContain('replay with a version that is kept');
    expect((await get(previewPath())).status).toBe(200);
  });

  it('replays with the chosen version: the order is delivered, the timeline and audit say with which', async () => {
    const response = await post(replayPath(), { mapping: FIXED });
    expect(response.status).toBe(303);
    expect(decodeURIComponent(response.headers.get('location')!.replace(/\+/g, ' '))).toContain(`replayed ${letter.id} with ${FIXED}`);
    await eventually(async () => ((await getJson<{ state: string }>(`${world.hub.url}/api/orders/${orderId}`)).body.state === 'sent' ? true : undefined), 15_000, 'the order sent');
    expect(world.oms.orders().find((o) => o.hubOrderId === orderId)!.xml).toContain('<Item>');
    const order = await textOf(await get(`/admin/orders/${orderId}`));
    expect(order).toContain(`dead letter replayed with ${FIXED} by olga`);
    const audit = await textOf(await get('/admin/audit'));
    expect(audit).toContain(FIXED);
    expect((await get(previewPath())).status).toBe(404);
  });

  it('offers one replay when the dead letter met the version loaded now', async () => {
    world.oms.rejectAll('CREDIT_HOLD', 'account on hold');
    const held = await place(812);
    const heldLetter = await deadLetterOf(world.hub.url, held);
    world.oms.acceptAll();
    const html = await textOf(await get(`/admin/failures/${encodeURIComponent(heldLetter.id)}/preview`));
    expect(html).toContain(`Both are ${FIXED}: the mapping has not changed since this delivery failed`);
    expect(html.match(/Replay with /g)).toHaveLength(1);
    expect(html).toContain(`Replay with ${FIXED}`);
    expect(html).not.toContain('data-diff');
    expect((await post(replayPath(heldLetter.id), { mapping: FIXED })).status).toBe(303);
    await eventually(async () => ((await getJson<{ state: string }>(`${world.hub.url}/api/orders/${held}`)).body.state === 'sent' ? true : undefined), 15_000, 'the held order sent');
  });
});
