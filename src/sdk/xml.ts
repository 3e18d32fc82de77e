/**
 * Safe XML parsing for untrusted input: no DOCTYPE, no entity declarations (so no
 * "billion laughs" and no external entities: nothing is expanded, fetched or read),
 * text that is UTF-8, and bounded size, depth, element count, attributes per element,
 * attribute length and references. The bounds are checked by one linear scan before
 * the parser runs, so a hostile document is refused in about a millisecond instead of
 * holding the event loop while it is parsed. Anything else is refused with a
 * BadInputError a person can act on.
 */
import { XMLParser } from 'fast-xml-parser';
import { BadInputError } from './errors/index.js';

export interface SafeXmlOptions {
  maxBytes?: number;
  maxDepth?: number;
  /** Elements in the whole document (default 20,000). */
  maxElements?: number;
  /** Attributes on one element (default 64). */
  maxAttributes?: number;
  /** Characters in one attribute value (default 8,192). */
  maxAttributeLength?: number;
  /** Entity and character references (`&amp;`, `&#233;`) in the whole document (default 10,000). */
  maxReferences?: number;
  /** Element names that always parse to arrays (e.g. `Line`). */
  arrays?: string[];
}

export const XML_LIMITS = {
  maxBytes: 1024 * 1024,
  maxDepth: 32,
  maxElements: 20_000,
  maxAttributes: 64,
  maxAttributeLength: 8192,
  maxReferences: 10_000,
} as const;

type Limits = { -readonly [K in keyof typeof XML_LIMITS]: number };

const FORBIDDEN = /<!DOCTYPE|<!ENTITY|<\?xml-stylesheet/i;
/** Parser messages can quote the document; a problem answer quotes no more than this. */
const MAX_MESSAGE = 300;

const utf8 = new TextDecoder('utf-8', { fatal: true });

export function parseXmlSafely(input: Buffer | string, options: SafeXmlOptions = {}): Record<string, unknown> {
  const limits: Limits = { ...XML_LIMITS };
  for (const key of Object.keys(XML_LIMITS) as Array<keyof Limits>) {
    if (options[key] !== undefined) limits[key] = options[key];
  }
  const bytes = typeof input === 'string' ? Buffer.byteLength(input) : input.length;
  if (bytes > limits.maxBytes) {
    throw new BadInputError(`XML body is larger than ${limits.maxBytes} bytes`, { code: 'XML_TOO_LARGE', status: 413 });
  }
  const text = typeof input === 'string' ? input : decodeUtf8(input);
  if (FORBIDDEN.test(text)) {
    throw new BadInputError('XML with a DOCTYPE or entity declarations is refused', {
      code: 'XML_DOCTYPE', hint: 'send plain XML without <!DOCTYPE> or <!ENTITY>',
    });
  }
  checkShape(text, limits);
  const arrays = new Set(options.arrays ?? []);
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@',
    processEntities: true,
    // Also decodes character references (&#233; &#xE9;), which XML requires; without it they stay literal.
    htmlEntities: true,
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: true,
    isArray: (name) => arrays.has(name),
  });
  try {
    return parser.parse(text, true) as Record<string, unknown>;
  } catch (error) {
    const message = (error as Error).message;
    throw new BadInputError(`XML is not well-formed: ${message.length > MAX_MESSAGE ? `${message.slice(0, MAX_MESSAGE)}…` : message}`, {
      code: 'XML_MALFORMED', cause: error,
    });
  }
}

function decodeUtf8(input: Buffer): string {
  try {
    return utf8.decode(input);
  } catch (error) {
    throw new BadInputError('XML is not valid UTF-8 text', { code: 'XML_ENCODING', hint: 'send the XML encoded as UTF-8', cause: error });
  }
}

const LT = 0x3c, GT = 0x3e, SLASH = 0x2f, BANG = 0x21, QUESTION = 0x3f, EQUALS = 0x3d, QUOTE = 0x22, APOSTROPHE = 0x27;

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
}

/**
 * One pass over the document counting what the limits bound. It does not judge
 * well-formedness (the parser does); it only makes sure the parser gets nothing that
 * would take it long.
 */
function checkShape(text: string, limits: Limits): void {
  const n = text.length;
  let depth = 0;
  let elements = 0;
  let references = 0;
  const countReferences = (from: number, to: number) => {
    for (let at = text.indexOf('&', from); at !== -1 && at < to; at = text.indexOf('&', at + 1)) references++;
    if (references > limits.maxReferences) {
      throw limit('XML_TOO_MANY_REFERENCES', `XML has more than ${limits.maxReferences} entity or character references`);
    }
  };
  const skipPast = (end: string, from: number) => {
    const at = text.indexOf(end, from);
    return at === -1 ? n : at + end.length;
  };
  let i = 0;
  while (i < n) {
    const lt = text.indexOf('<', i);
    countReferences(i, lt === -1 ? n : lt);
    if (lt === -1) break;
    const next = text.charCodeAt(lt + 1);
    if (next === BANG) {
      i = text.startsWith('<!--', lt) ? skipPast('-->', lt + 4) : text.startsWith('<![CDATA[', lt) ? skipPast(']]>', lt + 9) : skipPast('>', lt);
      continue;
    }
    if (next === QUESTION) {
      i = skipPast('?>', lt + 2);
      continue;
    }
    if (next === SLASH) {
      depth--;
      i = skipPast('>', lt);
      continue;
    }
    if (++elements > limits.maxElements) throw limit('XML_TOO_MANY_ELEMENTS', `XML has more than ${limits.maxElements} elements`);
    let j = lt + 1;
    while (j < n && !isSpace(text.charCodeAt(j)) && text.charCodeAt(j) !== GT && text.charCodeAt(j) !== SLASH) j++;
    let attributes = 0;
    let selfClosing = false;
    while (j < n) {
      while (j < n && isSpace(text.charCodeAt(j))) j++;
      if (j >= n) break;
      const c = text.charCodeAt(j);
      if (c === GT) {
        j++;
        break;
      }
      if (c === SLASH && text.charCodeAt(j + 1) === GT) {
        selfClosing = true;
        j += 2;
        break;
      }
      const nameStart = j;
      while (j < n) {
        const d = text.charCodeAt(j);
        if (isSpace(d) || d === EQUALS || d === GT || (d === SLASH && text.charCodeAt(j + 1) === GT)) break;
        j++;
      }
      if (j === nameStart) j++; // a stray character: the parser will say what is wrong
      while (j < n && isSpace(text.charCodeAt(j))) j++;
      if (text.charCodeAt(j) !== EQUALS) continue;
      j++;
      while (j < n && isSpace(text.charCodeAt(j))) j++;
      const quote = text.charCodeAt(j);
      if (quote !== QUOTE && quote !== APOSTROPHE) continue;
      const end = text.indexOf(quote === QUOTE ? '"' : "'", j + 1);
      const valueEnd = end === -1 ? n : end;
      if (++attributes > limits.maxAttributes) {
        throw limit('XML_TOO_MANY_ATTRIBUTES', `an XML element has more than ${limits.maxAttributes} attributes`);
      }
      if (valueEnd - j - 1 > limits.maxAttributeLength) {
        throw limit('XML_ATTRIBUTE_TOO_LONG', `an XML attribute value is longer than ${limits.maxAttributeLength} characters`);
      }
      countReferences(j + 1, valueEnd);
      j = valueEnd + 1;
    }
    if (!selfClosing && ++depth > limits.maxDepth) throw limit('XML_TOO_DEEP', `XML nests deeper than ${limits.maxDepth} levels`);
    i = j;
  }
}

function limit(code: string, message: string): BadInputError {
  return new BadInputError(message, { code, hint: 'the hub takes documents of a bounded shape (docs/operations.md, "Bad input at the door")' });
}

/** Reads a text value from a parsed element that may be a string or `{ '#text': … }`. */
export function xmlText(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'object' && '#text' in value) return xmlText((value as Record<string, unknown>)['#text']);
  return undefined;
}
