/**
 * The pieces that keep hostile input out, one by one: JSON nesting and encoding,
 * the XML shape limits, and card numbers found and masked in text, JSON, XML, plain
 * data and whole envelopes (the integration suite drives them through a real hub).
 */
import { describe, expect, it } from 'vitest';
import { findCardNumbers, isCardNumber, maskCardDigits, maskCardNumbers } from '../../src/obs/scrub.js';
import { fieldKind, maskCardNumbersInEnvelope, maskCardNumbersInValue, maskJson, maskXml } from '../../src/pipeline/card-numbers.js';
import { BadInputError } from '../../src/sdk/errors/index.js';
import { MAX_JSON_DEPTH, parseJsonBody } from '../../src/sdk/parse-raw.js';
import { parseXmlSafely } from '../../src/sdk/xml.js';

function refusal(fn: () => unknown): BadInputError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(BadInputError);
    return error as BadInputError;
  }
  throw new Error('expected a BadInputError');
}

describe('parseJsonBody', () => {
  it(`takes nesting up to ${MAX_JSON_DEPTH} levels and refuses deeper, before parsing`, () => {
    const nested = (levels: number) => `${'['.repeat(levels)}${']'.repeat(levels)}`;
    expect(parseJsonBody(nested(MAX_JSON_DEPTH))).toBeInstanceOf(Array);
    expect(refusal(() => parseJsonBody(nested(MAX_JSON_DEPTH + 1)))).toMatchObject({ code: 'JSON_TOO_DEEP', status: 400 });
    expect(refusal(() => parseJsonBody('['.repeat(100_000))).code).toBe('JSON_TOO_DEEP');
    expect(refusal(() => parseJsonBody(`${'{"a":'.repeat(1000)}1${'}'.repeat(1000)}`)).code).toBe('JSON_TOO_DEEP');
    expect(parseJsonBody(nested(3), { maxDepth: 3 })).toEqual([[[]]]);
    expect(refusal(() => parseJsonBody(nested(4), { maxDepth: 3 })).code).toBe('JSON_TOO_DEEP');
  });

  it('does not count brackets inside strings, escaped quotes included', () => {
    const text = JSON.stringify({ note: `${'['.repeat(500)} "quoted \\" [[[ ${'{'.repeat(500)}` });
    expect(parseJsonBody(text)).toEqual(JSON.parse(text));
  });

  it('refuses bytes that are not UTF-8 instead of replacing them', () => {
    const bad = Buffer.concat([Buffer.from('{"note":"'), Buffer.from([0xc3, 0x28]), Buffer.from('"}')]);
    expect(refusal(() => parseJsonBody(bad))).toMatchObject({ code: 'JSON_ENCODING', status: 400 });
    expect(parseJsonBody(Buffer.from('{"city":"Zürich"}'))).toEqual({ city: 'Zürich' });
    expect(refusal(() => parseJsonBody('{"a":')).code).toBe('JSON_MALFORMED');
  });
});

describe('parseXmlSafely shape limits', () => {
  it.each([
    ['a long attribute', `<a v="${'x'.repeat(8193)}"/>`, 'XML_ATTRIBUTE_TOO_LONG'],
    ['many attributes', `<a ${Array.from({ length: 65 }, (_, i) => `a${i}="1"`).join(' ')}/>`, 'XML_TOO_MANY_ATTRIBUTES'],
    ['many elements', `<r>${'<b/>'.repeat(20_001)}</r>`, 'XML_TOO_MANY_ELEMENTS'],
    ['many references', `<r>${'&amp;'.repeat(10_001)}</r>`, 'XML_TOO_MANY_REFERENCES'],
    ['references in attributes', `<r ${Array.from({ length: 60 }, (_, i) => `a${i}="${'&lt;'.repeat(200)}"`).join(' ')}/>`, 'XML_TOO_MANY_REFERENCES'],
    ['unclosed nesting', '<a>'.repeat(100_000), 'XML_TOO_DEEP'],
  ])('refuses %s', (_what, xml, code) => {
    expect(refusal(() => parseXmlSafely(xml))).toMatchObject({ code, status: 400 });
  });

  it('takes what is within the limits, and counts neither comments, CDATA nor quoted ">" as markup', () => {
    const xml = `<r a="x > y" b='${'z'.repeat(8192)}'><!-- <a><a><a> --><![CDATA[<b><b>&amp;]]>${'<b/>'.repeat(100)}&amp;</r>`;
    const parsed = parseXmlSafely(xml) as { r: Record<string, unknown> };
    expect(parsed.r['@a']).toBe('x > y');
    expect(parseXmlSafely('<r><a/><a/></r>', { maxElements: 3 })).toEqual({ r: { a: ['', ''] } });
    expect(refusal(() => parseXmlSafely('<r><a/><a/><a/></r>', { maxElements: 3 })).code).toBe('XML_TOO_MANY_ELEMENTS');
  });

  it('refuses buffers that are not UTF-8 and keeps parser messages short', () => {
    expect(refusal(() => parseXmlSafely(Buffer.from([0x3c, 0x61, 0x3e, 0xff, 0x3c, 0x2f, 0x61, 0x3e])))).toMatchObject({ code: 'XML_ENCODING' });
    const error = refusal(() => parseXmlSafely(`<a>${'<b>'.repeat(30)}${'x'.repeat(5000)}</a>`));
    expect(error.code).toBe('XML_MALFORMED');
    expect(error.message.length).toBeLessThan(400);
  });
});

describe('card numbers', () => {
  it('are a network prefix and length with a valid Luhn digit', () => {
    for (const pan of ['4111111111111111', '5555555555554444', '2223000048400011', '378282246310005', '30569309025904', '6011111111111117', '3530111333300000', '6200000000000005', '4111111111111111110']) {
      expect(isCardNumber(pan), pan).toBe(true);
    }
    // Luhn-valid, but no network issues them: ids and barcodes.
    for (const other of ['4222222222222', '820982911946155', '1234567812345670', '5555555555554443', '411111111111111', '79927398713000000']) {
      expect(isCardNumber(other), other).toBe(false);
    }
  });

  it('are found with spaces or dashes, beside other numbers, but not inside longer runs', () => {
    const text = 'a 4111 1111 1111 1111 123, b 5555-5555-5555-4444, c 41111111111111119, d ref4111111111111111';
    expect(findCardNumbers(text).map(([s, e]) => text.slice(s, e))).toEqual(['4111 1111 1111 1111', '5555-5555-5555-4444', '4111111111111111']);
    expect(maskCardNumbers(text).text).toBe('a **** **** **** 1111 123, b ****-****-****-4444, c 41111111111111119, d ref************1111');
    expect(maskCardDigits('4111 1111 1111 1111')).toBe('**** **** **** 1111');
    expect(maskCardNumbers('id 4111111111111111', { identifier: true }).count).toBe(0);
    expect(maskCardNumbers('id 4111 1111 1111 1111', { identifier: true }).count).toBe(1);
  });

  it('know a payment token field and an identifier field by name', () => {
    expect(['payment_token', 'paymentToken', 'token', 'PaymentToken'].map(fieldKind)).toEqual(['token', 'token', 'token', 'token']);
    expect(['id', 'variant_id', 'OrderId', 'customerID', 'order-id'].map(fieldKind)).toEqual(Array(5).fill('identifier'));
    expect(['note', 'paid', 'value', 'Notes', undefined].map(fieldKind)).toEqual(Array(5).fill('text'));
  });

  it('are masked in JSON text with its shape kept: strings keep their length, numbers become strings of the same length', () => {
    const text = JSON.stringify({
      id: 4111111111111111, note: 'card 4111 1111 1111 1111', amount: 5555555555554444, payment: { token: '5555555555554444' },
      lines: [{ properties: [{ name: 'n', value: '5555-5555-5555-4444' }] }], 'a/b': '378282246310005', neg: -4111111111111111,
    });
    const masked = maskJson(text);
    expect(masked.text.length).toBe(text.length);
    expect(JSON.parse(masked.text)).toEqual({
      id: 4111111111111111, note: 'card **** **** **** 1111', amount: '**********4444', payment: { token: '5555555555554444' },
      lines: [{ properties: [{ name: 'n', value: '****-****-****-4444' }] }], 'a/b': '***********0005', neg: -4111111111111111,
    });
    expect(masked.paths).toEqual(['/note', '/amount', '/lines/0/properties/0/value', '/a~1b']);
    expect(maskJson('{"note":"\\u0034111111111111111"}')).toEqual({ text: '{"note":"************1111"}', paths: ['/note'] });
  });

  it('are masked in XML text, attributes, CDATA and comments, not in token elements or bare ids', () => {
    const xml = '<Order><OrderId>4111111111111111</OrderId><Notes>card 4111 1111 1111 1111</Notes><Line memo="5555555555554444"/>'
      + '<PaymentToken>5555555555554444</PaymentToken><Gift><![CDATA[4111111111111111]]></Gift><!-- 4111111111111111 --><Ref>&#52;111111111111111</Ref></Order>';
    const masked = maskXml(xml);
    expect(masked.text).toBe('<Order><OrderId>4111111111111111</OrderId><Notes>card **** **** **** 1111</Notes><Line memo="************4444"/>'
      + '<PaymentToken>5555555555554444</PaymentToken><Gift><![CDATA[************1111]]></Gift><!-- ************1111 --><Ref>************1111</Ref></Order>');
    expect(masked.paths).toEqual(['/Order/Notes', '/Order/Line/@memo', '/Order/Gift', '/Order (a comment)', '/Order/Ref']);
    expect(parseXmlSafely(masked.text)).toBeTruthy();
  });

  it('are masked in plain data however deep, without recursion', () => {
    let deep: unknown = { note: '4111111111111111' };
    for (let i = 0; i < 100_000; i++) deep = [deep];
    const result = maskCardNumbersInValue(deep);
    expect(result.paths).toHaveLength(1);
    expect(result.paths[0]!.endsWith('/0/note')).toBe(true);
    expect(maskCardNumbersInValue({ n: 4111111111111111, token: 4111111111111111, variant_id: 4111111111111111, s: ['5555 5555 5555 4444'] }))
      .toEqual({ value: { n: '**********1111', token: 4111111111111111, variant_id: 4111111111111111, s: ['**** **** **** 4444'] }, paths: ['/n', '/s/0'] });
  });

  it('are masked in a whole envelope: bytes, data re-read from the masked bytes, metadata', async () => {
    const body = Buffer.from(JSON.stringify({ id: 7, note: 'Zürich 4111 1111 1111 1111' }));
    const { envelope, paths } = await maskCardNumbersInEnvelope(
      { dedupKey: 'order:7', contentType: 'application/json', body, data: JSON.parse(body.toString()), meta: { via: 'webhook', file: 'card-5555555555554444.json' } },
      (raw) => JSON.parse(raw.body.toString('utf8')),
    );
    expect(paths).toEqual(['/note', '(metadata file)']);
    expect(envelope.body.length).toBe(body.length);
    expect(envelope.body.toString('utf8')).toBe('{"id":7,"note":"Zürich **** **** **** 1111"}');
    expect(envelope.data).toEqual({ id: 7, note: 'Zürich **** **** **** 1111' });
    expect(envelope.meta).toEqual({ via: 'webhook', file: 'card-************4444.json' });
    expect(envelope.dedupKey).toBe('order:7');

    const clean = { dedupKey: 'k', contentType: 'application/json', body: Buffer.from('{"id":820982911946155}'), data: { id: 820982911946155 } };
    expect(await maskCardNumbersInEnvelope(clean, () => { throw new Error('not parsed again'); })).toEqual({ envelope: clean, paths: [] });

    const text = await maskCardNumbersInEnvelope({ dedupKey: 'k', contentType: 'text/plain', body: Buffer.from('call 4111-1111-1111-1111') }, () => undefined);
    expect(text.envelope.body.toString()).toBe('call ****-****-****-1111');
    expect(text.paths).toEqual(['(body)']);
  });
});
