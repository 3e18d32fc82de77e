/**
 * Replaying a dead letter with a chosen mapping version in a real headless Chromium, as
 * an operator does it: the OMS refused an order rendered by mapping 1.1.0; after the fix
 * (1.2.0, hub restarted) the failures page shows the version and a Preview link; the
 * preview shows both renders and the diff; "Replay with …@1.2.0" (a form post, no script)
 * delivers the order, and its timeline says which version the replay used.
 * Screenshots go to a temporary folder.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Credentials } from '../../src/auth/credentials.js';
import { makeShopifyOrder } from '../../sims/storefront/index.js';
import { launchBrowser, logInToConsole, type TestBrowser } from '../support/browser.js';
import { eventually } from '../support/hub.js';
import { BROKEN, FIXED, brokenOmsMapping, deadLetterOf, fixOmsMapping, omsMappedWith, restartTestHub } from '../support/mapping-versions.js';
import { getJson, startWorld, type World } from '../support/world.js';

const PASSWORD = 'operator password 2024';
const SHOTS = mkdtempSync(join(tmpdir(), 'hub-mapping-versions-screenshots-'));

let world: World;
let chromium: TestBrowser;
let page: Page;
let orderId: string;

beforeAll(async () => {
  const file = brokenOmsMapping();
  world = await startWorld({ hub: { extra: omsMappedWith(file) } });
  await new Credentials(world.hub.hub.runtime.redis, world.hub.prefix).addUser('olga', 'operator', PASSWORD);
  const sent = await world.store.sendOrderWebhook(world.webhookUrl, makeShopifyOrder(821));
  orderId = (sent.body as { hubOrderId: string }).hubOrderId;
  await deadLetterOf(world.hub.url, orderId);
  fixOmsMapping(file);
  await restartTestHub(world.hub);
  chromium = await launchBrowser();
  page = await chromium.browser.newPage({ viewport: { width: 1280, height: 900 } });
}, 60_000);

afterAll(async () => {
  await chromium?.close();
  await world?.stop();
});

describe('replaying with a mapping version in a browser', () => {
  it('previews the old and the new render and replays with the new one', async () => {
    await logInToConsole(page, world.hub.url, 'olga', PASSWORD);
    await page.goto(`${world.hub.url}/admin/failures`);
    expect(await page.textContent(`[data-mapping="${BROKEN}"]`)).toContain(`rendered with ${BROKEN}`);
    await page.click('text=Preview with the current mapping');
    await page.waitForURL(/\/admin\/failures\/.+\/preview$/);

    expect(await page.isVisible(`[data-render="old"][data-ref="${BROKEN}"]`)).toBe(true);
    expect(await page.isVisible(`[data-render="current"][data-ref="${FIXED}"]`)).toBe(true);
    expect(await page.textContent('[data-render="old"] pre')).not.toContain('<Item>');
    expect(await page.textContent('[data-render="current"] pre')).toContain('<Item>');
    expect(await page.isVisible('pre.diff .add')).toBe(true);
    expect(await page.textContent('pre.diff .add')).toContain('<Item>');
    const added = await page.evaluate<string>('getComputedStyle(document.querySelector("pre.diff .add")).backgroundColor');
    expect(added).toBe('rgb(223, 245, 227)');
    expect(await page.locator('[data-replay-choices] button').allTextContents()).toEqual([`Replay with ${BROKEN}`, `Replay with ${FIXED}`]);
    await page.screenshot({ path: `${SHOTS}/mapping-versions-preview.png`, fullPage: true });

    await page.click(`button:has-text("Replay with ${FIXED}")`);
    await page.waitForURL(/\/admin\/failures\?notice=/);
    expect(await page.textContent('[role="status"]')).toContain(`with ${FIXED}`);
    expect(await page.locator('tr[data-letter]').count()).toBe(0);

    await eventually(async () => ((await getJson<{ state: string }>(`${world.hub.url}/api/orders/${orderId}`)).body.state === 'sent' ? true : undefined), 20_000, 'the order sent');
    await page.goto(`${world.hub.url}/admin/orders/${orderId}`);
    const timeline = await page.textContent('[data-timeline]');
    expect(timeline).toContain(`dead letter replayed with ${FIXED} by olga`);
    expect(timeline).toContain(`rendered with ${FIXED}`);
    await page.screenshot({ path: `${SHOTS}/mapping-versions-order.png`, fullPage: true });
  }, 60_000);
});
