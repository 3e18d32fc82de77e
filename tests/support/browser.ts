/**
 * A real headless Chromium for browser tests: Debian's /usr/bin/chromium driven by
 * playwright-core with the flags this machine's closed network needs. Every launch
 * gets a fresh, empty profile that playwright-core makes and removes itself (it
 * refuses a `--user-data-dir` argument). Never downloads a browser; fails loudly when
 * Chromium is missing.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';

export interface TestBrowser {
  browser: Browser;
  close(): Promise<void>;
}

export async function launchBrowser(): Promise<TestBrowser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing: install it with \`bash scripts/ensure-system-deps.sh chromium\``);
  }
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync',
    ],
  });
  return {
    browser,
    async close() {
      await browser.close();
    },
  };
}

/** Logs a console user in through the log-in form; resolves on the dashboard. */
export async function logInToConsole(page: Page, hubUrl: string, username: string, password: string): Promise<void> {
  await page.goto(`${hubUrl}/admin/login`);
  await page.fill('input[name="username"]', username);
  await page.fill('input[name="password"]', password);
  await page.click('button[type="submit"]');
  await page.waitForURL(`${hubUrl}/admin`);
}
