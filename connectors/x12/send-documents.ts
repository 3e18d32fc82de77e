/**
 * Status back to the partner (the notify role): the documents the change calls for
 * (order-documents.ts), each in an interchange of its own with a control number
 * allocated for the notice and document, so a notice tried again sends the very same
 * bytes. Each is awaited, then put where the partner takes it: the partner's 997 must
 * come within its `acknowledgeWithinMinutes`, or the ack_overdue alert fires (also when
 * the document could not be sent at all and its notice became a dead letter). The partner
 * is the one the order came from (`customer.accountNumber`); one no longer configured
 * is a dead letter.
 */
import { PermanentError, type Acknowledgements, type ControlNumbers, type Notice, type NoticeOutcome } from '../../src/sdk/index.js';
import type { X12Config, X12Partner } from './config.js';
import { writeInterchange } from './edi/index.js';
import { planOrderDocuments, type PlannedDocument } from './order-documents.js';
import { partnerById, partnerLabel } from './partners.js';
import { profileFor } from './profile.js';
import { sendToPartner, type Transport } from './send-to-partner.js';

export interface X12Notifier {
  config: X12Config;
  controlNumbers: ControlNumbers;
  acknowledgements: Acknowledgements;
  transport: Transport;
}

export async function sendDocuments(notifier: X12Notifier, notice: Notice): Promise<NoticeOutcome> {
  const partner = partnerOf(notifier.config, notice);
  const label = partnerLabel(partner);
  if (!partner.sendTo) return { summary: `${label} takes no documents (no sendTo): nothing sent for "${notice.state}"` };
  const documents = planOrderDocuments(partner, notice);
  if (documents.length === 0) return { summary: `nothing for ${label} to hear about "${notice.state}"` };
  const sent: string[] = [];
  for (const document of documents) sent.push(await send(notifier, partner, notice, document));
  return { summary: `sent ${sent.join(', ')} to ${label}`, detail: { partner: partner.id, documents: sent } };
}

async function send(notifier: X12Notifier, partner: X12Partner, notice: Notice, document: PlannedDocument): Promise<string> {
  const { order } = notice;
  const number = await notifier.controlNumbers.allocate(partner.id, `${notice.idempotencyKey}:${document.suffix}`);
  const text = writeInterchange(profileFor(notifier.config, partner), {
    controlNumbers: { interchange: number, group: number, sets: [1] },
    date: new Date(notice.occurredAt),
    functionalId: document.functionalId,
    sets: [{ id: document.type, segments: document.segments }],
  });
  const control = String(number).padStart(9, '0');
  // Awaited before it is sent: a partner may answer its 997 before the send returns.
  await notifier.acknowledgements.expect({
    key: `${partner.id}:${number}`,
    partner: partnerLabel(partner),
    document: `${document.name} for PO ${order.externalId}, control ${number}`,
    hubOrderId: order.hubOrderId,
    dueAt: new Date(Date.now() + partner.acknowledgeWithinMinutes * 60_000).toISOString(),
  });
  await sendToPartner(notifier.transport, partner.sendTo!, {
    fileName: `${partner.id}_${document.type}_${control}.x12`, text, what: `${document.name} for order ${order.hubOrderId} to ${partnerLabel(partner)}`,
  });
  return `${document.name} (control ${number})`;
}

function partnerOf(config: X12Config, notice: Notice): X12Partner {
  const id = notice.order.customer.accountNumber ?? '';
  const partner = partnerById(config, id);
  if (!partner) {
    throw new PermanentError(`order ${notice.order.hubOrderId} came from X12 partner "${id.slice(0, 100)}", who is not configured any more`, {
      code: 'X12_UNKNOWN_PARTNER', hint: 'configure the partner again (settings.partners) and replay, or tell the buyer another way',
    });
  }
  return partner;
}
