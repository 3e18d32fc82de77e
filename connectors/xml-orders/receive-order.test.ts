/** Edge cases of XML order intake at the door: signature, timestamp, XML safety, root and order id. */
import { describe, expect, it } from 'vitest';
import { BadInputError, UnauthorizedError, hmacSha256, type InboundRequest } from '../../src/sdk/index.js';
import type { XmlOrdersConfig } from './config.js';
import { parseXmlOrder } from './parse-order.js';
import { receiveOrder } from './receive-order.js';

const SECRET = 'unit-test-xml-order-secret';
const NOW = Date.parse('2026-11-23T12:00:00Z');
const CONFIG: XmlOrdersConfig = { secret: SECRET, toleranceSeconds: 300 };

const ORDER = `<?xml version="1.0" encoding="UTF-8"?>
<Order version="1">
  <OrderId>PO-1001</OrderId>
  <PlacedAt>2026-11-23T11:58:00Z</PlacedAt>
  <Currency>USD</Currency>
  <Customer><Name>Ada Lovelace</Name></Customer>
  <Lines><Line number="1"><Sku>SKU-1</Sku><Quantity>1</Quantity><UnitPrice>9.99</UnitPrice></Line></Lines>
  <Totals><Subtotal>9.99</Subtotal><GrandTotal>9.99</GrandTotal></Totals>
</Order>`;

const BOMB = `<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
<Order><OrderId>&lol2;</OrderId></Order>`;

/** The signature of `body` sent at `timestamp`, as the connector expects it. */
function signature(body: string | Buffer, timestamp: string, secret = SECRET): string {
  return hmacSha256(secret, Buffer.concat([Buffer.from(`${timestamp}.`), Buffer.from(body)]), 'hex');
}

function signed(body: string | Buffer, headers: Record<string, string | undefined> = {}): Record<string, string> {
  const timestamp = headers['x-order-timestamp'] ?? String(Math.floor(NOW / 1000) - 5);
  const all: Record<string, string | undefined> = {
    'content-type': 'application/xml',
    'x-order-signature': `sha256=${signature(body, timestamp)}`,
    'x-order-timestamp': timestamp,
    ...headers,
  };
  return Object.fromEntries(Object.entries(all).filter((entry): entry is [string, string] => entry[1] !== undefined));
}

function request(body: string | Buffer, headers: Record<string, string>, overrides: Partial<InboundRequest> = {}): InboundRequest {
  return { method: 'POST', path: '', query: {}, headers, body: Buffer.from(body), receivedAt: new Date(NOW), ...overrides };
}

function refusal(body: string | Buffer, headers: Record<string, string>, overrides: Partial<InboundRequest> = {}): unknown {
  try {
    receiveOrder(CONFIG, request(body, headers, overrides), NOW);
  } catch (error) {
    return error;
  }
  throw new Error('expected the request to be refused');
}

describe('a good order', () => {
  it('is keyed by its <OrderId>, keeps the exact bytes and needs no further checks', () => {
    const result = receiveOrder(CONFIG, request(ORDER, signed(ORDER)), NOW);
    expect(result).toEqual({
      kind: 'order',
      envelope: {
        dedupKey: 'order:PO-1001', externalId: 'PO-1001', contentType: 'application/xml', body: Buffer.from(ORDER), meta: { via: 'xml-post' },
        data: parseXmlOrder(Buffer.from(ORDER)),
      },
    });
  });

  it('gives the same key when the same order is sent again later', () => {
    const first = receiveOrder(CONFIG, request(ORDER, signed(ORDER)), NOW);
    const again = receiveOrder(CONFIG, request(ORDER, signed(ORDER, { 'x-order-timestamp': String(NOW / 1000 + 120) })), NOW + 120_000);
    expect(first.kind === 'order' && again.kind === 'order' && again.envelope.dedupKey === first.envelope.dedupKey).toBe(true);
  });

  it('accepts a sha256= prefix, upper-case hex and an ISO 8601 timestamp', () => {
    const headers = signed(ORDER, {
      'x-order-signature': signature(ORDER, new Date(NOW + 30_000).toISOString()).toUpperCase(),
      'x-order-timestamp': new Date(NOW + 30_000).toISOString(),
    });
    expect(receiveOrder(CONFIG, request(ORDER, headers), NOW).kind).toBe('order');
  });

  it('trims the order id as the parser reads it', () => {
    const body = ORDER.replace('<OrderId>PO-1001</OrderId>', '<OrderId>\n    PO-1001\n  </OrderId>');
    const result = receiveOrder(CONFIG, request(body, signed(body)), NOW);
    expect(result.kind === 'order' && result.envelope.dedupKey).toBe('order:PO-1001');
  });
});

describe('authentication', () => {
  it('refuses a missing signature with 401', () => {
    const error = refusal(ORDER, signed(ORDER, { 'x-order-signature': undefined }));
    expect(error).toBeInstanceOf(UnauthorizedError);
    expect(error).toMatchObject({ code: 'MISSING_SIGNATURE', hint: expect.stringContaining('X-Order-Signature') });
  });

  it('refuses a signature made with another secret, over other bytes, or in base64', () => {
    const timestamp = String(Math.floor(NOW / 1000) - 5);
    const wrongSecret = signed(ORDER, { 'x-order-timestamp': timestamp, 'x-order-signature': signature(ORDER, timestamp, 'some-other-secret-0123') });
    expect(refusal(ORDER, wrongSecret)).toMatchObject({ kind: 'unauthorized', code: 'BAD_SIGNATURE' });
    const tampered = ORDER.replace('9.99', '0.01');
    expect(refusal(tampered, signed(ORDER))).toMatchObject({ kind: 'unauthorized', code: 'BAD_SIGNATURE' });
    const base64 = signed(ORDER, { 'x-order-signature': hmacSha256(SECRET, `${timestamp}.${ORDER}`, 'base64') });
    expect(refusal(ORDER, base64)).toMatchObject({ kind: 'unauthorized', code: 'BAD_SIGNATURE' });
    const bodyOnly = signed(ORDER, { 'x-order-signature': hmacSha256(SECRET, ORDER, 'hex') });
    expect(refusal(ORDER, bodyOnly)).toMatchObject({ kind: 'unauthorized', code: 'BAD_SIGNATURE' });
  });

  it('refuses a captured request sent again with a fresh timestamp: the timestamp is signed', () => {
    const captured = signed(ORDER, { 'x-order-timestamp': String(NOW / 1000 - 3600) });
    const replayed = { ...captured, 'x-order-timestamp': String(NOW / 1000) };
    expect(refusal(ORDER, replayed)).toMatchObject({ kind: 'unauthorized', code: 'BAD_SIGNATURE' });
  });

  it('refuses a stale or future timestamp beyond the tolerance with 401', () => {
    const stale = refusal(ORDER, signed(ORDER, { 'x-order-timestamp': String(NOW / 1000 - 301) }));
    expect(stale).toBeInstanceOf(UnauthorizedError);
    expect(stale).toMatchObject({ code: 'STALE_TIMESTAMP', message: expect.stringContaining('tolerance 300 s') });
    const future = refusal(ORDER, signed(ORDER, { 'x-order-timestamp': new Date(NOW + 3600_000).toISOString() }));
    expect(future).toMatchObject({ kind: 'unauthorized', code: 'STALE_TIMESTAMP' });
    expect(receiveOrder({ ...CONFIG, toleranceSeconds: 600 }, request(ORDER, signed(ORDER, { 'x-order-timestamp': String(NOW / 1000 - 301) })), NOW).kind).toBe('order');
  });

  it('refuses a missing or unreadable timestamp with 401', () => {
    expect(refusal(ORDER, signed(ORDER, { 'x-order-timestamp': undefined }))).toMatchObject({ kind: 'unauthorized', code: 'MISSING_TIMESTAMP' });
    expect(refusal(ORDER, signed(ORDER, { 'x-order-timestamp': 'yesterday' }))).toMatchObject({ kind: 'unauthorized', code: 'BAD_TIMESTAMP' });
  });

  it('checks the signature before reading the XML', () => {
    expect(refusal(BOMB, signed(BOMB, { 'x-order-signature': '00' }))).toMatchObject({ kind: 'unauthorized', code: 'BAD_SIGNATURE' });
  });
});

describe('the XML', () => {
  it('refuses malformed XML with 400 and says what to fix', () => {
    const body = ORDER.replace('</Customer>', '');
    const error = refusal(body, signed(body));
    expect(error).toBeInstanceOf(BadInputError);
    expect(error).toMatchObject({ status: 400, code: 'XML_MALFORMED', message: expect.stringMatching(/not well-formed/), hint: expect.stringContaining('&amp;') });
    expect(refusal('', signed(''))).toMatchObject({ status: 400, code: 'EMPTY_BODY' });
    expect(refusal('{"id":1}', signed('{"id":1}'))).toMatchObject({ status: 400, code: 'XML_MALFORMED' });
  });

  it('refuses a DOCTYPE with entities (XML bomb) and external entities with 400', () => {
    const error = refusal(BOMB, signed(BOMB));
    expect(error).toBeInstanceOf(BadInputError);
    expect(error).toMatchObject({ status: 400, code: 'XML_DOCTYPE', hint: expect.stringContaining('without <!DOCTYPE>') });
    const external = '<?xml version="1.0"?><!DOCTYPE Order SYSTEM "file:///etc/passwd"><Order><OrderId>1</OrderId></Order>';
    expect(refusal(external, signed(external))).toMatchObject({ status: 400, code: 'XML_DOCTYPE' });
  });

  it('refuses a document whose root is not <Order>, or that has several roots, with 400', () => {
    const other = '<StatusUpdate><EventId>1</EventId></StatusUpdate>';
    const error = refusal(other, signed(other));
    expect(error).toBeInstanceOf(BadInputError);
    expect(error).toMatchObject({ status: 400, code: 'NOT_AN_ORDER', message: 'expected one <Order> root element, found <StatusUpdate>' });
    const twice = '<Order><OrderId>1</OrderId></Order><Order><OrderId>2</OrderId></Order>';
    expect(refusal(twice, signed(twice))).toMatchObject({ status: 400, code: 'XML_MALFORMED', message: expect.stringContaining('root') });
    const sibling = '<Order><OrderId>1</OrderId></Order><Other/>';
    expect(refusal(sibling, signed(sibling))).toMatchObject({ status: 400, code: 'NOT_AN_ORDER', message: expect.stringContaining('<Order>, <Other>') });
    const orders = '<Orders><Order><OrderId>1</OrderId></Order></Orders>';
    expect(refusal(orders, signed(orders))).toMatchObject({ status: 400, code: 'NOT_AN_ORDER' });
  });

  it('refuses an order without a usable <OrderId> with 400', () => {
    for (const body of [
      ORDER.replace('<OrderId>PO-1001</OrderId>', ''),
      ORDER.replace('<OrderId>PO-1001</OrderId>', '<OrderId>  </OrderId>'),
      ORDER.replace('<OrderId>PO-1001</OrderId>', '<OrderId>1</OrderId><OrderId>2</OrderId>'),
      '<Order/>',
    ]) {
      expect(refusal(body, signed(body))).toMatchObject({ kind: 'bad_input', status: 400, code: 'MISSING_ORDER_ID' });
    }
    const long = ORDER.replace('PO-1001', 'X'.repeat(101));
    expect(refusal(long, signed(long))).toMatchObject({ status: 400, code: 'BAD_ORDER_ID' });
  });

  it('refuses text that is not UTF-8, and other declared encodings', () => {
    const latin1 = Buffer.from(ORDER.replace('Ada Lovelace', 'Zoë'), 'latin1');
    expect(refusal(latin1, signed(latin1))).toMatchObject({ status: 400, code: 'XML_ENCODING' });
    const declared = ORDER.replace('encoding="UTF-8"', 'encoding="ISO-8859-1"');
    expect(refusal(declared, signed(declared))).toMatchObject({ status: 400, code: 'XML_ENCODING', hint: expect.stringContaining('UTF-8') });
  });

  it('refuses an unknown format version', () => {
    const body = ORDER.replace('version="1">', 'version="2">');
    expect(refusal(body, signed(body))).toMatchObject({ status: 400, code: 'UNSUPPORTED_VERSION' });
  });
});

describe('the route', () => {
  it('takes only POST to the instance itself', () => {
    expect(refusal(ORDER, signed(ORDER), { method: 'GET' })).toMatchObject({ kind: 'bad_input', status: 405, code: 'METHOD' });
    expect(refusal(ORDER, signed(ORDER), { path: '/status' })).toMatchObject({ kind: 'bad_input', status: 404, code: 'NOT_FOUND' });
  });
});
