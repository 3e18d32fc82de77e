/**
 * The 856 ship notice, as segments between ST and SE, in the Shipment/Order/Packaging/
 * Item structure (BSN05 0001): BSN, then HL S (shipment) with TD1 packages and weight,
 * TD5 carrier (SCAC with qualifier 2), REF CN tracking number, DTM 011 ship date and the
 * ship-from/ship-to N1 loops; HL O (order) with PRF; an optional HL P (one package) with
 * MAN; an HL I per line with LIN and SN1. CTT01 is the number of HL segments and CTT02 the
 * hash total of SN102 quantities, as the X12 856 notes say.
 */
import { sumOfDecimals } from './decimal-text.js';
import { checkedSegments, identifierPairs, quantityText, refusal, requiredText, x12Date, type DocumentContext } from './outbound-values.js';
import { partySegments, type PartyDetails } from './party-segments.js';
import type { X12Version } from './versions.js';

export interface ShipNotice856Line {
  /** LIN01/SN101: the buyer's PO line number. */
  lineNumber: string;
  /** LIN02/LIN03…: BP buyer part, VP vendor part, UP UPC… (at most 15). */
  ids: Readonly<Record<string, string>>;
  quantityShipped: number;
  uom: string;
  /** SN105, written with the same unit. */
  quantityOrdered?: number;
}

export interface ShipNotice856Input {
  /** BSN02. */
  shipmentId: string;
  /** ISO date of shipping (BSN03, DTM 011). */
  shipDate: string;
  /** `HH:MM` or `HHMM` (BSN04, DTM03); BSN04 is mandatory, so `0000` when absent. */
  time?: string;
  poNumber: string;
  /** ISO date of the purchase order (PRF04). */
  poDate: string;
  carrier: {
    /** TD503 with TD502 = 2 (SCAC). */
    scac?: string;
    /** TD505. */
    name?: string;
    /** TD504, e.g. M motor, U private parcel service. */
    method?: string;
    /** TD512 service level, e.g. CG ground, ND next day air. */
    service?: string;
  };
  /** REF CN (carrier's reference, e.g. PRO or tracking number). */
  trackingNumber?: string;
  /** TD106 G gross weight, TD107, TD108. */
  weight?: { value: number; unit: 'LB' | 'KG' };
  /** TD102 lading quantity. */
  packages?: number;
  /** TD101, default CTN25 (corrugated carton). */
  packaging?: string;
  /** One package level: MAN GM with an SSCC-18, MAN CP with the carrier's package id. */
  pack?: { sscc?: string; trackingNumber?: string };
  shipFrom?: PartyDetails;
  shipTo?: PartyDetails;
  lines: readonly ShipNotice856Line[];
}

export function shipNotice856(input: ShipNotice856Input, version: X12Version = '004010'): string[][] {
  const context: DocumentContext = { document: '856 ship notice', version };
  if (input.lines.length === 0) throw refusal(context, 'lines must not be empty');
  const time = timeText(context, input.time);
  const shipDate = x12Date(context, 'shipDate', input.shipDate);
  const segments: string[][] = [['BSN', '00', requiredText(context, 'shipmentId', input.shipmentId), shipDate, time, '0001']];
  segments.push(['HL', '1', '', 'S'], ...shipmentSegments(context, input, shipDate, input.time === undefined ? '' : time));
  segments.push(['HL', '2', '1', 'O'], ['PRF', requiredText(context, 'poNumber', input.poNumber), '', '', x12Date(context, 'poDate', input.poDate)]);
  let itemParent = '2';
  if (input.pack) {
    segments.push(['HL', '3', '2', 'P'], ...packSegments(input.pack));
    itemParent = '3';
  }
  let level = Number(itemParent);
  const shipped: string[] = [];
  input.lines.forEach((line, at) => {
    level += 1;
    const quantity = quantityText(context, `lines[${at}].quantityShipped`, line.quantityShipped);
    shipped.push(quantity);
    segments.push(['HL', String(level), itemParent, 'I'], ...itemSegments(context, line, quantity, `lines[${at}]`));
  });
  segments.push(['CTT', String(level), sumOfDecimals(shipped)]);
  return checkedSegments(context, segments);
}

function shipmentSegments(context: DocumentContext, input: ShipNotice856Input, shipDate: string, time: string): string[][] {
  const segments: string[][] = [];
  const { weight, packages } = input;
  if (weight !== undefined || packages !== undefined) {
    const count = packages === undefined ? '' : quantityText(context, 'packages', packages);
    const weighed = weight === undefined ? [] : ['G', quantityText(context, 'weight.value', weight.value), weight.unit];
    segments.push(['TD1', input.packaging ?? 'CTN25', count, '', '', '', ...weighed]);
  }
  const { scac, name, method, service } = input.carrier;
  if (scac !== undefined || name !== undefined || method !== undefined || service !== undefined) {
    segments.push(['TD5', 'B', scac === undefined ? '' : '2', scac ?? '', method ?? '', name ?? '', '', '', '', '', '', '', service ?? '']);
  }
  if (input.trackingNumber !== undefined) segments.push(['REF', 'CN', requiredText(context, 'trackingNumber', input.trackingNumber)]);
  segments.push(['DTM', '011', shipDate, time]);
  if (input.shipFrom) segments.push(...partySegments(context, 'shipFrom', 'SF', input.shipFrom));
  if (input.shipTo) segments.push(...partySegments(context, 'shipTo', 'ST', input.shipTo));
  return segments;
}

function packSegments(pack: NonNullable<ShipNotice856Input['pack']>): string[][] {
  const segments: string[][] = [];
  if (pack.sscc !== undefined) segments.push(['MAN', 'GM', pack.sscc]);
  if (pack.trackingNumber !== undefined) segments.push(['MAN', 'CP', pack.trackingNumber]);
  return segments;
}

function itemSegments(context: DocumentContext, line: ShipNotice856Line, quantity: string, field: string): string[][] {
  const lineNumber = requiredText(context, `${field}.lineNumber`, line.lineNumber);
  const uom = requiredText(context, `${field}.uom`, line.uom);
  const ordered = line.quantityOrdered === undefined ? [] : [quantityText(context, `${field}.quantityOrdered`, line.quantityOrdered), uom];
  return [['LIN', lineNumber, ...identifierPairs(context, `${field}.ids`, line.ids, 15)], ['SN1', lineNumber, quantity, uom, '', ...ordered]];
}

function timeText(context: DocumentContext, time: string | undefined): string {
  if (time === undefined) return '0000';
  const compact = time.replace(':', '');
  if (!/^([01]\d|2[0-3])[0-5]\d$/.test(compact)) throw refusal(context, `time "${time}" is not HH:MM`);
  return compact;
}
