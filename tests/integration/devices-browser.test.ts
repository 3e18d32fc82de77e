/**
 * The Devices page in a real headless Chromium, as an admin sets up a kiosk: log in,
 * open Devices from the navigation, register a kiosk with the form, read its key's
 * secret once (it is gone from the page when opened again, and the device is listed
 * with its current key), rotate the key, and revoke the device only after ticking the
 * confirmation (the browser itself refuses the form without it: the page has no
 * script). A screenshot of the page with a new key goes to a temporary folder.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Credentials } from '../../src/auth/credentials.js';
import { deriveDeviceSecret } from '../../src/devices/device-keys.js';
import { launchBrowser, logInToConsole, type TestBrowser } from '../support/browser.js';
import { startWorld, type World } from '../support/world.js';

const DEVICE_SECRET = 'devices-browser-key-secret-0123456789abcdef';
const PASSWORD = 'ada admin password 2024';
const SHOTS = mkdtempSync(join(tmpdir(), 'hub-devices-screenshots-'));
const ROW = 'tr[data-device="kiosk-s07-1"]';

let world: World;
let chromium: TestBrowser;
let page: Page;

beforeAll(async () => {
  process.env.TEST_DEVICES_BROWSER_KEY_SECRET = DEVICE_SECRET;
  world = await startWorld({ hub: { extra: { devices: { keySecret: { env: 'TEST_DEVICES_BROWSER_KEY_SECRET' } } } } });
  await new Credentials(world.hub.hub.runtime.redis, world.hub.prefix).addUser('ada', 'admin', PASSWORD);
  chromium = await launchBrowser();
  page = await chromium.browser.newPage({ viewport: { width: 1280, height: 800 } });
}, 60_000);

afterAll(async () => {
  await chromium?.close();
  await world?.stop();
});

describe('the Devices page in a browser', () => {
  it('registers a kiosk, shows its secret once, rotates its key and revokes it', async () => {
    await logInToConsole(page, world.hub.url, 'ada', PASSWORD);
    await page.click('header nav a:has-text("Devices")');
    await page.waitForURL(`${world.hub.url}/admin/devices`);
    expect(await page.textContent('main')).toContain('No devices registered yet');

    await page.fill('form[data-register-device] input[name="id"]', 'kiosk-s07-1');
    await page.fill('form[data-register-device] input[name="store"]', 'S07');
    await page.fill('form[data-register-device] input[name="label"]', 'next to the fitting rooms');
    await page.click('button:has-text("Register device")');
    await page.waitForSelector('[data-issued-key]');
    expect(await page.textContent('[data-issued-key] [role="alert"]')).toContain('Install this key on the kiosk now; it is not shown again.');
    const keyId = (await page.textContent('[data-key-id]'))!;
    const secret = (await page.textContent('[data-secret]'))!;
    expect(secret).toBe(deriveDeviceSecret(DEVICE_SECRET, keyId));
    expect(page.url()).not.toContain(secret);
    expect(await page.locator(`${ROW} [data-key-state="current"]`).getAttribute('data-key')).toBe(keyId);
    await page.screenshot({ path: `${SHOTS}/devices-new-key.png`, fullPage: true });

    await page.click('header nav a:has-text("Devices")');
    await page.waitForURL(`${world.hub.url}/admin/devices`);
    expect(await page.locator('[data-issued-key]').count()).toBe(0);
    expect(await page.content()).not.toContain(secret);
    const row = page.locator(ROW);
    expect(await row.textContent()).toContain('next to the fitting rooms');
    expect(await row.getAttribute('data-status')).toBe('active');

    await row.locator('input[name="overlapHours"]').fill('3');
    await row.locator('button:has-text("Rotate key")').click();
    await page.waitForSelector('[data-issued-key]');
    const newKeyId = (await page.textContent('[data-key-id]'))!;
    expect(newKeyId).not.toBe(keyId);
    expect(await page.textContent('[data-secret]')).toBe(deriveDeviceSecret(DEVICE_SECRET, newKeyId));
    expect(await page.locator(`${ROW} [data-key="${keyId}"]`).getAttribute('data-key-state')).toBe('retiring');

    await page.goto(`${world.hub.url}/admin/devices`);
    const confirm = row.locator('input[name="confirm"]');
    await row.locator('button:has-text("Revoke device")').click();
    expect(await page.evaluate<boolean>(`document.querySelector('${ROW} input[name="confirm"]').validity.valueMissing`)).toBe(true);
    expect(page.url()).toBe(`${world.hub.url}/admin/devices`);
    expect(await row.getAttribute('data-status')).toBe('active');
    await confirm.check();
    await row.locator('button:has-text("Revoke device")').click();
    await page.waitForURL(/\/admin\/devices\?notice=/);
    expect(await page.textContent('[role="status"]')).toContain('Device kiosk-s07-1 revoked');
    expect(await row.getAttribute('data-status')).toBe('revoked');
    expect(await row.locator('form').count()).toBe(0);
  }, 60_000);
});
