/**
 * The cXML buyer simulator: a procurement system (Ariba-style) that sends purchase
 * orders to the hub as cXML OrderRequests, with its credentials and shared secret, and
 * takes the ConfirmationRequest and ShipNoticeRequest documents the hub sends back.
 */
export { startCxmlBuyer, POST_PATH, type CxmlBuyerOptions, type CxmlBuyerSim } from './receiver.js';
export { sendOrderRequest, buildOrderRequest, payloadIdFor, type SendOrderRequestOptions, type SentOrderRequest } from './send-order-request.js';
export { planOrderRequest, orderIdFor } from './order-plan.js';
export { renderOrderRequest, CXML_DTD } from './order-request.js';
export { renderResponse, readResponse, type CxmlStatus } from './response.js';
export { parseCxml, escapeXml } from './xml.js';
export type * from './types.js';
