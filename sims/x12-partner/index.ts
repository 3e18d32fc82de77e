/**
 * The X12 trading-partner simulator: a retailer's buying system that sends 850
 * purchase orders to the hub (SFTP mailbox or HTTP), takes the hub's 855/856/810/997
 * interchanges, checks their envelopes and answers with 997s. Its X12 reader and
 * writer are its own, independent of the hub's connector.
 */
export { startX12Partner, type X12PartnerSim } from './partner.js';
export { RECEIVE_PATH } from './http-receiver.js';
export { postX12, X12_CONTENT_TYPE, type X12Answer } from './post-x12.js';
export { purchaseOrderSegments } from './purchase-order.js';
export { renderInterchange, wrapSet, type EnvelopeSettings, type GroupContent, type SetContent } from './envelope.js';
export { renderSegments, renderSegment, plainText } from './x12-writer.js';
export { splitInterchanges, isaDelimiters, type RawInterchange } from './x12-reader.js';
export { readEnvelope, type ExpectedAddressing } from './envelope-reader.js';
export { parseX12 } from './intake.js';
export { judgeGroup, acknowledgementSegments, type GroupJudgement } from './acknowledgement.js';
export { DEFAULT_SEPARATORS, checkedSeparators } from './separators.js';
export { samplePurchaseOrder, SAMPLE_CATALOG, seededRandom, type CatalogEntry, type SampleOptions } from './sample-orders.js';
export { fingerprintOf } from './sftp-mailbox.js';
export type * from './types.js';
