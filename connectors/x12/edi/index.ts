/**
 * X12 EDI (004010 and 005010), pure and without I/O: read an interchange and check its
 * envelopes, read 850 purchase orders, answer with 997 and TA1 acknowledgements, read the
 * partner's 997/TA1, and build 855, 856 and 810 documents in a partner's envelope.
 */
export { TA1_NOTES, AK9_NOTES, AK5_NOTES, AK3_NOTES, AK4_NOTES } from './ack-codes.js';
export type { Ta1NoteCode, Ak9Code, Ak5Code, Ak3Code, Ak4Code, InterchangeAckStatus, SetAckStatus, GroupAckStatus } from './ack-codes.js';
export { X12InterchangeError } from './interchange-error.js';
export { readSeparators, type Separators } from './separators.js';
export { splitSegments, element, components, repetitions, type Segment, type SegmentList, type TokenizeOptions } from './segments.js';
export type { InterchangeHeader, InterchangeProblem } from './isa-header.js';
export type { InterchangeReading, FunctionalGroup, TransactionSet } from './envelope-types.js';
export { readInterchange, type ReadInterchangeOptions } from './read-interchange.js';
export type { SegmentError, ElementError } from './syntax-errors.js';
export { readPurchaseOrder850, type PurchaseOrderReading } from './purchase-order-850.js';
export type * from './purchase-order-850-types.js';
export { contentErrors } from './content-checks.js';
export { acknowledgeSet, acknowledgeGroup, type ContentCheck, type SetAcknowledgement, type GroupAcknowledgement } from './set-acknowledgement.js';
export { functionalAck997, type FunctionalAckOptions } from './functional-ack-997.js';
export { interchangeAckTa1, ta1ForReading } from './interchange-ack-ta1.js';
export { acknowledgementInterchange, type AcknowledgementPlan } from './acknowledge-interchange.js';
export { read997, readTa1, type FunctionalAckReport, type SetAckReport, type InterchangeAckReport, type ReportedSegmentError } from './read-997.js';
export { writeInterchange, type PartnerProfile, type OutboundInterchange, type OutboundSet, type ControlNumbers } from './write-interchange.js';
export type { SegmentValues } from './write-segments.js';
export { poAck855, type PoAck855Input, type PoAck855Line, type PoAckType, type LineAckStatus } from './po-ack-855.js';
export { shipNotice856, type ShipNotice856Input, type ShipNotice856Line } from './ship-notice-856.js';
export { invoice810, type Invoice810Input, type Invoice810Line, type Invoice810Charge, type Invoice810Terms } from './invoice-810.js';
export type { PartyDetails } from './party-segments.js';
export type { X12Version } from './versions.js';
export type { FunctionalId } from './functional-groups.js';
