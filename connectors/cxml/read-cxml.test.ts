/**
 * Reading cXML safely: the cXML DOCTYPE line is accepted and never fetched; any other
 * DOCTYPE, internal subset or entity declaration, text that is not UTF-8 and documents
 * that are not cXML are refused with a BadInputError a person can act on.
 */
import { describe, expect, it } from 'vitest';
import { BadInputError } from '../../src/sdk/index.js';
import { readCxml, withoutCxmlDoctype } from './read-cxml.js';

const DOCTYPE = '<!DOCTYPE cXML SYSTEM "http://xml.cxml.org/schemas/cXML/1.2.014/cXML.dtd">';
const BODY = '<cXML payloadID="1@buyer" timestamp="2026-11-23T10:00:00Z"><Request><OrderRequest/></Request></cXML>';

function refusal(text: string | Buffer): BadInputError {
  try {
    readCxml(Buffer.from(text));
  } catch (error) {
    if (error instanceof BadInputError) return error;
    throw error;
  }
  throw new Error('expected the document to be refused');
}

describe('the cXML DOCTYPE line', () => {
  it('is accepted after the declaration and comments, for cXML.dtd and Fulfill.dtd, http and https, any 1.2 version', () => {
    for (const doctype of [DOCTYPE, '<!DOCTYPE cXML SYSTEM "https://xml.cxml.org/schemas/cXML/1.2.060/Fulfill.dtd">', "<!DOCTYPE cXML SYSTEM 'http://xml.cxml.org/schemas/cXML/1.2.021/cXML.dtd' >"]) {
      const root = readCxml(Buffer.from(`<?xml version="1.0" encoding="UTF-8"?>\n<!-- from the buyer -->\n${doctype}\n${BODY}`));
      expect(root['@payloadID']).toBe('1@buyer');
    }
    expect(readCxml(Buffer.from(BODY))['@timestamp']).toBe('2026-11-23T10:00:00Z');
  });

  it('is blanked to spaces of the same length, so parser positions stay right', () => {
    const text = `<?xml version="1.0"?>\n${DOCTYPE}\n${BODY}`;
    const blanked = withoutCxmlDoctype(text);
    expect(blanked).toHaveLength(text.length);
    expect(blanked).not.toContain('DOCTYPE');
  });

  it('refuses an internal subset with entities (XML bomb) and external entities', () => {
    const bomb = `<?xml version="1.0"?><!DOCTYPE cXML [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]><cXML payloadID="&lol2;"/>`;
    expect(refusal(bomb)).toMatchObject({ status: 400, code: 'XML_DOCTYPE', hint: expect.stringContaining('cXML.dtd') });
    const external = `<!DOCTYPE cXML SYSTEM "http://xml.cxml.org/schemas/cXML/1.2.014/cXML.dtd" [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><cXML>&xxe;</cXML>`;
    expect(refusal(external)).toMatchObject({ code: 'XML_DOCTYPE' });
  });

  it('refuses a DOCTYPE naming another DTD or root, a PUBLIC id, and a second DOCTYPE', () => {
    for (const doctype of [
      '<!DOCTYPE cXML SYSTEM "file:///etc/passwd">',
      '<!DOCTYPE cXML SYSTEM "http://attacker.example/cXML.dtd">',
      '<!DOCTYPE Order SYSTEM "http://xml.cxml.org/schemas/cXML/1.2.014/cXML.dtd">',
      '<!DOCTYPE cXML PUBLIC "-//x" "http://xml.cxml.org/schemas/cXML/1.2.014/cXML.dtd">',
    ]) {
      expect(refusal(`${doctype}${BODY}`), doctype).toMatchObject({ code: 'XML_DOCTYPE' });
    }
    expect(refusal(`${DOCTYPE}${DOCTYPE}${BODY}`)).toMatchObject({ code: 'XML_DOCTYPE', message: expect.stringContaining('only its DOCTYPE line') });
    expect(refusal(`${DOCTYPE}<cXML><!ENTITY a "b"></cXML>`)).toMatchObject({ code: 'XML_DOCTYPE' });
  });

  it('reads a long run of blanks before the root quickly (no regular expression over the prolog)', () => {
    const started = performance.now();
    expect(readCxml(Buffer.from(`${' '.repeat(500_000)}${BODY}`))['@payloadID']).toBe('1@buyer');
    expect(refusal(`${'<!-- -->'.repeat(20_000)}<!DOCTYPE cXML [`).code).toBe('XML_DOCTYPE');
    expect(performance.now() - started).toBeLessThan(1000);
  });
});

describe('other refusals', () => {
  it('refuses an empty body, text that is not UTF-8 and another declared encoding', () => {
    expect(refusal('')).toMatchObject({ code: 'EMPTY_BODY' });
    expect(refusal(Buffer.from(BODY.replace('1@buyer', 'Zoë'), 'latin1'))).toMatchObject({ code: 'XML_ENCODING' });
    expect(refusal(`<?xml version="1.0" encoding="ISO-8859-1"?>${BODY}`)).toMatchObject({ code: 'XML_ENCODING', hint: expect.stringContaining('UTF-8') });
  });

  it('refuses malformed XML and a root other than <cXML>', () => {
    expect(refusal('<cXML><Header></cXML>')).toMatchObject({ code: 'XML_MALFORMED', hint: expect.stringContaining('&amp;') });
    expect(refusal('<Order><OrderId>1</OrderId></Order>')).toMatchObject({ code: 'NOT_CXML', message: 'expected one <cXML> root element, found <Order>' });
    expect(refusal('{"order":1}')).toMatchObject({ kind: 'bad_input' });
  });

  it('strips a byte order mark and keeps repeated elements as lists', () => {
    const body = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('<cXML><Request><OrderRequest><ItemOut lineNumber="1"/></OrderRequest></Request></cXML>')]);
    expect(readCxml(body)).toEqual({ Request: { OrderRequest: { ItemOut: [{ '@lineNumber': '1' }] } } });
  });
});
