/**
 * The watch list in a real headless Chromium, as an operator follows a parcel in
 * trouble: log in, open the Watch list from the navigation (its count says one order),
 * see the order with what the carrier said, click through to its order page and see the
 * parcel's exception highlighted with the carrier's new date. A screenshot of each page
 * goes to a temporary folder.
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
import { EXCEPTION, EXPECTED_DATE, shipAndHoldUp } from '../support/parcel-events.js';
import { getJson, startWorld, type World } from '../support/world.js';

const PASSWORD = 'otto operator password 2024';
const SHOTS = mkdtempSync(join(tmpdir(), 'hub-watch-screenshots-'));
const TRACKING = '1Z999AA10123456784';

let world: World;
let chromium: TestBrowser;
let page: Page;

beforeAll(async () => {
  world = await startWorld();
  await new Credentials(world.hub.hub.runtime.redis, world.hub.prefix).addUser('otto', 'operator', PASSWORD);
  chromium = await launchBrowser();
  page = await chromium.browser.newPage({ viewport: { width: 1280, height: 800 } });
}, 60_000);

afterAll(async () => {
  await chromium?.close();
  await world?.stop();
});

/** A web order at the OMS, shipped, its parcel held up by the carrier. */
async function heldUpOrder(n: number): Promise<{ id: string; confirmation: string }> {
  const sent = await world.store.sendOrderWebhook(world.webhookUrl, makeShopifyOrder(n));
  const { hubOrderId: id, confirmation } = sent.body as { hubOrderId: string; confirmation: string };
  await eventually(async () => ((await getJson<{ state: string }>(`${world.hub.url}/api/orders/${id}`)).body.state === 'sent' ? true : undefined), 15_000, 'order sent');
  await shipAndHoldUp(world.hub.hub.runtime, id, TRACKING);
  return { id, confirmation };
}

describe('the watch list in a browser', () => {
  it('takes an operator from the watch list to the order whose parcel is held up', async () => {
    const order = await heldUpOrder(7501);
    await logInToConsole(page, world.hub.url, 'otto', PASSWORD);
    expect(await page.textContent('header nav a[href="/admin/watch"] [data-watch-count]')).toBe('1');

    await page.click('header nav a:has-text("Watch list")');
    await page.waitForURL(`${world.hub.url}/admin/watch`);
    const row = page.locator(`tr[data-watched="${order.id}"]`);
    expect(await row.count()).toBe(1);
    expect(await row.textContent()).toContain(EXCEPTION.description);
    expect(await row.locator(`a[href^="https://www.ups.com/"]`).getAttribute('rel')).toBe('noopener noreferrer');
    await page.screenshot({ path: `${SHOTS}/watch.png`, fullPage: true });

    await row.locator(`a:has-text("${order.confirmation}")`).click();
    await page.waitForURL(`${world.hub.url}/admin/orders/${order.id}`);
    const parcel = page.locator(`section[data-parcel="${TRACKING}"]`);
    expect(await parcel.locator('[data-parcel-status]').textContent()).toBe('exception');
    const exception = parcel.locator('[data-exception]');
    expect(await exception.textContent()).toContain(`${EXCEPTION.description} (${EXCEPTION.code})`);
    // Highlighted: the console's error colours, not only the words.
    const background = await page.evaluate<string>(`getComputedStyle(document.querySelector('section[data-parcel="${TRACKING}"] [data-exception]')).backgroundColor`);
    expect(background).toBe('rgb(253, 224, 224)');
    expect(await parcel.locator('[data-expected]').textContent()).toBe(EXPECTED_DATE);
    expect(await parcel.locator('[data-tracking-events] tbody tr').count()).toBe(1);
    await page.screenshot({ path: `${SHOTS}/order-exception.png`, fullPage: true });
  }, 60_000);
});
