/**
 * The envelope profile of what we send a partner: we are the sender (our interchange id
 * and application code), the partner the receiver, in the partner's version, separators
 * and usage indicator.
 */
import type { X12Config, X12Partner } from './config.js';
import type { PartnerProfile } from './edi/index.js';
import { ourApplicationCode, partnerApplicationCode } from './partners.js';

export function profileFor(config: X12Config, partner: X12Partner): PartnerProfile {
  return {
    senderQualifier: config.interchange.qualifier,
    senderId: config.interchange.id,
    receiverQualifier: partner.interchange.qualifier,
    receiverId: partner.interchange.id,
    applicationSenderCode: ourApplicationCode(config),
    applicationReceiverCode: partnerApplicationCode(partner),
    version: partner.version,
    separators: partner.separators,
    usage: partner.usage,
  };
}
