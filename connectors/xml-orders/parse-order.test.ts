/**
 * The connector's parse: an <Order> document to the plain data the inbound mapping
 * reads, with Line and Option always lists; the mapping samples are exactly what it gives.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pino } from 'pino';
import connector from './index.js';
import { parseXmlOrder } from './parse-order.js';
import { standInServices } from '../../src/sdk/testkit/stand-ins.js';

const SAMPLES = resolve(import.meta.dirname, '../../mappings/samples');

describe('parseXmlOrder', () => {
  it.each(['xml-order-1', 'xml-order-jpy-pickup'])('gives exactly the mapping sample <name>.json from <name>.xml: %s', (name) => {
    const parsed = parseXmlOrder(readFileSync(resolve(SAMPLES, `${name}.xml`)));
    expect(parsed).toEqual(JSON.parse(readFileSync(resolve(SAMPLES, `${name}.json`), 'utf8')));
  });

  it('makes a single Line and a single Option lists, and keeps every value as text', () => {
    const parsed = parseXmlOrder(Buffer.from(
      '<Order><OrderId>007</OrderId><Lines><Line number="1"><Quantity>2</Quantity><Options><Option name="Size">M</Option></Options></Line></Lines></Order>'));
    expect(parsed).toEqual({
      OrderId: '007',
      Lines: { Line: [{ '@number': '1', Quantity: '2', Options: { Option: [{ '@name': 'Size', '#text': 'M' }] } }] },
    });
  });

  it('decodes character references and CDATA, and strips a byte order mark', () => {
    const body = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('<Order><OrderId>1</OrderId><Notes>Caf&#233; &amp; bar</Notes><Sku><![CDATA[<A&B>]]></Sku></Order>')]);
    expect(parseXmlOrder(body)).toEqual({ OrderId: '1', Notes: 'Café & bar', Sku: '<A&B>' });
  });
});

describe('the connector instance', () => {
  it('parses stored envelopes the same way, whatever content type they were stored with', async () => {
    const instance = await connector.create({
      instanceId: 'xml-in', channel: 'api', config: { secret: 'x'.repeat(16), toleranceSeconds: 300 }, log: pino({ level: 'silent' }), fileLayouts: [], ...standInServices(),
    });
    const body = readFileSync(resolve(SAMPLES, 'xml-order-1.xml'));
    expect(instance.parse!({ contentType: 'text/plain', body, meta: {} })).toEqual(parseXmlOrder(body));
    expect(await instance.check!()).toEqual({ ok: true, detail: 'push only: nothing to reach' });
  });
});
