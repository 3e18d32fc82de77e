/**
 * Masking a real payload for the workbench: every channel's sample in mappings/samples
 * loses its e-mail addresses, phone numbers, people's names, street lines and notes,
 * keeps everything else (products' names included), and still maps to a valid
 * canonical order.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadMapping } from '../../src/mapping/index.js';
import { maskSample, PLACEHOLDERS } from '../../src/workbench/mask-sample.js';
import { runSample } from '../../src/workbench/run-sample.js';

function sample(name: string): unknown {
  return JSON.parse(readFileSync(`mappings/samples/${name}.json`, 'utf8'));
}

const CASES = [
  ['shopify-to-canonical', 'shopify-order-1', ['Jon', 'Snow', 'Sansa', 'jon.snow@example.com', 'Jon.Snow@Example.com', '415.555.0123', '(503) 555-0199', '100 Castle Black Rd', '1 Winterfell Way', 'back door']],
  ['woocommerce-to-canonical', 'woocommerce-order-1', ['Ada', 'Lovelace', 'Charles', 'Babbage', 'Ada@Example.com', '415-555-0142', '969 Market St', '12 Difference Ave', 'Gift wrap']],
  ['email-text-order-to-canonical', 'email-text-order-1', ['Ada Lovelace', 'ada@example.org', '+44 20 7946 0000', '12 Example Street', 'Flat 3', 'neighbour']],
  ['email-csv-order-to-canonical', 'email-csv-order-1', ['Grace Hopper', 'Hopper Purchasing', 'purchasing@hopper.example', '+49 30 1234567', 'Hauptstraße 5', 'Ring twice']],
  ['kiosk-order-to-canonical', 'kiosk-order-ship', ['Omar Haddad', 'omar.haddad@example.com', '2101 Pine Street']],
  ['desk-order-to-canonical', 'desk-order-1', ['Katherine Hamilton', 'K.Hamilton@Example.com', '(212) 555-0142', '350 Fifth Avenue', 'Floor 21']],
  ['fax-order-to-canonical', 'fax-order-1', ['orders@babbage.example', '+441632960123', '1 Difference Row']],
] as const;

describe('maskSample', () => {
  it.each(CASES)('masks %s\'s sample %s and it still maps to a valid order', async (mappingId, name, personal) => {
    const masked = maskSample(sample(name));
    const text = JSON.stringify(masked);
    for (const value of personal) expect(text, value).not.toContain(JSON.stringify(value).slice(1, -1));
    const run = runSample(await loadMapping(`mappings/${mappingId}.json`), masked, { channel: 'web', source: 'test' });
    expect(run.mappingProblems).toEqual([]);
    expect(run.schemaProblems).toEqual([]);
  });

  it('keeps product names, ids, amounts and cities, and masks contacts in any text', () => {
    const masked = maskSample({
      line_items: [{ name: 'Direwolf T-Shirt', sku: 'T-1', price: '25.00' }],
      shipping_address: { name: 'Sansa Stark', city: 'Portland', address1: '1 Winterfell Way', address2: '' },
      options: [{ '@name': 'Size', '#text': 'M' }],
      from: { address: 'ada@example.org', name: 'Ada' },
      subject: 'Order from ada@example.org, call +44 20 7946 0000',
      id: 820982911946154,
    }) as Record<string, unknown>;
    expect(masked).toEqual({
      line_items: [{ name: 'Direwolf T-Shirt', sku: 'T-1', price: '25.00' }],
      shipping_address: { name: PLACEHOLDERS.name, city: 'Portland', address1: PLACEHOLDERS.street, address2: '' },
      options: [{ '@name': 'Size', '#text': 'M' }],
      from: { address: PLACEHOLDERS.email, name: PLACEHOLDERS.name },
      subject: 'Order from [email], call [phone]',
      id: 820982911946154,
    });
  });
});
