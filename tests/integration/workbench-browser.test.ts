/**
 * The mapping workbench in a real headless Chromium, as an integrator uses it: open it
 * from the navigation, pick the Shopify mapping, paste a sample with a mistake and see
 * the problem at its mapping field and input path (the sample still in the form), fix
 * the sample and see the canonical result, then save it as a golden test — written into
 * the hub's temporary copy of the mapping, where `runGoldenTests` passes it. The page has
 * no script: every step is a form post. Screenshots go to a temporary folder.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Credentials } from '../../src/auth/credentials.js';
import { runGoldenTests } from '../../src/mapping/index.js';
import { launchBrowser, logInToConsole, type TestBrowser } from '../support/browser.js';
import { copyMapping, webShopMappedWith, type MappingCopy } from '../support/mapping-copy.js';
import { startWorld, type World } from '../support/world.js';

const PASSWORD = 'ivy integrator password 2024';
const SHOTS = mkdtempSync(join(tmpdir(), 'hub-workbench-screenshots-'));

let world: World;
let copy: MappingCopy;
let chromium: TestBrowser;
let page: Page;

beforeAll(async () => {
  copy = copyMapping('shopify-to-canonical');
  world = await startWorld({ hub: { extra: webShopMappedWith(copy) } });
  await new Credentials(world.hub.hub.runtime.redis, world.hub.prefix).addUser('ivy', 'integrator', PASSWORD);
  chromium = await launchBrowser();
  page = await chromium.browser.newPage({ viewport: { width: 1280, height: 900 } });
}, 60_000);

afterAll(async () => {
  await chromium?.close();
  await world?.stop();
});

/** The repository's first Shopify sample, with its second line's quantity as given. */
function shopifySample(quantity: unknown): string {
  const sample = JSON.parse(readFileSync(resolve('mappings/samples/shopify-order-1.json'), 'utf8')) as { line_items: Array<{ quantity: unknown }> };
  sample.line_items[1]!.quantity = quantity;
  return JSON.stringify(sample, null, 2);
}

describe('the mapping workbench in a browser', () => {
  it('shows a mistake at its field, the result once fixed, and saves it as a golden test', async () => {
    await logInToConsole(page, world.hub.url, 'ivy', PASSWORD);
    await page.click('header nav a:has-text("Workbench")');
    await page.waitForURL(`${world.hub.url}/admin/workbench`);
    await page.screenshot({ path: `${SHOTS}/workbench-list.png`, fullPage: true });
    await page.click('tr[data-mapping="shopify-to-canonical"] a');
    await page.waitForURL(`${world.hub.url}/admin/workbench/shopify-to-canonical`);
    expect(await page.textContent('[data-mapping-id]')).toBe('shopify-to-canonical');

    const broken = shopifySample('two');
    await page.fill('textarea[name="sample"]', broken);
    await page.click('button:has-text("Run")');
    await page.waitForSelector('[data-run="problems"]');
    const problem = page.locator('[data-mapping-problems] tr[data-target="/lines/1/quantity"]');
    expect(await problem.getAttribute('data-source')).toBe('/line_items/1/quantity');
    expect(await problem.textContent()).toContain('"two" is not an integer');
    expect(await page.inputValue('textarea[name="sample"]')).toBe(broken);
    expect(await page.locator('[data-save-form]').count()).toBe(0);
    await page.screenshot({ path: `${SHOTS}/workbench-problem.png`, fullPage: true });

    const fixed = (await page.inputValue('textarea[name="sample"]')).replace('"quantity": "two"', '"quantity": 1');
    await page.fill('textarea[name="sample"]', fixed);
    await page.click('button:has-text("Run")');
    await page.waitForSelector('[data-run="ok"]');
    const result = JSON.parse((await page.textContent('[data-result]'))!) as { externalId: string; lines: Array<{ quantity: number }> };
    expect(result.externalId).toBe('820982911946154508');
    expect(result.lines[1]!.quantity).toBe(1);
    await page.screenshot({ path: `${SHOTS}/workbench-result.png`, fullPage: true });

    await page.fill('[data-save-form] input[name="name"]', 'browser-order-1');
    await page.click('button:has-text("Save as golden test")');
    await page.waitForURL(/\/admin\/workbench\/shopify-to-canonical\?notice=/);
    expect(await page.textContent('[role="status"]')).toContain('Golden test browser-order-1 saved');

    const saved = JSON.parse(readFileSync(join(copy.folder, 'samples', 'browser-order-1.canonical.json'), 'utf8')) as unknown;
    expect(saved).toEqual(result);
    const results = await runGoldenTests(copy.file);
    expect(results.find((r) => r.name === 'browser-order-1')?.passed).toBe(true);
    expect(results.every((r) => r.passed)).toBe(true);
  }, 60_000);
});
