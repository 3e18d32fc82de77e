/**
 * Field positions of the order file records (H, O, D, T), copied from the
 * "Order files" table of docs/protocols.md. Every record is 200 characters.
 */
import type { FieldSpec } from './fixed-width.js';

export const ORDER_RECORD_LENGTH = 200;
export const ORDER_LAYOUT_VERSION = '01';

const field = (start: number, length: number): FieldSpec => ({ start, length });

export const HEADER = {
  batchId: field(2, 26),
  createdDate: field(28, 8),
  createdTime: field(36, 6),
  sender: field(42, 10),
  layoutVersion: field(52, 2),
};

export const ORDER = {
  hubOrderId: field(2, 26),
  confirmation: field(28, 10),
  orderDate: field(38, 8),
  channel: field(46, 5),
  currency: field(51, 3),
  shipVia: field(54, 3),
  shipToName: field(57, 30),
  shipToStreet1: field(87, 30),
  shipToStreet2: field(117, 30),
  shipToCity: field(147, 20),
  shipToRegion: field(167, 3),
  shipToPostalCode: field(170, 10),
  shipToCountry: field(180, 2),
  total: field(182, 12),
  detailCount: field(194, 4),
  /** `P`: the customer collects the order in a store. */
  pickup: field(198, 1),
};

export const DETAIL = {
  hubOrderId: field(2, 26),
  lineNumber: field(28, 4),
  sku: field(32, 20),
  quantity: field(52, 7),
  unitPrice: field(59, 11),
  description: field(70, 40),
};

export const TRAILER = {
  orderCount: field(2, 8),
  detailCount: field(10, 8),
  quantityHash: field(18, 12),
  totalHash: field(30, 15),
};
