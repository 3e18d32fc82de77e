/**
 * An authenticated cXML document that is no order the hub can take (another request, an
 * order change, an OrderRequest without orderID or items): filed with its bytes (secret
 * removed) for a person, once per partner and payloadID, and answered 400 saying what to
 * fix and under which id it was kept. If it cannot be filed, a 500: the buyer sends again.
 */
import { createHash } from 'node:crypto';
import type { BadInputError, InboundResult, Intake, Logger } from '../../src/sdk/index.js';
import type { CxmlPartner } from './config.js';
import { payloadIdOf } from './order-request.js';
import { partnerLabel } from './partners.js';
import type { XmlElement } from './read-cxml.js';
import { STORED_CONTENT_TYPE } from './redact-secrets.js';
import { cxmlReply, refusalText } from './response.js';

export interface Unusable {
  root: XmlElement;
  partner: CxmlPartner;
  /** The document's bytes without its shared secrets. */
  stored: Buffer;
  error: BadInputError;
}

const FILED_KINDS: Record<string, string> = {
  NOT_AN_ORDER_REQUEST: 'cxml-not-an-order',
  ORDER_CHANGE_NOT_TAKEN: 'cxml-order-change',
};

export async function fileUnusable(receiver: { host: string; log: Logger }, unusable: Unusable, intake: Intake): Promise<InboundResult> {
  const { root, partner, stored, error } = unusable;
  const payloadID = payloadIdOf(root);
  const key = payloadID ?? `sha256:${createHash('sha256').update(stored).digest('hex')}`;
  try {
    const filed = await intake.file({
      dedupKey: `${partner.identity}:${key}`,
      kind: FILED_KINDS[error.code] ?? 'cxml-unusable-order',
      reason: `${partnerLabel(partner)}: ${error.message}`,
      contentType: STORED_CONTENT_TYPE,
      body: stored,
      meta: { via: 'cxml', partner: partner.identity, code: error.code, ...(payloadID ? { payloadID } : {}) },
    });
    return cxmlReply(receiver.host, { code: 400, detail: `${refusalText(error.message, error.hint)} (kept for a person at the supplier as ${filed.filedId})` });
  } catch (fileError) {
    receiver.log.error({ err: fileError, partner: partner.identity }, 'cXML document could not be filed');
    return cxmlReply(receiver.host, { code: 500, detail: 'the document could not be kept just now: send it again' });
  }
}
