/**
 * POSTs one document to a trading partner and judges its cXML Response by
 * `Status/@code`: 2xx is done; 5xx (and no answer at all) is a TransientError, so the
 * notice is sent again with the same payloadID; any other code is a PermanentError
 * carrying the buyer's own words. An answer that is no cXML Response is judged by its
 * HTTP status, and a 2xx without one is permanent too: nobody can tell what the buyer did.
 */
import { PermanentError, TransientError, httpRequest, raiseForStatus } from '../../src/sdk/index.js';
import { readCxml } from './read-cxml.js';
import { CXML_CONTENT_TYPE } from './response.js';
import { attribute, descend, text } from './xml-values.js';

export interface BuyerStatus {
  code: number;
  text: string;
  detail?: string;
}

export async function postDocument(url: string, body: string, options: { timeoutMs: number; what: string }): Promise<BuyerStatus> {
  const response = await httpRequest(url, { method: 'POST', body, timeoutMs: options.timeoutMs, headers: { 'content-type': CXML_CONTENT_TYPE } });
  const status = buyerStatus(response.body);
  if (!status) {
    raiseForStatus(response, options.what);
    throw new PermanentError(`${options.what}: HTTP ${response.status} without a cXML Response`, {
      code: 'CXML_NO_RESPONSE', hint: 'check the partner\'s postUrl: it must answer every document with a cXML <Response><Status code=…>',
    });
  }
  judge(status, options.what);
  return status;
}

/** The Status of a cXML Response, or undefined when the answer is none. */
export function buyerStatus(body: string): BuyerStatus | undefined {
  let root: Record<string, unknown>;
  try {
    root = readCxml(Buffer.from(body, 'utf8'));
  } catch {
    return undefined;
  }
  const status = descend(root, 'Response', 'Status');
  const code = Number(attribute(status, 'code'));
  if (!Number.isInteger(code) || code < 100 || code > 999) return undefined;
  const detail = text(status);
  return { code, text: attribute(status, 'text') ?? '', ...(detail ? { detail } : {}) };
}

function judge(status: BuyerStatus, what: string): void {
  if (status.code >= 200 && status.code < 300) return;
  const words = `${what}: the buyer answered ${status.code} ${status.text}${status.detail ? `: ${status.detail.slice(0, 300)}` : ''}`;
  if (status.code >= 500) {
    throw new TransientError(words, { code: `CXML_${status.code}`, hint: 'the buyer could not take it now; the hub sends it again with the same payloadID' });
  }
  throw new PermanentError(words, { code: `CXML_${status.code}`, hint: 'fix what the buyer names (settings or data), then replay the dead letter' });
}
