/**
 * Safe XML parsing for untrusted input: no DOCTYPE, no entity declarations (so no
 * "billion laughs" and no external entities), bounded size and depth. Anything else
 * is refused with a BadInputError a person can act on.
 */
import { XMLParser } from 'fast-xml-parser';
import { BadInputError } from './errors/index.js';

export interface SafeXmlOptions {
  maxBytes?: number;
  maxDepth?: number;
  /** Element names that always parse to arrays (e.g. `Line`). */
  arrays?: string[];
}

const FORBIDDEN = /<!DOCTYPE|<!ENTITY|<\?xml-stylesheet/i;

export function parseXmlSafely(input: Buffer | string, options: SafeXmlOptions = {}): Record<string, unknown> {
  const text = typeof input === 'string' ? input : input.toString('utf8');
  const maxBytes = options.maxBytes ?? 1024 * 1024;
  if (Buffer.byteLength(text) > maxBytes) {
    throw new BadInputError(`XML body is larger than ${maxBytes} bytes`, { code: 'XML_TOO_LARGE', status: 413 });
  }
  if (FORBIDDEN.test(text)) {
    throw new BadInputError('XML with a DOCTYPE or entity declarations is refused', {
      code: 'XML_DOCTYPE', hint: 'send plain XML without <!DOCTYPE> or <!ENTITY>',
    });
  }
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
  let parsed: Record<string, unknown>;
  try {
    parsed = parser.parse(text, true) as Record<string, unknown>;
  } catch (error) {
    throw new BadInputError(`XML is not well-formed: ${(error as Error).message}`, { code: 'XML_MALFORMED', cause: error });
  }
  const depth = depthOf(parsed, options.maxDepth ?? 32);
  if (depth > (options.maxDepth ?? 32)) {
    throw new BadInputError(`XML nests deeper than ${options.maxDepth ?? 32} levels`, { code: 'XML_TOO_DEEP' });
  }
  return parsed;
}

function depthOf(value: unknown, limit: number, current = 0): number {
  if (current > limit || value === null || typeof value !== 'object') return current;
  let deepest = current;
  for (const child of Object.values(value)) {
    deepest = Math.max(deepest, depthOf(child, limit, current + 1));
    if (deepest > limit) break;
  }
  return deepest;
}

/** Reads a text value from a parsed element that may be a string or `{ '#text': … }`. */
export function xmlText(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'object' && '#text' in value) return xmlText((value as Record<string, unknown>)['#text']);
  return undefined;
}
