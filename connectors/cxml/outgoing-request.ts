/**
 * The envelope of a document the hub sends a trading partner: `From` is our identity,
 * `To` the partner's, `Sender` our identity with the partner's shared secret (as cXML
 * authenticates a request), then the request itself in the partner's deployment mode.
 * Confirmations and ship notices are written against `Fulfill.dtd`.
 */
import type { CxmlIdentity, CxmlPartner } from './config.js';
import { cxmlDocument, element, type XmlNode } from './xml-writer.js';

export const USER_AGENT = 'order-hub cXML connector 1.0';

export interface OutgoingRequest {
  supplier: CxmlIdentity;
  partner: CxmlPartner;
  payloadID: string;
  timestamp: string;
  request: XmlNode;
}

export function outgoingDocument(outgoing: OutgoingRequest): string {
  const { supplier, partner } = outgoing;
  return cxmlDocument('Fulfill', element('cXML', { payloadID: outgoing.payloadID, timestamp: outgoing.timestamp, 'xml:lang': 'en-US' },
    element('Header', {},
      element('From', {}, credential(supplier)),
      element('To', {}, credential(partner)),
      element('Sender', {}, credential(supplier, partner.sharedSecret), element('UserAgent', {}, USER_AGENT))),
    element('Request', { deploymentMode: partner.deploymentMode }, outgoing.request)));
}

function credential(who: CxmlIdentity, sharedSecret?: string): XmlNode {
  return element('Credential', { domain: who.domain },
    element('Identity', {}, who.identity),
    sharedSecret === undefined ? undefined : element('SharedSecret', {}, sharedSecret));
}
