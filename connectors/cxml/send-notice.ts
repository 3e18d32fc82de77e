/**
 * Status back to the buyer (the notify role): the documents the change calls for
 * (planPartnerDocuments in the SDK), each POSTed to the partner's postUrl in turn, each with a payloadID
 * derived from the notice's idempotency key, so a notice tried again sends the very
 * same documents and the buyer drops those it already has. The partner is the one the
 * order came from (`customer.accountNumber`); one no longer configured is a dead letter.
 */
import { PermanentError, planPartnerDocuments, type Notice, type NoticeOutcome, type PartnerDocument } from '../../src/sdk/index.js';
import type { CxmlConfig, CxmlPartner } from './config.js';
import { confirmationRequest } from './confirmation-request.js';
import { outgoingDocument } from './outgoing-request.js';
import { partnerByIdentity, partnerLabel } from './partners.js';
import { noticePayloadId } from './payload-id.js';
import { postDocument } from './post-document.js';
import { shipNoticeRequest } from './ship-notice-request.js';
import type { XmlNode } from './xml-writer.js';

export interface CxmlNotifier {
  config: CxmlConfig;
  host: string;
}

interface Written {
  name: string;
  payloadID: string;
  body: string;
}

export async function sendNotice(notifier: CxmlNotifier, notice: Notice): Promise<NoticeOutcome> {
  const partner = partnerOf(notifier.config, notice);
  const label = partnerLabel(partner);
  if (!partner.postUrl) return { summary: `${label} takes no status documents (no postUrl): nothing sent for "${notice.state}"` };
  const documents = planPartnerDocuments(notice).map((planned) => write(notifier, partner, notice, planned));
  if (documents.length === 0) return { summary: `nothing for ${label} to hear about "${notice.state}"` };
  for (const document of documents) {
    await postDocument(partner.postUrl, document.body, {
      timeoutMs: notifier.config.timeoutMs, what: `${document.name} ${document.payloadID} for order ${notice.order.hubOrderId} to ${label}`,
    });
  }
  return {
    summary: `sent ${documents.map((d) => d.name).join(' and ')} to ${label}`,
    detail: { partner: partner.identity, payloadIDs: documents.map((d) => d.payloadID) },
  };
}

function partnerOf(config: CxmlConfig, notice: Notice): CxmlPartner {
  const identity = notice.order.customer.accountNumber ?? '';
  const partner = partnerByIdentity(config, identity);
  if (!partner) {
    throw new PermanentError(`order ${notice.order.hubOrderId} came from cXML partner "${identity.slice(0, 100)}", who is not configured any more`, {
      code: 'CXML_UNKNOWN_PARTNER', hint: 'configure the partner again (settings.partners) and replay, or tell the buyer another way',
    });
  }
  return partner;
}

function write(notifier: CxmlNotifier, partner: CxmlPartner, notice: Notice, planned: PartnerDocument): Written {
  const [name, suffix, request]: [string, string, XmlNode] = planned.kind === 'confirmation'
    ? [`ConfirmationRequest (${planned.confirmation.type})`, 'confirm', confirmationRequest(notice, planned.confirmation)]
    : [`ShipNoticeRequest ${planned.shipment.trackingNumber ?? planned.shipment.shipmentId}`, `ship${planned.index + 1}`, shipNoticeRequest(notice, planned.shipment)];
  const payloadID = noticePayloadId(notice.idempotencyKey, suffix, notifier.host);
  const body = outgoingDocument({ supplier: notifier.config.supplier, partner, payloadID, timestamp: notice.occurredAt, request });
  return { name, payloadID, body };
}
