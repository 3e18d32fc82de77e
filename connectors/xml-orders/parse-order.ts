/**
 * Bytes of an `<Order>` document (docs/protocols.md, "Order XML v1") → plain data for
 * the inbound mapping: the content of the `<Order>` element, parsed by the SDK's safe
 * parser (no DOCTYPE, no entities), every value text, and the repeated elements
 * (`Line`, `Option`) always arrays, even when there is only one.
 */
import { BadInputError, parseXmlSafely } from '../../src/sdk/index.js';

export type XmlOrderData = Record<string, unknown>;

const ROOT = 'Order';
const REPEATED = ['Line', 'Option'];
const SUPPORTED_VERSIONS = ['1'];
const UTF8_NAMES = /^(utf-?8|us-ascii|ascii)$/i;
const DECLARED_ENCODING = /^\s*<\?xml[^>]*?\bencoding\s*=\s*["']([^"']*)["']/;

const utf8 = new TextDecoder('utf-8', { fatal: true });

export function parseXmlOrder(body: Buffer): XmlOrderData {
  if (body.length === 0) {
    throw new BadInputError('the request has no body', { code: 'EMPTY_BODY', hint: 'POST the <Order> document as the request body' });
  }
  const document = parseDocument(decodeUtf8(body));
  const roots = Object.keys(document).filter((name) => !name.startsWith('?'));
  if (roots.length !== 1 || roots[0] !== ROOT) {
    const found = roots.length === 0 ? 'no element' : roots.map((name) => `<${name}>`).join(', ');
    throw new BadInputError(`expected one <Order> root element, found ${found}`, {
      code: 'NOT_AN_ORDER', hint: 'send one order per request as an <Order> document (docs/protocols.md, "Order XML v1")',
    });
  }
  const order = document[ROOT];
  const content: XmlOrderData = typeof order === 'object' && order !== null && !Array.isArray(order) ? order as XmlOrderData : {};
  const version = content['@version'];
  if (version !== undefined && !SUPPORTED_VERSIONS.includes(String(version))) {
    throw new BadInputError(`<Order version="${String(version).slice(0, 20)}"> is not supported (supported: ${SUPPORTED_VERSIONS.join(', ')})`, {
      code: 'UNSUPPORTED_VERSION', hint: 'send version="1" (or leave the attribute out)',
    });
  }
  return content;
}

function decodeUtf8(body: Buffer): string {
  let text: string;
  try {
    text = utf8.decode(body);
  } catch (error) {
    throw new BadInputError('the order is not valid UTF-8 text', {
      code: 'XML_ENCODING', hint: 'send the XML encoded as UTF-8', cause: error,
    });
  }
  const declared = DECLARED_ENCODING.exec(text)?.[1];
  if (declared !== undefined && !UTF8_NAMES.test(declared)) {
    throw new BadInputError(`the XML declares encoding "${declared.slice(0, 30)}"; only UTF-8 is accepted`, {
      code: 'XML_ENCODING', hint: 'send the XML encoded as UTF-8 with encoding="UTF-8" (or no encoding) in the declaration',
    });
  }
  return text;
}

function parseDocument(text: string): Record<string, unknown> {
  try {
    return parseXmlSafely(text, { arrays: REPEATED });
  } catch (error) {
    if (error instanceof BadInputError && error.code === 'XML_MALFORMED') {
      throw new BadInputError(error.message, {
        code: error.code, cause: error,
        hint: 'check that every element is closed and that & and < in text are written as &amp; and &lt;',
      });
    }
    throw error;
  }
}
