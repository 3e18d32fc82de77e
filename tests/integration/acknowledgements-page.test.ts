/**
 * The console's Acknowledgements page, against a real Redis and hub, over plain HTTP and
 * in a real headless Chromium: documents sent to a trading partner that wait for its 997
 * are listed soonest due first, the overdue one marked and linked to its order; an
 * integrator sees them but may not stop waiting; an operator clicks "Stop waiting", gets
 * a notice, the document leaves the list, the order's timeline says so and the audit log
 * names the operator.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { Credentials } from '../../src/auth/credentials.js';
import { makeShopifyOrder } from '../../sims/storefront/index.js';
import { launchBrowser, logInToConsole, type TestBrowser } from '../support/browser.js';
import { consolePage, formPost, logInOverHttp } from '../support/console-http.js';
import { eventually } from '../support/hub.js';
import { getJson, startWorld, type World } from '../support/world.js';

const PASSWORD = 'acknowledgements page password 2024';
const HOUR = 3_600_000;

let world: World;
let chromium: TestBrowser;
let page: Page;
let orderId: string;

beforeAll(async () => {
  world = await startWorld();
  const credentials = new Credentials(world.hub.hub.runtime.redis, world.hub.prefix);
  for (const role of ['operator', 'integrator'] as const) await credentials.addUser(`ada-${role}`, role, PASSWORD);
  const sent = await world.store.sendOrderWebhook(world.webhookUrl, makeShopifyOrder(7601));
  orderId = (sent.body as { hubOrderId: string }).hubOrderId;
  const acks = world.hub.hub.runtime.acknowledgements;
  const now = Date.now();
  await acks.expect('edi', { key: 'acme:41', partner: 'Acme Retail', document: '856 ship notice 1Z999 for PO PO-41, control 41', hubOrderId: orderId, dueAt: new Date(now - HOUR).toISOString() });
  await acks.expect('edi', { key: 'acme:42', partner: 'Acme Retail', document: '810 invoice AB-1 for PO PO-41, control 42', hubOrderId: orderId, dueAt: new Date(now + HOUR).toISOString() });
  chromium = await launchBrowser();
  page = await chromium.browser.newPage({ viewport: { width: 1280, height: 800 } });
}, 60_000);

afterAll(async () => {
  await chromium?.close();
  await world?.stop();
});

describe('the Acknowledgements page', () => {
  it('lists what waits, overdue first, and lets an integrator look but not stop waiting', async () => {
    const session = await logInOverHttp(world.hub.url, 'ada-integrator', PASSWORD);
    const response = await consolePage(world.hub.url, '/admin/acknowledgements', { headers: { cookie: session.cookie } });
    expect(response.status).toBe(200);
    const html = await response.text();
    const rows = [...html.matchAll(/<tr data-awaited="([^"]+)"( class="exception")?/g)].map((m) => [m[1], Boolean(m[2])]);
    expect(rows).toEqual([['acme:41', true], ['acme:42', false]]);
    expect(html).toContain(`href="/admin/orders/${orderId}"`);
    expect(html).not.toContain('Stop waiting');
    const refused = await consolePage(world.hub.url, '/admin/acknowledgements/edi/acme%3A41/dismiss', formPost({ csrf: session.csrf }, session.cookie));
    expect(refused.status).toBe(403);
  });

  it('takes an operator from the navigation to the overdue document, and stops waiting for it', async () => {
    await logInToConsole(page, world.hub.url, 'ada-operator', PASSWORD);
    await page.click('header nav a:has-text("Acknowledgements")');
    await page.waitForURL(`${world.hub.url}/admin/acknowledgements`);
    const overdue = page.locator('tr[data-awaited="acme:41"]');
    expect(await overdue.locator('[data-overdue]').textContent()).toBe('overdue');
    expect(await overdue.textContent()).toContain('856 ship notice 1Z999 for PO PO-41');

    await overdue.locator('button:has-text("Stop waiting")').click();
    await page.waitForURL(/\/admin\/acknowledgements\?notice=/);
    expect(await page.textContent('[role="status"]')).toBe("Stopped waiting for Acme Retail's acknowledgement of 856 ship notice 1Z999 for PO PO-41, control 41.");
    expect(await page.locator('tr[data-awaited="acme:41"]').count()).toBe(0);
    expect(await page.locator('tr[data-awaited="acme:42"]').count()).toBe(1);

    const { body } = await getJson<{ timeline: Array<{ summary: string; actor?: string }> }>(`${world.hub.url}/api/orders/${orderId}`);
    expect(body.timeline.find((e) => e.summary.startsWith('stopped waiting'))).toMatchObject({
      summary: "stopped waiting for Acme Retail's acknowledgement of 856 ship notice 1Z999 for PO PO-41, control 41", actor: 'ada-operator',
    });
    const audit = await eventually(async () => {
      const { body: log } = await getJson<{ entries: Array<{ actor: string; action: string; subject: string }> }>(`${world.hub.url}/api/audit`);
      return log.entries.find((e) => e.action === 'dismiss-acknowledgement');
    }, 5_000, 'audit entry');
    expect(audit).toMatchObject({ actor: 'ada-operator', subject: 'edi:acme:41' });
  }, 60_000);
});
