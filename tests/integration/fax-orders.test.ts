/**
 * The fax channel end to end: faxes of our printed order form (rendered by the form
 * renderer, sent as G4 TIFF like a fax server stores them) dropped into the watched
 * inbox, read by offline OCR in a normalize worker, judged against the catalog and the
 * customer directory, delivered to the OMS, and confirmed back by fax through the
 * gateway's drop folder.
 * - a clean fax → order captured, delivered; the OMS acknowledges → confirmation faxed
 * - a fax whose total is not the sum of its lines → review → an operator corrects the
 *   total in Chromium beside the fax image → accepted and delivered, correction on the timeline
 * - the same fax twice → one order
 * - a page that is not our form → review saying so
 */
import { mkdtempSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Credentials } from '../../src/auth/credentials.js';
import { loadFormLayout, type FormLayout } from '../../src/forms/form-layout.js';
import { renderFormPng } from '../../src/forms/render-form.js';
import { deliverFax, startFaxGateway, type FaxGateway } from '../../sims/fax-gateway/index.js';
import { launchBrowser, logInToConsole } from '../support/browser.js';
import { startSshd, type TestSshd } from '../support/sshd.js';
import { eventually } from '../support/hub.js';
import { getJson, startWorld, type World } from '../support/world.js';

const INSTANCE = 'fax-in';
const SFTP_INSTANCE = 'fax-sftp';
const SFTP_KEY_ENV = 'TEST_FAX_SFTP_KEY';
const OPERATOR_PASSWORD = 'operator password 2026';
/** Hill Farm Vets in data/customers.csv: no e-mail address, so confirmations go by fax. */
const CUSTOMER = { account: '10539261', phone: '441632960781' };

let world: World;
let gateway: FaxGateway;
let sshd: TestSshd;
let layout: FormLayout;
const inbox = mkdtempSync(join(tmpdir(), 'fax-inbox-'));
const outbox = mkdtempSync(join(tmpdir(), 'fax-outbox-'));

beforeAll(async () => {
  layout = await loadFormLayout(resolve('mappings/forms/order-form-v1.json'));
  gateway = await startFaxGateway({ outbox });
  sshd = await startSshd();
  process.env[SFTP_KEY_ENV] = sshd.privateKey;
  world = await startWorld({
    hub: {
      extra: {
        instances: {
          [INSTANCE]: {
            connector: 'fax-orders',
            channel: 'fax',
            settings: {
              inbox: { folder: inbox }, gateway: { folder: outbox },
              forms: [resolve('mappings/forms/order-form-v1.json')], catalog: resolve('data/catalog.csv'), customers: resolve('data/customers.csv'),
              settleMs: 0, pollIntervalMs: 300,
            },
            mappings: { inbound: resolve('mappings/fax-order-to-canonical.json') },
          },
          // The fax server's SFTP drop, on a real OpenSSH server.
          [SFTP_INSTANCE]: {
            connector: 'fax-orders',
            channel: 'fax',
            settings: {
              inbox: { sftp: { host: sshd.host, port: sshd.port, username: sshd.username, privateKey: { env: SFTP_KEY_ENV }, hostKeyFingerprint: sshd.hostKeyFingerprint, folder: sshd.paths.outbox } },
              forms: [resolve('mappings/forms/order-form-v1.json')], catalog: resolve('data/catalog.csv'), customers: resolve('data/customers.csv'),
              settleMs: 0, pollIntervalMs: 300,
            },
            mappings: { inbound: resolve('mappings/fax-order-to-canonical.json') },
          },
        },
      },
    },
  });
  await new Credentials(world.hub.hub.runtime.redis, world.hub.prefix).addUser('olga', 'operator', OPERATOR_PASSWORD);
}, 60_000);

afterAll(async () => {
  await world?.stop();
  await gateway?.close();
  await sshd?.stop();
});

const ORDER = {
  account: CUSTOMER.account, phone: CUSTOMER.phone,
  'lines.1.sku': 'PEN2041K', 'lines.1.quantity': '2', 'lines.1.unitPrice': '2490',
  'lines.2.sku': 'GEL3310K', 'lines.2.quantity': '1', 'lines.2.unitPrice': '1140',
  total: '6120',
};

/** Our form filled in print and stored as a fine-resolution G4 fax TIFF. */
async function faxOf(values: Record<string, string>): Promise<Buffer> {
  const png = await renderFormPng(layout, { dpi: 204, fill: { values, style: 'printed-sans', seed: 7 } });
  const dotsPerMm = 204 / 25.4;
  return sharp(png).greyscale().threshold(160).toColourspace('b-w').tiff({ compression: 'ccittfax4', bitdepth: 1, xres: dotsPerMm, yres: dotsPerMm }).toBuffer();
}

interface OrderView {
  hubOrderId: string;
  confirmation: string;
  state: string;
  order?: { lines: Array<{ sku: string; quantity: number; unitPrice: number }>; totals: { grandTotal: number }; customer: { accountNumber?: string } };
  status: { review?: { reasons: string[] } };
  timeline: Array<{ stage: string; summary: string; actor?: string; detail?: Record<string, unknown> }>;
}

async function orderOfFile(file: string): Promise<OrderView> {
  const id = await eventually(async () => {
    const ids = await world.hub.hub.runtime.redis.zrange(world.hub.hub.runtime.keys.reviewQueue(), '0', '-1');
    for (const candidate of [...ids, ...(await capturedIds())] as string[]) {
      const raw = await world.hub.hub.runtime.store.getRaw(candidate);
      if (raw?.meta.file === file) return candidate;
    }
    return undefined;
  }, 30_000, `the order of ${file}`);
  return (await getJson<OrderView>(`${world.hub.url}/api/orders/${id}`)).body;
}

/** Orders captured by the fax instance, found through the channel's reference index. */
async function capturedIds(): Promise<string[]> {
  const keys = await world.hub.hub.runtime.redis.keys(`${world.hub.prefix}:raw:*`);
  return keys.map((k) => k.slice(k.lastIndexOf(':') + 1));
}

async function settledView(id: string, states: string[]): Promise<OrderView> {
  return eventually(async () => {
    const view = (await getJson<OrderView>(`${world.hub.url}/api/orders/${id}`)).body;
    return states.includes(view.state) ? view : undefined;
  }, 60_000, `order ${id} in ${states.join(' or ')}`);
}

describe('a clean fax of our order form', () => {
  it('becomes an order, is delivered to the OMS, and the confirmation is faxed back', async () => {
    await deliverFax(inbox, 'fax-clean.tif', await faxOf(ORDER));
    const captured = await orderOfFile('fax-clean.tif');
    const view = await settledView(captured.hubOrderId, ['sent', 'acknowledged', 'needs_review']);
    expect(view.status.review?.reasons ?? []).toEqual([]);
    expect(view.order!.lines.map((l) => [l.sku, l.quantity, l.unitPrice])).toEqual([['PEN2041K', 2, 2490], ['GEL3310K', 1, 1140]]);
    expect(view.order!.totals.grandTotal).toBe(6120);
    expect(view.order!.customer.accountNumber).toBe(CUSTOMER.account);
    await eventually(() => world.oms.orders().some((o) => o.hubOrderId === captured.hubOrderId) || undefined, 15_000, 'the order at the OMS');
    expect(await readdir(join(inbox, 'processed'))).toContain('fax-clean.tif');

    world.oms.emitStatus(captured.hubOrderId, 'ACKNOWLEDGED');
    const fax = await gateway.waitFor((f) => f.file.includes(view.confirmation), 15_000, 'the confirmation fax');
    expect(fax.to).toBe(CUSTOMER.phone);
    expect(fax.file).toBe(`${CUSTOMER.phone}_${view.confirmation}_confirmed.pdf`);
    expect((await PDFDocument.load(fax.bytes)).getPageCount()).toBe(1);
    const after = (await getJson<OrderView>(`${world.hub.url}/api/orders/${captured.hubOrderId}`)).body;
    expect(after.timeline.some((e) => e.stage === 'notify' && e.summary === 'faxed the customer: confirmed')).toBe(true);
  });

  it('sent twice is one order', async () => {
    const bytes = await faxOf({ ...ORDER, 'lines.1.quantity': '3', total: '8610' });
    await deliverFax(inbox, 'fax-twice-a.tif', bytes);
    await deliverFax(inbox, 'fax-twice-b.tif', bytes);
    await eventually(async () => {
      const processed: string[] = await readdir(join(inbox, 'processed')).catch(() => []);
      return processed.includes('fax-twice-a.tif') && processed.includes('fax-twice-b.tif') ? true : undefined;
    }, 30_000, 'both files read');
    const first = await orderOfFile('fax-twice-a.tif');
    const owners = [];
    for (const id of await capturedIds()) {
      const raw = await world.hub.hub.runtime.store.getRaw(id);
      if (raw?.meta.file?.startsWith('fax-twice-')) owners.push(id);
    }
    expect(owners).toEqual([first.hubOrderId]);
  });
});

describe('a fax on the fax server\'s SFTP drop', () => {
  it('is read over SFTP, becomes an order, and is moved to processed on the server after capture', async () => {
    const drop = sshd.localPath(sshd.paths.outbox);
    await deliverFax(drop, 'fax-sftp.tif', await faxOf({ ...ORDER, 'lines.1.quantity': '4', total: '11100' }));
    const captured = await orderOfFile('fax-sftp.tif');
    const view = await settledView(captured.hubOrderId, ['sent', 'acknowledged', 'needs_review']);
    expect(view.status.review?.reasons ?? []).toEqual([]);
    expect(view.order!.lines.map((l) => [l.sku, l.quantity])).toEqual([['PEN2041K', 4], ['GEL3310K', 1]]);
    await eventually(async () => ((await readdir(join(drop, 'processed')).catch(() => [] as string[])).includes('fax-sftp.tif') ? true : undefined), 15_000, 'the fax moved on the server');
    expect(await readdir(drop)).not.toContain('fax-sftp.tif');
  });
});

describe('a doubtful fax', () => {
  it('goes to review, and an operator corrects it beside the image in the browser; then it is delivered', async () => {
    await deliverFax(inbox, 'fax-bad-total.tif', await faxOf({ ...ORDER, total: '6220' }));
    const captured = await orderOfFile('fax-bad-total.tif');
    const view = await settledView(captured.hubOrderId, ['needs_review']);
    expect(view.status.review!.reasons).toContain('total: the total on the form (62.20) is not the sum of the lines (61.20)');

    const chromium = await launchBrowser();
    try {
      const page = await chromium.browser.newPage({ viewport: { width: 1400, height: 900 } });
      await logInToConsole(page, world.hub.url, 'olga', OPERATOR_PASSWORD);
      await page.goto(`${world.hub.url}/admin/failures`);
      await page.click(`tr[data-review="${captured.hubOrderId}"] a:text("Review")`);
      await page.waitForURL(`${world.hub.url}/admin/review/${captured.hubOrderId}`);
      const image = page.locator('.pages img').first();
      await image.waitFor();
      expect(await image.evaluate((img) => (img as unknown as { complete: boolean; naturalWidth: number }).complete && (img as unknown as { naturalWidth: number }).naturalWidth > 500)).toBe(true);
      const total = page.locator('tr[data-field="total"]');
      expect(await total.getAttribute('class')).toBe('doubt');
      expect(await total.locator('.why').textContent()).toContain('not the sum of the lines');
      await total.locator('input').fill('6120');
      await page.click('form.fields button[type="submit"]');
      await page.waitForURL(new RegExp(`/admin/orders/${captured.hubOrderId}`));
      expect(await page.locator('[role="status"]').textContent()).toContain('accepted, routed to oms-main');
    } finally {
      await chromium.close();
    }
    await eventually(() => world.oms.orders().some((o) => o.hubOrderId === captured.hubOrderId) || undefined, 15_000, 'the corrected order at the OMS');
    const after = (await getJson<OrderView>(`${world.hub.url}/api/orders/${captured.hubOrderId}`)).body;
    expect(after.order!.totals.grandTotal).toBe(6120);
    const decision = after.timeline.find((e) => e.stage === 'admin' && e.summary.startsWith('accepted in review'));
    expect(decision).toMatchObject({ summary: 'accepted in review with 1 correction(s)', actor: 'olga', detail: { corrections: [{ field: 'total', read: '6220', corrected: '6120' }] } });
  }, 90_000);

  it('that is not our form goes to review saying so', async () => {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="1654" height="2339"><rect width="100%" height="100%" fill="white"/><text x="150" y="300" font-size="60" font-family="DejaVu Sans">FAX - To: Orders - please send us a catalogue</text></svg>';
    await deliverFax(inbox, 'fax-letter.png', await sharp(Buffer.from(svg)).greyscale().png().toBuffer());
    const captured = await orderOfFile('fax-letter.png');
    const view = await settledView(captured.hubOrderId, ['needs_review']);
    expect(view.status.review!.reasons.join(' ')).toMatch(/no page is our order form/);
  }, 60_000);
});
