/**
 * The mapping workbench over plain HTTP: an integrator picks a mapping (two files with
 * one id get a key each), runs a pasted or uploaded sample (JSON, or XML) and sees the
 * canonical result; a broken sample shows each problem's mapping field and input
 * path, a bad result its canonical pointer; a
 * recent real order's payload comes masked (no e-mail, phone, name or street of the
 * customer); a clean run is saved as a golden test into the hub's (temporary) copy of
 * the mapping, which `runGoldenTests` then passes, and bad saves are refused; an agent
 * gets the 403 page.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Credentials } from '../../src/auth/credentials.js';
import { runGoldenTests } from '../../src/mapping/index.js';
import { makeShopifyOrder, type ShopifyOrder } from '../../sims/storefront/index.js';
import { consolePage, formPost, logInOverHttp, type ConsoleSession } from '../support/console-http.js';
import { copyMapping, webShopMappedWith, type MappingCopy } from '../support/mapping-copy.js';
import { startWorld, type World } from '../support/world.js';

const PASSWORD = 'workbench password 2024';
const SHOPIFY = '/admin/workbench/shopify-to-canonical';

let world: World;
let copy: MappingCopy;
let integrator: ConsoleSession;
let source: ShopifyOrder;
let orderId: string;

beforeAll(async () => {
  copy = copyMapping('shopify-to-canonical');
  world = await startWorld({ hub: { extra: webShopMappedWith(copy) } });
  const credentials = new Credentials(world.hub.hub.runtime.redis, world.hub.prefix);
  await credentials.addUser('ivy', 'integrator', PASSWORD);
  await credentials.addUser('abe', 'agent', PASSWORD);
  integrator = await logInOverHttp(world.hub.url, 'ivy', PASSWORD);
  source = makeShopifyOrder(907, { note: 'Call me on +1 415 555 0177 before noon' });
  orderId = ((await world.store.sendOrderWebhook(world.webhookUrl, source)).body as { hubOrderId: string }).hubOrderId;
}, 60_000);

afterAll(async () => {
  await world?.stop();
});

function get(path: string, session: ConsoleSession = integrator): Promise<Response> {
  return consolePage(world.hub.url, path, { headers: { cookie: session.cookie } });
}

function post(path: string, fields: Record<string, string>, session: ConsoleSession = integrator): Promise<Response> {
  return consolePage(world.hub.url, path, formPost({ csrf: session.csrf, ...fields }, session.cookie));
}

/** The page's text as a reader sees it: hono escapes quotes and angle brackets. */
async function textOf(response: Response): Promise<string> {
  return (await response.text()).replace(/&quot;/g, '"').replace(/&#39;/g, '\'').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

function repoSample(name: string): string {
  return readFileSync(resolve('mappings/samples', name), 'utf8');
}

function brokenShopifySample(): string {
  const sample = JSON.parse(repoSample('shopify-order-1.json')) as { line_items: Array<{ quantity: unknown }> };
  sample.line_items[1]!.quantity = 'two';
  return JSON.stringify(sample, null, 2);
}

describe('the mapping workbench', () => {
  it('lists the inbound mappings with their id, version and description', async () => {
    const response = await get('/admin/workbench');
    expect(response.status).toBe(200);
    const html = await textOf(response);
    expect(html).toContain('href="/admin/workbench"');
    for (const id of ['shopify-to-canonical', 'woocommerce-to-canonical', 'xml-order-to-canonical']) expect(html).toContain(`data-mapping="${id}"`);
    expect(html).not.toContain('data-mapping="canonical-to-oms-xml"');
    expect(html).toContain('Shopify REST order (orders/create webhook or Admin API) to the canonical order');
    const row = /<tr data-mapping="shopify-to-canonical">[\s\S]*?<\/tr>/.exec(html)![0];
    expect(row).toContain('1.0.0');
    expect(row).toContain('web-shop');
    expect(row).toContain(copy.file);
    // The repository's own file has the same id: it comes second, under a key of its own.
    const repoRow = /<tr data-mapping="shopify-to-canonical.2">[\s\S]*?<\/tr>/.exec(html)![0];
    expect(repoRow).toContain('mappings/shopify-to-canonical.json');
    expect(repoRow).toContain('no instance');
  });

  it('runs a pasted sample and shows the canonical result, the sample kept in the form', async () => {
    const sample = repoSample('shopify-order-1.json');
    const response = await post(`${SHOPIFY}/run`, { sample });
    expect(response.status).toBe(200);
    const html = await textOf(response);
    expect(html).toContain('data-run="ok"');
    expect(html).toContain('"externalId": "820982911946154508"');
    expect(html).toContain('"grandTotal": 7230');
    expect(html).toContain('"admin_graphql_api_id": "gid://shopify/Order/820982911946154508"');
    expect(html).toContain('Save as golden test');
  });

  it('runs an uploaded file, and an XML document the way the XML connectors read it', async () => {
    const form = new FormData();
    form.set('csrf', integrator.csrf);
    form.set('sample', '');
    form.set('file', new Blob([repoSample('shopify-order-jpy-minimal.json')], { type: 'application/json' }), 'jpy.json');
    const uploaded = await consolePage(world.hub.url, `${SHOPIFY}/run`, { method: 'POST', headers: { cookie: integrator.cookie }, body: form });
    expect(uploaded.status).toBe(200);
    const html = await textOf(uploaded);
    expect(html).toContain('The sample is the file jpy.json.');
    expect(html).toContain('data-run="ok"');
    expect(html).toContain('"currency": "JPY"');

    const xml = await textOf(await post('/admin/workbench/xml-order-to-canonical/run', { sample: repoSample('xml-order-1.xml') }));
    expect(xml).toContain('data-run="ok"');
    expect(xml).toContain('"externalId": "PO-2026-004711"');
  });

  it('shows a broken sample\'s problems by mapping field and input path, and a bad result by canonical pointer', async () => {
    const response = await post(`${SHOPIFY}/run`, { sample: brokenShopifySample() });
    expect(response.status).toBe(200);
    const html = await textOf(response);
    expect(html).toContain('data-run="problems"');
    const row = /<tr data-target="\/lines\/1\/quantity" data-source="\/line_items\/1\/quantity">[\s\S]*?<\/tr>/.exec(html)?.[0];
    expect(row).toContain('"two" is not an integer');
    expect(html).toContain('"quantity": "two"');
    expect(html).not.toContain('Save as golden test');

    const badEmail = JSON.parse(repoSample('shopify-order-1.json')) as { email: string; customer: { email: string } };
    badEmail.email = 'not an address';
    badEmail.customer.email = 'not an address';
    const invalid = await textOf(await post(`${SHOPIFY}/run`, { sample: JSON.stringify(badEmail) }));
    expect(invalid).toMatch(/<tr data-pointer="\/customer\/email">[\s\S]*?must match format "email"/);
    expect(invalid).toContain('"email": "not an address"');

    const unreadable = await post(`${SHOPIFY}/run`, { sample: '{ "id": ' });
    expect(unreadable.status).toBe(400);
    expect(await textOf(unreadable)).toContain('The sample cannot be read as JSON');
  });

  it('offers a recent real order\'s payload with the personal data masked', async () => {
    const bench = await textOf(await get(SHOPIFY));
    expect(bench).toContain(`data-order="${orderId}"`);
    const response = await get(`${SHOPIFY}?order=${orderId}`);
    expect(response.status).toBe(200);
    const html = await textOf(response);
    expect(html).toContain('personal data masked');
    expect(html).toContain('"email": "masked@example.invalid"');
    const sample = /<textarea[^>]*>([\s\S]*?)<\/textarea>/.exec(html)![1]!;
    const people = [source.customer, source.billing_address, source.shipping_address].filter((p) => p !== undefined && p !== null);
    const onPage = [
      source.email, source.phone, '555 0177',
      ...people.flatMap((p) => [`${p.first_name} ${p.last_name}`, p.phone, 'email' in p ? p.email : undefined, 'address1' in p ? p.address1 : undefined]),
    ];
    for (const value of onPage.filter((v): v is string => Boolean(v))) expect(html, value).not.toContain(value);
    for (const name of people.flatMap((p) => [p.first_name, p.last_name])) expect(sample, name).not.toContain(`"${name}"`);
    const run = await textOf(await post(`${SHOPIFY}/run`, { sample, instance: 'web-shop' }));
    expect(run).toContain('data-run="ok"');
    expect(run).toContain('"name": "Masked Person"');

    expect((await get(`/admin/workbench/woocommerce-to-canonical?order=${orderId}`)).status).toBe(404);
  });

  it('saves a clean run as a golden test of the hub\'s copy of the mapping, which then passes', async () => {
    const sample = repoSample('shopify-order-1.json');
    const saved = await post(`${SHOPIFY}/save`, { sample, name: 'workbench-order-1' });
    expect(saved.status).toBe(303);
    expect(decodeURIComponent(saved.headers.get('location')!)).toContain('Golden test workbench-order-1 saved');

    const samples = join(copy.folder, 'samples');
    expect(readFileSync(join(samples, 'workbench-order-1.json'), 'utf8')).toBe(`${sample.trim()}\n`);
    expect(JSON.parse(readFileSync(join(samples, 'workbench-order-1.canonical.json'), 'utf8'))).toEqual(JSON.parse(repoSample('shopify-order-1.canonical.json')));
    const mappingText = readFileSync(copy.file, 'utf8');
    expect(mappingText.startsWith('{\n  "id": "shopify-to-canonical",\n  "version": "1.0.0",\n  "from"')).toBe(true);
    const tests = (JSON.parse(mappingText) as { tests: unknown[] }).tests;
    expect(tests.at(-1)).toEqual({ name: 'workbench-order-1', input: 'samples/workbench-order-1.json', expect: 'samples/workbench-order-1.canonical.json' });
    expect(Object.keys(JSON.parse(mappingText) as object)).toEqual(Object.keys(JSON.parse(readFileSync(resolve('mappings/shopify-to-canonical.json'), 'utf8')) as object));

    const results = await runGoldenTests(copy.file);
    expect(results.map((r) => r.name)).toContain('workbench-order-1');
    expect(results.filter((r) => !r.passed)).toEqual([]);
    expect(existsSync(resolve('mappings/samples/workbench-order-1.json'))).toBe(false);

    const audit = await world.hub.hub.runtime.audit.list(10);
    expect(audit.find((e) => e.action === 'save golden test')).toMatchObject({ actor: 'ivy', subject: 'shopify-to-canonical', detail: { name: 'workbench-order-1' } });
  });

  it('refuses a taken name, a name outside [a-z0-9-] and a run with problems', async () => {
    const sample = repoSample('shopify-order-1.json');
    const taken = await post(`${SHOPIFY}/save`, { sample, name: 'workbench-order-1' });
    expect(taken.status).toBe(409);
    expect(await textOf(taken)).toContain('already has a golden test of that name');
    const copied = await post(`${SHOPIFY}/save`, { sample, name: 'shopify-order-1' });
    expect(copied.status).toBe(409);
    const badName = await post(`${SHOPIFY}/save`, { sample, name: '../Escape' });
    expect(badName.status).toBe(400);
    expect(existsSync(join(copy.folder, 'Escape.json'))).toBe(false);
    const broken = await post(`${SHOPIFY}/save`, { sample: brokenShopifySample(), name: 'broken-order' });
    expect(broken.status).toBe(422);
    expect(await textOf(broken)).toContain('a golden test records a correct mapping');
    expect(existsSync(join(copy.folder, 'samples', 'broken-order.json'))).toBe(false);
    expect((JSON.parse(readFileSync(copy.file, 'utf8')) as { tests: unknown[] }).tests).toHaveLength(3);
  });

  it('gives an agent the 403 page and no link, and refuses a post without the CSRF token', async () => {
    const agent = await logInOverHttp(world.hub.url, 'abe', PASSWORD);
    expect(await (await get('/admin/orders', agent)).text()).not.toContain('href="/admin/workbench"');
    for (const response of [await get('/admin/workbench', agent), await get(SHOPIFY, agent), await post(`${SHOPIFY}/run`, { sample: '{}' }, agent), await post(`${SHOPIFY}/save`, { sample: '{}', name: 'x' }, agent)]) {
      expect(response.status).toBe(403);
      expect(await response.text()).toContain('may not mappings:');
    }
    const forged = await consolePage(world.hub.url, `${SHOPIFY}/run`, formPost({ sample: '{}' }, integrator.cookie));
    expect(forged.status).toBe(403);
  });
});
