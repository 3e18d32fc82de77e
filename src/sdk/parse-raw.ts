/**
 * Default parsing of a raw envelope into plain data for the inbound mapping:
 * JSON for JSON content types, safe XML for XML ones.
 *
 * JSON must be UTF-8 (RFC 8259): bytes that are not are refused, not replaced with
 * U+FFFD. Nesting is bounded (`MAX_JSON_DEPTH`) and counted over the text before it is
 * parsed, so a document of 100,000 `[` is refused at once and no later step (mapping,
 * logging, copying) ever meets data deep enough to exhaust the stack.
 */
import { BadInputError } from './errors/index.js';
import type { RawEnvelope } from './connector.js';
import { parseXmlSafely } from './xml.js';

/** Deepest nesting of arrays and objects accepted in a JSON body. */
export const MAX_JSON_DEPTH = 64;

const utf8 = new TextDecoder('utf-8', { fatal: true });

export interface JsonOptions {
  maxDepth?: number;
}

export function parseJsonBody(body: Buffer | string, options: JsonOptions = {}): unknown {
  const text = typeof body === 'string' ? body : decodeUtf8(body);
  const maxDepth = options.maxDepth ?? MAX_JSON_DEPTH;
  // A text no longer than the limit cannot nest deeper than it.
  if (text.length > maxDepth) checkDepth(text, maxDepth);
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new BadInputError(`body is not valid JSON: ${(error as Error).message}`, { code: 'JSON_MALFORMED', cause: error });
  }
}

function decodeUtf8(body: Buffer): string {
  try {
    return utf8.decode(body);
  } catch (error) {
    throw new BadInputError('body is not valid UTF-8 text', {
      code: 'JSON_ENCODING', hint: 'send JSON encoded as UTF-8 (RFC 8259)', cause: error,
    });
  }
}

const QUOTE = 0x22, BACKSLASH = 0x5c, OPEN_ARRAY = 0x5b, OPEN_OBJECT = 0x7b, CLOSE_ARRAY = 0x5d, CLOSE_OBJECT = 0x7d;

/** Refuses JSON text whose arrays and objects nest deeper than `maxDepth`; strings are skipped whole. */
function checkDepth(text: string, maxDepth: number): void {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      i = stringEnd(text, i + 1);
    } else if (c === OPEN_ARRAY || c === OPEN_OBJECT) {
      if (++depth > maxDepth) {
        throw new BadInputError(`JSON nests deeper than ${maxDepth} levels`, {
          code: 'JSON_TOO_DEEP', hint: `an order nests a few levels deep; the hub takes at most ${maxDepth}`,
        });
      }
    } else if (c === CLOSE_ARRAY || c === CLOSE_OBJECT) {
      depth--;
    }
  }
}

/** Index of the quote closing the string whose content starts at `from` (the text's length when unclosed). */
export function stringEnd(text: string, from: number): number {
  for (let at = text.indexOf('"', from); at !== -1; at = text.indexOf('"', at + 1)) {
    let backslashes = 0;
    while (text.charCodeAt(at - 1 - backslashes) === BACKSLASH) backslashes++;
    if (backslashes % 2 === 0) return at;
  }
  return text.length;
}

export function parseRawByContentType(raw: RawEnvelope): unknown {
  const type = raw.contentType.toLowerCase();
  if (type.includes('json')) return parseJsonBody(raw.body);
  if (type.includes('xml')) return parseXmlSafely(raw.body);
  throw new BadInputError(`no parser for content type ${raw.contentType}`, {
    code: 'UNSUPPORTED_CONTENT_TYPE', hint: 'give the connector a parse() for this format', status: 415,
  });
}
