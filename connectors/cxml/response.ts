/**
 * The synchronous answer to a cXML request: a `<Response><Status code text>` document
 * with a new payloadID, the HTTP status equal to the cXML code, as
 * `text/xml; charset=UTF-8`. A refusal carries, as the Status text content, what a
 * person at the buyer can act on.
 */
import type { InboundResult } from '../../src/sdk/index.js';
import { newPayloadId } from './payload-id.js';
import { cxmlDocument, element } from './xml-writer.js';

export const CXML_CONTENT_TYPE = 'text/xml; charset=UTF-8';

const STATUS_TEXT: Record<number, string> = {
  200: 'OK', 400: 'Bad Request', 401: 'Unauthorized', 404: 'Not Found', 405: 'Method Not Allowed',
  413: 'Request Entity Too Large', 415: 'Unsupported Media Type', 500: 'Internal Server Error',
};

export interface ResponseStatus {
  code: number;
  /** What happened, in words (empty for a plain 200). */
  detail?: string;
}

export function responseDocument(status: ResponseStatus, payloadID: string, timestamp: string): string {
  const text = STATUS_TEXT[status.code] ?? (status.code < 300 ? 'OK' : 'Error');
  const detail = status.detail?.slice(0, 1000);
  return cxmlDocument('cXML', element('cXML', { payloadID, timestamp, 'xml:lang': 'en-US' },
    element('Response', {},
      element('Status', { code: status.code, text, ...(detail ? { 'xml:lang': 'en' } : {}) }, detail))));
}

export function cxmlReply(host: string, status: ResponseStatus, now = new Date()): InboundResult {
  return {
    kind: 'reply',
    status: status.code,
    body: responseDocument(status, newPayloadId(host, now.getTime()), now.toISOString()),
    contentType: CXML_CONTENT_TYPE,
  };
}

/** A refusal in words: what is wrong, then what to do. */
export function refusalText(message: string, hint: string | undefined): string {
  return hint ? `${message}; ${hint}` : message;
}
