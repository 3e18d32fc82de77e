/**
 * Sample senders of XML orders ("Order XML v1", docs/protocols.md): realistic
 * `<Order>` documents for tests and load generation, and their signing.
 */
export { makeXmlOrder, renderXmlOrder, escapeXml } from './order-xml.js';
export { planXmlOrder, xmlOrderIdFor, type XmlOrderPlan, type XmlOrderLinePlan, type XmlOrderPartyPlan } from './order-plan.js';
export { signXmlOrder, xmlOrderSignature, XML_ORDER_SIGNATURE_HEADER, XML_ORDER_TIMESTAMP_HEADER } from './signing.js';
