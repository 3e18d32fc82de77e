/** Webhook/callback signatures and safe XML parsing for untrusted input. */
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { BadInputError } from '../../src/sdk/errors/index.js';
import { hmacSha256, signCallback, verifyHmacSha256 } from '../../src/sdk/signature.js';
import { parseXmlSafely, xmlText } from '../../src/sdk/xml.js';

describe('HMAC signatures', () => {
  const secret = 'whsec_0123456789abcdef';
  const body = Buffer.from('{"id":820982911946154508,"email":"jon@example.com"}');

  it('match an independent HMAC-SHA256 in base64 and hex', () => {
    expect(hmacSha256(secret, body, 'base64')).toBe(createHmac('sha256', secret).update(body).digest('base64'));
    expect(hmacSha256(secret, body.toString(), 'hex')).toBe(createHmac('sha256', secret).update(body).digest('hex'));
    // RFC 4231 test case 2.
    expect(hmacSha256('Jefe', 'what do ya want for nothing?', 'hex'))
      .toBe('5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843');
  });

  it('verify a good signature, ignoring surrounding white space', () => {
    const signature = hmacSha256(secret, body, 'base64');
    expect(verifyHmacSha256(secret, body, signature, 'base64')).toBe(true);
    expect(verifyHmacSha256(secret, body, ` ${signature}\n`, 'base64')).toBe(true);
    expect(verifyHmacSha256(secret, body, hmacSha256(secret, body, 'hex'), 'hex')).toBe(true);
  });

  it('refuse a wrong secret, a changed body, a truncated or empty signature, the wrong encoding', () => {
    const signature = hmacSha256(secret, body, 'base64');
    expect(verifyHmacSha256('other-secret', body, signature, 'base64')).toBe(false);
    expect(verifyHmacSha256(secret, Buffer.concat([body, Buffer.from(' ')]), signature, 'base64')).toBe(false);
    expect(verifyHmacSha256(secret, body, signature.slice(0, -1), 'base64')).toBe(false);
    expect(verifyHmacSha256(secret, body, '', 'base64')).toBe(false);
    expect(verifyHmacSha256(secret, body, signature, 'hex')).toBe(false);
    const flipped = (signature[0] === 'A' ? 'B' : 'A') + signature.slice(1);
    expect(verifyHmacSha256(secret, body, flipped, 'base64')).toBe(false);
  });

  it('accept hex signatures in upper case, but not base64 with its case changed', () => {
    const body = '{"id":1}';
    expect(verifyHmacSha256('k', body, hmacSha256('k', body, 'hex').toUpperCase(), 'hex')).toBe(true);
    const base64 = hmacSha256('k', body, 'base64');
    const flipped = base64.replace(/[a-z]/, (c) => c.toUpperCase());
    expect(flipped).not.toBe(base64);
    expect(verifyHmacSha256('k', body, flipped, 'base64')).toBe(false);
  });

  it('sign callbacks over "<timestamp>.<body>" with the time in seconds', () => {
    const now = new Date('2024-05-01T10:00:00.999Z');
    const headers = signCallback(secret, '{"state":"shipped"}', now);
    const timestamp = String(Math.floor(now.getTime() / 1000));
    expect(headers).toEqual({
      'x-hub-timestamp': timestamp,
      'x-hub-signature-256': `sha256=${createHmac('sha256', secret).update(`${timestamp}.{"state":"shipped"}`).digest('hex')}`,
    });
  });
});

/** The BadInputError `fn` throws (fails the test when it does not). */
function refusal(fn: () => unknown): BadInputError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(BadInputError);
    return error as BadInputError;
  }
  throw new Error('expected a BadInputError');
}

const nested = (levels: number) => `${'<a>'.repeat(levels)}v${'</a>'.repeat(levels)}`;

describe('parseXmlSafely', () => {
  it('parses elements, attributes (prefixed @) and entities, keeping text as text', () => {
    const xml = '<?xml version="1.0" encoding="UTF-8"?><Order id="7"><Sku> 00123 </Sku><Qty>2</Qty><Note>Fish &amp; chips &lt;3</Note><Empty/></Order>';
    expect(parseXmlSafely(xml)).toEqual({
      '?xml': { '@version': '1.0', '@encoding': 'UTF-8' },
      Order: { '@id': '7', Sku: '00123', Qty: '2', Note: 'Fish & chips <3', Empty: '' },
    });
  });

  it('decodes character references', () => {
    expect(parseXmlSafely('<Name>Jos&#233; M&#xFC;ller</Name>')).toEqual({ Name: 'José Müller' });
    expect(parseXmlSafely('<Name>&amp;#233;</Name>')).toEqual({ Name: '&#233;' });
  });

  it('reads buffers as UTF-8 and keeps CDATA as text', () => {
    expect(parseXmlSafely(Buffer.from('<City>Zürich</City>'))).toEqual({ City: 'Zürich' });
    expect(parseXmlSafely('<Note><![CDATA[<b>bold</b> & more]]></Note>')).toEqual({ Note: '<b>bold</b> & more' });
  });

  it('makes the named elements arrays even when there is one', () => {
    expect(parseXmlSafely('<Order><Line><Sku>A</Sku></Line></Order>', { arrays: ['Line'] })).toEqual({ Order: { Line: [{ Sku: 'A' }] } });
    expect(parseXmlSafely('<Order><Line><Sku>A</Sku></Line></Order>')).toEqual({ Order: { Line: { Sku: 'A' } } });
  });

  it.each([
    ['an internal DTD with an entity ("billion laughs")', '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]><lolz>&lol2;</lolz>'],
    ['an external entity (XXE)', '<?xml version="1.0"?><!DOCTYPE foo [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><foo>&xxe;</foo>'],
    ['a bare DOCTYPE', '<!DOCTYPE html><html/>'],
    ['a lower-case doctype', '<!doctype order><order/>'],
    ['an ENTITY declaration on its own', '<!ENTITY x "y"><a>&x;</a>'],
    ['a stylesheet instruction', '<?xml-stylesheet type="text/xsl" href="http://evil/x.xsl"?><a/>'],
  ])('refuses %s', (_what, xml) => {
    const error = refusal(() => parseXmlSafely(xml));
    expect(error).toMatchObject({ code: 'XML_DOCTYPE', kind: 'bad_input', status: 400 });
    expect(error.hint).toContain('without <!DOCTYPE>');
  });

  it('refuses a body over the size limit with 413, counting bytes not characters', () => {
    expect(refusal(() => parseXmlSafely(`<a>${'x'.repeat(100)}</a>`, { maxBytes: 100 }))).toMatchObject({ code: 'XML_TOO_LARGE', status: 413 });
    const text = `<a>${'é'.repeat(30)}</a>`; // 37 characters, 67 bytes
    expect(parseXmlSafely(text, { maxBytes: 67 })).toEqual({ a: 'é'.repeat(30) });
    expect(refusal(() => parseXmlSafely(text, { maxBytes: 66 })).code).toBe('XML_TOO_LARGE');
    expect(refusal(() => parseXmlSafely(`<a>${'x'.repeat(1024 * 1024)}</a>`)).code).toBe('XML_TOO_LARGE');
  });

  it('refuses nesting deeper than the limit (32 by default)', () => {
    expect(xmlText((parseXmlSafely(nested(32)) as { a: unknown }).a)).toBeUndefined();
    expect(refusal(() => parseXmlSafely(nested(33)))).toMatchObject({ code: 'XML_TOO_DEEP', message: 'XML nests deeper than 32 levels' });
    expect(parseXmlSafely(nested(3), { maxDepth: 3 })).toEqual({ a: { a: { a: 'v' } } });
    expect(refusal(() => parseXmlSafely(nested(4), { maxDepth: 3 })).code).toBe('XML_TOO_DEEP');
  });

  it('refuses absurd nesting without blowing the stack', () => {
    expect(refusal(() => parseXmlSafely(nested(50_000))).kind).toBe('bad_input');
  });

  it.each([
    ['mismatched tags', '<a><b></a>'],
    ['plain text', 'not xml at all'],
    ['an empty body', ''],
    ['an unclosed element', '<Order><Sku>A</Sku>'],
    ['a prototype-polluting name', '<a><__proto__><polluted>1</polluted></__proto__></a>'],
  ])('refuses %s as malformed', (_what, xml) => {
    expect(refusal(() => parseXmlSafely(xml)).code).toBe('XML_MALFORMED');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('xmlText', () => {
  it('reads text from strings, numbers, booleans and #text nodes', () => {
    expect(xmlText('A-1')).toBe('A-1');
    expect(xmlText('')).toBe('');
    expect(xmlText(12)).toBe('12');
    expect(xmlText(false)).toBe('false');
    expect(xmlText({ '#text': 'B-2', '@unit': 'ea' })).toBe('B-2');
    expect(xmlText({ '#text': { '#text': 'nested' } })).toBe('nested');
  });

  it('gives undefined for missing values and elements without text', () => {
    expect(xmlText(undefined)).toBeUndefined();
    expect(xmlText(null)).toBeUndefined();
    expect(xmlText({ Sku: 'A' })).toBeUndefined();
    expect(xmlText(['A'])).toBeUndefined();
  });

  it('reads values parsed from real XML', () => {
    const parsed = parseXmlSafely('<Line no="1"><Sku unit="ea">A-1</Sku><Qty>3</Qty></Line>') as { Line: Record<string, unknown> };
    expect(xmlText(parsed.Line.Sku)).toBe('A-1');
    expect(xmlText(parsed.Line.Qty)).toBe('3');
    expect(xmlText(parsed.Line['@no'])).toBe('1');
    expect(xmlText(parsed.Line.Missing)).toBeUndefined();
  });
});
