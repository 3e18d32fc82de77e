/**
 * `hub dry-run` as an integrator runs it: the real command on a configuration written by
 * the test support, whose Redis URL points where nothing listens (a dry run never connects).
 * A Shopify order through web-shop is accepted, routed to oms-main and rendered as the OMS
 * XML; an XML order goes through its connector's own parse; a broken order prints the
 * mapping problem with its field and input path, or the canonical pointer that fails, and
 * exits 2; a target whose outbound mapping refuses the order exits 3; usage mistakes exit 1.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeTestConfig } from '../support/hub.js';

const run = promisify(execFile);
const SAMPLES = resolve(import.meta.dirname, '../../mappings/samples');
const XML_SECRET = 'test-xml-orders-secret-0123456789';

let configFile = '';
const work = mkdtempSync(join(tmpdir(), 'hub-dry-run-'));

/** An outbound mapping that needs a payment token, which no sample order has. */
const STRICT_MAPPING = {
  id: 'needs-token', version: '1', from: 'canonical/order@1', to: 'strict/v1', format: 'json',
  fields: { '/order': { path: '/hubOrderId' }, '/token': { path: '/payment/token' } },
};

beforeAll(() => {
  process.env.TEST_XML_ORDERS_SECRET = XML_SECRET;
  writeFileSync(join(work, 'needs-token.json'), JSON.stringify(STRICT_MAPPING));
  const target = (outbound: string) => ({
    connector: 'oms-xml-http', settings: { url: 'http://127.0.0.1:9', callbackSecret: { env: 'TEST_OMS_CALLBACK_SECRET' } }, mappings: { outbound },
  });
  configFile = writeTestConfig({
    redisUrl: 'redis://127.0.0.1:9', omsUrl: 'http://127.0.0.1:9',
    extra: {
      routing: {
        default: 'oms-main',
        rules: [
          { when: { path: '/shipTo/region', equals: 'WA' }, target: 'oms-main' },
          { when: { path: '/externalId', equals: 'CSV-1' }, target: 'oms-files' },
          { when: { path: '/externalId', equals: 'STRICT-1' }, target: 'oms-strict' },
        ],
      },
      instances: {
        'b2b-portal': {
          connector: 'xml-orders', channel: 'api', settings: { secret: { env: 'TEST_XML_ORDERS_SECRET' } },
          mappings: { inbound: resolve('mappings/xml-order-to-canonical.json') },
        },
        'oms-files': target(resolve('mappings/canonical-to-oms-csv.json')),
        'oms-strict': target(join(work, 'needs-token.json')),
      },
    },
  }).file;
});

afterAll(() => rmSync(work, { recursive: true, force: true }));

async function dryRun(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const command = ['--import', 'tsx', 'src/cli/main.ts', 'dry-run', ...args, '--config', configFile];
  return run(process.execPath, command, { env: process.env }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
  );
}

/** A copy of a sample with one change, in the test's own folder. */
type ShopifyOrder = { admin_graphql_api_id: string; line_items: Array<Record<string, unknown>> };

function changedSample(name: string, change: (order: ShopifyOrder) => void): string {
  const order = JSON.parse(readFileSync(join(SAMPLES, 'shopify-order-1.json'), 'utf8')) as ShopifyOrder;
  change(order);
  const file = join(work, name);
  writeFileSync(file, JSON.stringify(order));
  return file;
}

describe('hub dry-run', () => {
  it('runs a Shopify order through web-shop: accepted, routed to oms-main, rendered as the OMS XML, exit 0', async () => {
    const { code, stdout } = await dryRun('web-shop', join(SAMPLES, 'shopify-order-1.json'));
    expect(stdout).toContain('nothing is stored, nothing is delivered');
    expect(stdout).toMatch(/ok {3}parse +as application\/json \(the default parser\)/);
    expect(stdout).toContain('shopify-to-canonical@1.0.0');
    expect(stdout).toMatch(/ok {3}validate a valid canonical\/order@1/);
    expect(stdout).toMatch(/ok {3}route +oms-main: default route/);
    expect(stdout).toContain('canonical-to-oms-xml@1.0.0 for oms-main: application/xml');
    expect(stdout).toContain('<OrderRequest version="1">');
    expect(stdout).toContain('<Item>TSHIRT-BLK-M</Item>');
    expect(stdout).toContain('<Total>72.30</Total>');
    expect(stdout).toContain('accepted: the hub would record the order');
    expect(code).toBe(0);
  });

  it('parses an XML order with its connector\'s own parse and says which routing rule matched', async () => {
    const { code, stdout } = await dryRun('b2b-portal', join(SAMPLES, 'xml-order-1.xml'));
    expect(stdout).toContain('by the xml-orders connector\'s parse');
    expect(stdout).toMatch(/route +oms-main: routing rule 1 matched/);
    expect(stdout).toContain('<ExternalId>PO-2026-004711</ExternalId>');
    expect(code).toBe(0);
  });

  it('prints the mapping problem with the mapping field and the input path, and exits 2', async () => {
    const file = changedSample('broken.json', (order) => { order.line_items[0]!.quantity = 'two'; });
    const { code, stdout } = await dryRun('web-shop', file);
    expect(stdout).toMatch(/FAIL map +shopify-to-canonical@1\.0\.0 .*: 1 problem/);
    expect(stdout).toContain('- /lines/0/quantity ← /line_items/0/quantity: "two" is not an integer');
    expect(stdout).toMatch(/-- +validate +not reached/);
    expect(stdout).toContain('needs review: the hub would record the order in needs_review with 1 reason');
    expect(code).toBe(2);
  });

  it('prints a canonical validation problem with its pointer, and exits 2', async () => {
    const file = changedSample('zero.json', (order) => { order.line_items[1]!.quantity = 0; });
    const { code, stdout } = await dryRun('web-shop', file);
    expect(stdout).toMatch(/FAIL validate 1 problem/);
    expect(stdout).toContain('- /lines/1/quantity must be >= 1');
    expect(code).toBe(2);
  });

  it('renders for a target that takes files: the order alone in a batch file, as the hub checks it fits', async () => {
    const file = changedSample('csv.json', (order) => { order.admin_graphql_api_id = 'gid://shopify/Order/CSV-1'; });
    const { code, stdout } = await dryRun('web-shop', file);
    expect(stdout).toMatch(/route +oms-files: routing rule 2 matched/);
    expect(stdout).toMatch(/render +canonical-to-oms-csv@[\d.]+ for oms-files: text\/csv/);
    expect(stdout).toContain('TSHIRT-BLK-M');
    expect(code).toBe(0);
  });

  it('says when the target\'s outbound mapping refuses an accepted order, and exits 3', async () => {
    const file = changedSample('strict.json', (order) => { order.admin_graphql_api_id = 'gid://shopify/Order/STRICT-1'; });
    const { code, stdout } = await dryRun('web-shop', file);
    expect(stdout).toMatch(/FAIL render +needs-token@1 for oms-strict: 1 problem; the delivery would be a dead letter/);
    expect(stdout).toContain('- /token ← /payment/token: required value is missing');
    expect(stdout).toContain('accepted, but oms-strict\'s outbound mapping refuses it');
    expect(code).toBe(3);
  });

  it('refuses an unknown instance, an instance orders do not come in through, and an unknown file type, with exit 1', async () => {
    const [unknown, target, odd] = await Promise.all([
      dryRun('nope', join(SAMPLES, 'shopify-order-1.json')),
      dryRun('oms-main', join(SAMPLES, 'shopify-order-1.json')),
      dryRun('web-shop', join(work, 'order.dat')),
    ]);
    expect(unknown.stderr).toMatch(/has no instance "nope" \(it has web-shop, woo-shop, oms-main, b2b-portal, oms-files, oms-strict\)/);
    expect(unknown.code).toBe(1);
    expect(target.stderr).toContain('instance oms-main takes no orders');
    expect(target.code).toBe(1);
    expect(odd.stderr).toContain('give --content-type');
    expect(odd.code).toBe(1);
  });
});
