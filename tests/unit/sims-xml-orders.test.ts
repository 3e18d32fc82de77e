/**
 * The XML order simulator: deterministic, realistic documents (3–8 lines, about 2–4 KB)
 * that the xml-orders connector accepts when signed with signXmlOrder, and that the
 * inbound mapping turns into valid canonical orders whose totals add up.
 */
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseXmlOrder } from '../../connectors/xml-orders/parse-order.js';
import { receiveOrder } from '../../connectors/xml-orders/receive-order.js';
import { loadMapping } from '../../src/mapping/index.js';
import { newConfirmation, validateCanonicalOrder, type Totals } from '../../src/model/index.js';
import { verifyHmacSha256 } from '../../src/sdk/index.js';
import { makeXmlOrder, planXmlOrder, signXmlOrder, xmlOrderIdFor } from '../../sims/xml-orders/index.js';

const MAPPINGS = resolve(import.meta.dirname, '../../mappings');
const SECRET = 'sim-test-xml-order-secret';
const HUB_FIELDS = {
  schemaVersion: 1, hubOrderId: '01KAAAAAAAAAAAAAAAAAAAAAAA', confirmation: newConfirmation(), channel: 'api', source: 'xml-in',
  provenance: { rawRef: 'r', mappingId: 'm', mappingVersion: '1' },
};

describe('makeXmlOrder', () => {
  it('is deterministic, unique per number, 3–8 lines and about 2–4 KB', () => {
    expect(makeXmlOrder(7)).toBe(makeXmlOrder(7));
    const lineCounts = new Set<number>();
    for (let n = 1; n <= 300; n++) {
      const xml = makeXmlOrder(n);
      const lines = planXmlOrder(n).lines.length;
      lineCounts.add(lines);
      expect(lines).toBeGreaterThanOrEqual(3);
      expect(lines).toBeLessThanOrEqual(8);
      expect(Buffer.byteLength(xml)).toBeGreaterThan(1800);
      expect(Buffer.byteLength(xml)).toBeLessThan(4300);
      expect(xml).toContain(`<OrderId>${xmlOrderIdFor(n)}</OrderId>`);
    }
    expect([...lineCounts].sort()).toEqual([3, 4, 5, 6, 7, 8]);
  });

  it('escapes text and parses back to its plan, with every line and option', () => {
    for (let n = 1; n <= 50; n++) {
      const plan = planXmlOrder(n);
      const parsed = parseXmlOrder(Buffer.from(makeXmlOrder(n)));
      const lines = (parsed.Lines as { Line: Array<Record<string, unknown>> }).Line;
      expect(lines.map((line) => line.Sku)).toEqual(plan.lines.map((line) => line.sku));
      expect(lines.map((line) => (line.Options as { Option: unknown[] }).Option.length)).toEqual(plan.lines.map((line) => line.options.length));
      expect(parsed.Notes ?? null).toBe(plan.notes);
    }
  });
});

describe('signXmlOrder', () => {
  it('gives the headers the connector accepts, over the exact bytes', () => {
    const body = makeXmlOrder(3);
    const now = Date.parse('2026-11-23T12:00:00Z');
    const headers = signXmlOrder(body, SECRET, now);
    expect(headers).toEqual({ 'content-type': 'application/xml; charset=utf-8', 'x-order-timestamp': String(now / 1000), 'x-order-signature': expect.stringMatching(/^sha256=[0-9a-f]{64}$/) });
    expect(verifyHmacSha256(SECRET, `${now / 1000}.${body}`, headers['x-order-signature']!.slice('sha256='.length), 'hex')).toBe(true);
    const result = receiveOrder({ secret: SECRET, toleranceSeconds: 300 },
      { method: 'POST', path: '', query: {}, headers, body: Buffer.from(body), receivedAt: new Date(now) }, now);
    expect(result.kind === 'order' && result.envelope.dedupKey).toBe(`order:${xmlOrderIdFor(3)}`);
  });
});

describe('xml-order-to-canonical on simulator orders', () => {
  it('maps 100 orders to valid canonical orders whose totals add up and that the OMS mapping renders', async () => {
    const inbound = await loadMapping(join(MAPPINGS, 'xml-order-to-canonical.json'));
    const outbound = await loadMapping(join(MAPPINGS, 'canonical-to-oms-xml.json'));
    for (let n = 1; n <= 100; n++) {
      const plan = planXmlOrder(n);
      const mapped = inbound.apply(parseXmlOrder(Buffer.from(makeXmlOrder(n))));
      const validation = validateCanonicalOrder({ ...mapped, ...HUB_FIELDS });
      expect(validation.ok ? [] : validation.errors, `order ${n}`).toEqual([]);
      const { subtotal, shipping, tax, discount, grandTotal } = mapped.totals as Totals;
      expect(subtotal + shipping + tax - discount, `order ${n} totals`).toBe(grandTotal);
      expect(grandTotal).toBe(plan.grandTotalCents);
      if (!validation.ok) continue;
      expect(validation.order.lines.map((line) => [line.sku, line.quantity, line.unitPrice])).toEqual(
        plan.lines.map((line) => [line.sku, line.quantity, line.unitPriceCents]));
      expect(validation.order.lines[0]!.options).toEqual(Object.fromEntries(plan.lines[0]!.options));
      expect(outbound.render(validation.order).body).toContain(`<ExternalId>${plan.orderId}</ExternalId>`);
    }
  });
});
