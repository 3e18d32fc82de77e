/**
 * Bytes of a cXML document → the content of its `<cXML>` root, read with the SDK's safe
 * parser. cXML documents open with `<!DOCTYPE cXML SYSTEM "http://xml.cxml.org/schemas/
 * cXML/1.2.0xx/cXML.dtd">` (or `Fulfill.dtd`): that one line is accepted and blanked
 * before parsing, and never fetched or expanded. Any other DOCTYPE (an internal subset,
 * entity declarations, another DTD) is refused, as is text that is not UTF-8 and a
 * document of an unbounded shape (the safe parser's limits).
 */
import { BadInputError, parseXmlSafely } from '../../src/sdk/index.js';

export type XmlElement = Record<string, unknown>;

/** Elements that may repeat: always lists, even when there is one. */
const REPEATED = [
  'Credential', 'ItemOut', 'Street', 'DeliverTo', 'Contact', 'Email', 'Phone', 'Description',
  'Extrinsic', 'Distribution', 'Classification', 'ConfirmationItem', 'ConfirmationStatus',
  'ShipNoticePortion', 'ShipNoticeItem', 'ShipControl', 'CarrierIdentifier',
];
const CXML_DTD = /^https?:\/\/xml\.cxml\.org\/schemas\/cXML\/1\.2\.\d{3}\/(?:cXML|Fulfill)\.dtd$/;
const DOCTYPE_LINE = /^<!DOCTYPE\s+cXML\s+SYSTEM\s+(?:"([^"]*)"|'([^']*)')\s*>$/;
const UTF8_NAMES = /^(utf-?8|us-ascii|ascii)$/i;
const DECLARED_ENCODING = /^\s*<\?xml[^>]*?\bencoding\s*=\s*["']([^"']*)["']/;
const DOCTYPE_HINT = 'open the document with <!DOCTYPE cXML SYSTEM "http://xml.cxml.org/schemas/cXML/1.2.0xx/cXML.dtd"> or no DOCTYPE: no internal subset, no entity declarations';

const utf8 = new TextDecoder('utf-8', { fatal: true });

export function readCxml(body: Buffer): XmlElement {
  if (body.length === 0) {
    throw new BadInputError('the request has no body', { code: 'EMPTY_BODY', hint: 'POST the cXML document as the request body' });
  }
  const document = parse(withoutCxmlDoctype(decode(body)));
  const roots = Object.keys(document).filter((name) => !name.startsWith('?'));
  if (roots.length !== 1 || roots[0] !== 'cXML') {
    const found = roots.length === 0 ? 'no element' : roots.map((name) => `<${name}>`).join(', ');
    throw new BadInputError(`expected one <cXML> root element, found ${found}`, {
      code: 'NOT_CXML', hint: 'send a cXML 1.2 document: <cXML payloadID="…" timestamp="…"><Header>…</Header><Request>…</Request></cXML>',
    });
  }
  const root = document.cXML;
  return isElement(root) ? root : {};
}

export function isElement(value: unknown): value is XmlElement {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function decode(body: Buffer): string {
  let text: string;
  try {
    text = utf8.decode(body);
  } catch (error) {
    throw new BadInputError('the document is not valid UTF-8 text', { code: 'XML_ENCODING', hint: 'send the cXML document encoded as UTF-8', cause: error });
  }
  const declared = DECLARED_ENCODING.exec(text)?.[1];
  if (declared !== undefined && !UTF8_NAMES.test(declared)) {
    throw new BadInputError(`the XML declares encoding "${declared.slice(0, 30)}"; only UTF-8 is accepted`, {
      code: 'XML_ENCODING', hint: 'send the document encoded as UTF-8 with encoding="UTF-8" in the declaration',
    });
  }
  return text;
}

/**
 * The text with the cXML DOCTYPE line (if any) blanked to spaces of the same length, so
 * positions in parser messages still point at the right place. Scans the prolog by
 * hand (declaration, comments, blanks): no regular expression runs over the whole text.
 */
export function withoutCxmlDoctype(text: string): string {
  const start = doctypeStart(text);
  if (start === undefined) return text;
  const end = text.indexOf('>', start);
  const line = end === -1 ? text.slice(start, start + 200) : text.slice(start, end + 1);
  const match = DOCTYPE_LINE.exec(line);
  const systemId = match?.[1] ?? match?.[2];
  if (systemId === undefined || !CXML_DTD.test(systemId)) {
    throw new BadInputError('only the cXML DOCTYPE line is accepted: this document declares another DOCTYPE, an internal subset or entities', {
      code: 'XML_DOCTYPE', hint: DOCTYPE_HINT,
    });
  }
  return text.slice(0, start) + ' '.repeat(line.length) + text.slice(start + line.length);
}

/** Where `<!DOCTYPE` starts, if it comes in the prolog (after the declaration, comments and blanks). */
function doctypeStart(text: string): number | undefined {
  let at = skipBlanks(text, 0);
  if (text.startsWith('<?xml', at)) {
    const end = text.indexOf('?>', at);
    if (end === -1) return undefined;
    at = skipBlanks(text, end + 2);
  }
  while (text.startsWith('<!--', at)) {
    const end = text.indexOf('-->', at + 4);
    if (end === -1) return undefined;
    at = skipBlanks(text, end + 3);
  }
  return text.startsWith('<!DOCTYPE', at) ? at : undefined;
}

function skipBlanks(text: string, from: number): number {
  let at = from;
  while (at < text.length && ' \t\r\n'.includes(text[at]!)) at++;
  return at;
}

function parse(text: string): XmlElement {
  try {
    return parseXmlSafely(text, { arrays: REPEATED });
  } catch (error) {
    if (error instanceof BadInputError && error.code === 'XML_DOCTYPE') {
      throw new BadInputError('a cXML document may carry only its DOCTYPE line: a second DOCTYPE or an entity declaration is refused', {
        code: 'XML_DOCTYPE', hint: DOCTYPE_HINT, cause: error,
      });
    }
    if (error instanceof BadInputError && error.code === 'XML_MALFORMED') {
      throw new BadInputError(error.message, {
        code: error.code, cause: error, hint: 'check that every element is closed and that & and < in text are written as &amp; and &lt;',
      });
    }
    throw error;
  }
}
