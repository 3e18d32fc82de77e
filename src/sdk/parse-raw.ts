/**
 * Default parsing of a raw envelope into plain data for the inbound mapping:
 * JSON for JSON content types, safe XML for XML ones.
 */
import { BadInputError } from './errors/index.js';
import type { RawEnvelope } from './connector.js';
import { parseXmlSafely } from './xml.js';

export function parseJsonBody(body: Buffer | string): unknown {
  try {
    return JSON.parse(typeof body === 'string' ? body : body.toString('utf8'));
  } catch (error) {
    throw new BadInputError(`body is not valid JSON: ${(error as Error).message}`, { code: 'JSON_MALFORMED', cause: error });
  }
}

export function parseRawByContentType(raw: RawEnvelope): unknown {
  const type = raw.contentType.toLowerCase();
  if (type.includes('json')) return parseJsonBody(raw.body);
  if (type.includes('xml')) return parseXmlSafely(raw.body);
  throw new BadInputError(`no parser for content type ${raw.contentType}`, {
    code: 'UNSUPPORTED_CONTENT_TYPE', hint: 'give the connector a parse() for this format', status: 415,
  });
}
