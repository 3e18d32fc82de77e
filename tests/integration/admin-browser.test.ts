/**
 * The operations console in a real headless Chromium, as an operator would use it:
 * log in through the form, see the OMS target healthy, watch it turn degraded with its
 * reason when the OMS refuses orders, replay the dead letters through the preview and
 * Confirm once the OMS accepts again, and follow an order to `acknowledged` on its
 * page. Screenshots of the three main pages are taken every run; they replace the ones in
 * docs/screenshots/ only with UPDATE_SCREENSHOTS=1 (so a test run leaves the tree clean).
 */
import { mkdirSync, mkdtempSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Credentials } from '../../src/auth/credentials.js';
import { makeShopifyOrder } from '../../sims/storefront/index.js';
import { launchBrowser, type TestBrowser } from '../support/browser.js';
import { eventually } from '../support/hub.js';
import { getJson, startWorld, type World } from '../support/world.js';

const PASSWORD = 'operator password 2024';
const SHOTS = process.env.UPDATE_SCREENSHOTS === '1' ? 'docs/screenshots' : mkdtempSync(join(tmpdir(), 'hub-screenshots-'));
const OMS_ROW = 'tr[data-target="oms-main"][data-role="deliver"]';

let world: World;
let chromium: TestBrowser;
let page: Page;

beforeAll(async () => {
  world = await startWorld();
  await new Credentials(world.hub.hub.runtime.redis, world.hub.prefix).addUser('olga', 'operator', PASSWORD);
  chromium = await launchBrowser();
  page = await chromium.browser.newPage({ viewport: { width: 1280, height: 800 } });
  mkdirSync(SHOTS, { recursive: true });
}, 60_000);

afterAll(async () => {
  await chromium?.close();
  await world?.stop();
});

async function place(n: number): Promise<string> {
  const sent = await world.store.sendOrderWebhook(world.webhookUrl, makeShopifyOrder(n));
  return (sent.body as { hubOrderId: string }).hubOrderId;
}

async function stateOf(id: string): Promise<string> {
  return (await getJson<{ state: string }>(`${world.hub.url}/api/orders/${id}`)).body.state;
}

/** Reloads `path` until `check` finds what it waits for on the page. */
async function reloadUntil(path: string, check: () => Promise<boolean>, what: string): Promise<void> {
  await eventually(async () => {
    await page.goto(`${world.hub.url}${path}`);
    return (await check()) ? true : undefined;
  }, 20_000, what);
}

describe('the operations console in a browser', () => {
  it('takes an operator from a failing OMS through replay to an acknowledged order', async () => {
    await page.goto(`${world.hub.url}/admin`);
    expect(new URL(page.url()).pathname).toBe('/admin/login');
    await page.fill('input[name="username"]', 'olga');
    await page.fill('input[name="password"]', PASSWORD);
    await page.click('button[type="submit"]');
    await page.waitForURL(`${world.hub.url}/admin`);
    expect(await page.locator(`${OMS_ROW} .badge`).getAttribute('data-status')).toBe('healthy');

    world.oms.rejectAll('CREDIT_HOLD', 'on hold');
    const first = await place(950);
    const second = await place(951);
    await reloadUntil('/admin', async () => (await page.locator(`${OMS_ROW} .badge`).getAttribute('data-status')) !== 'healthy', 'oms-main not healthy');
    const status = await page.locator(`${OMS_ROW} .badge`).getAttribute('data-status');
    expect(['degraded', 'failing']).toContain(status);
    const rule = page.locator(`${OMS_ROW} [data-rule]`);
    expect(await rule.textContent()).toMatch(/dead letter|breaker|paused|error rate/);
    const ruleColour = await page.evaluate<string>(`getComputedStyle(document.querySelector('${OMS_ROW} [data-rule]')).color`);
    expect(ruleColour).toBe('rgb(161, 23, 23)');
    await page.screenshot({ path: `${SHOTS}/dashboard.png`, fullPage: true });

    world.oms.acceptAll();
    await page.goto(`${world.hub.url}/admin/failures?instance=oms-main`);
    expect(await page.locator('tr[data-letter]').count()).toBe(2);
    expect(await page.locator('tbody').first().textContent()).toContain('CREDIT_HOLD');
    await page.screenshot({ path: `${SHOTS}/failures.png`, fullPage: true });

    await page.click('text=Replay all matching');
    await page.waitForURL(/\/admin\/failures\/replay\?instance=oms-main/);
    expect(await page.textContent('main')).toContain('deliver again to oms-main');
    await page.click('button:has-text("Confirm: replay 2")');
    await page.waitForURL(/\/admin\/failures\?instance=oms-main&notice=/);
    expect(await page.textContent('[role="status"]')).toContain('replayed 2 dead letter(s)');
    expect(await page.locator('tr[data-letter]').count()).toBe(0);

    for (const id of [first, second]) {
      await eventually(async () => ((await stateOf(id)) === 'sent' ? true : undefined), 20_000, `order ${id} sent`);
    }
    const omsOrder = world.oms.orders().find((o) => o.hubOrderId === first);
    expect(omsOrder).toBeDefined();
    world.oms.emitStatus(omsOrder!.omsOrderNumber, 'ACKNOWLEDGED');
    await reloadUntil(`/admin/orders/${first}`, async () => (await page.textContent('[data-state]')) === 'acknowledged', 'the order acknowledged on its page');
    const timeline = await page.textContent('[data-timeline]');
    expect(timeline).toContain('dead letter replayed by olga');
    expect(timeline).toContain('acknowledged');
    await page.screenshot({ path: `${SHOTS}/order.png`, fullPage: true });
  }, 90_000);
});
