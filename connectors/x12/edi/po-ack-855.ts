/**
 * The 855 purchase order acknowledgement, as segments between ST and SE: BAK (purpose,
 * acknowledgement type, PO number and date, our order number in BAK08, acknowledgement
 * date in BAK09), REF per reference, then per line PO1 with its ACK (status, quantity,
 * unit, and date qualifier 068 current schedule ship with the date), and CTT. Types with
 * detail (AC, AD, RD) need lines; AK and RJ carry none.
 */
import { checkedSegments, decimalText, identifierPairs, quantityText, refusal, requiredText, x12Date, type DocumentContext } from './outbound-values.js';
import type { X12Version } from './versions.js';

/** BAK02: AC with detail and change, AD with detail no change, AK no detail or change, RD rejected with detail, RJ rejected no detail. */
export type PoAckType = 'AC' | 'AD' | 'AK' | 'RD' | 'RJ';

/** ACK01 line status, e.g. IA accepted, IB backordered, IC accepted with changes, ID deleted, IQ quantity changed, IR rejected, IP price changed, IS substituted. */
export type LineAckStatus = 'IA' | 'IB' | 'IC' | 'ID' | 'IF' | 'IH' | 'IP' | 'IQ' | 'IR' | 'IS' | 'IW' | 'AC' | 'AR' | 'BP' | 'DR';

export interface PoAck855Line {
  /** PO101 as the buyer sent it. */
  lineNumber: string;
  /** PO102, the quantity ordered. */
  quantity: number;
  uom: string;
  /** PO104, a decimal string such as `12.50`. */
  unitPrice?: string;
  /** PO105, e.g. PE price per each. */
  priceBasis?: string;
  /** PO106/PO107…: BP buyer part, VP vendor part, UP UPC… (at most 10). */
  ids: Readonly<Record<string, string>>;
  ack: {
    status: LineAckStatus;
    /** ACK02 (0 allowed, e.g. for a rejected line). */
    quantity: number;
    uom: string;
    /** ISO date written with qualifier 068 (current schedule ship). */
    date?: string;
  };
}

export interface PoAck855Input {
  /** BAK01: 00 original. */
  purpose: '00';
  ackType: PoAckType;
  poNumber: string;
  /** ISO date of the purchase order. */
  poDate: string;
  /** ISO date of this acknowledgement. */
  ackDate: string;
  /** Our order or confirmation number (BAK08). */
  reference?: string;
  /** REF segments by qualifier. */
  references?: Readonly<Record<string, string>>;
  lines: readonly PoAck855Line[];
}

const WITH_DETAIL: readonly PoAckType[] = ['AC', 'AD', 'RD'];
const LINE_STATUSES: readonly string[] = ['IA', 'IB', 'IC', 'ID', 'IF', 'IH', 'IP', 'IQ', 'IR', 'IS', 'IW', 'AC', 'AR', 'BP', 'DR'];

export function poAck855(input: PoAck855Input, version: X12Version = '004010'): string[][] {
  const context: DocumentContext = { document: '855 PO acknowledgement', version };
  checkAckType(context, input);
  const segments: string[][] = [[
    'BAK', input.purpose, input.ackType, requiredText(context, 'poNumber', input.poNumber), x12Date(context, 'poDate', input.poDate),
    '', '', '', input.reference ?? '', x12Date(context, 'ackDate', input.ackDate),
  ]];
  for (const [qualifier, value] of Object.entries(input.references ?? {})) segments.push(['REF', qualifier, value]);
  input.lines.forEach((line, at) => segments.push(...lineSegments(context, line, `lines[${at}]`)));
  if (input.lines.length > 0) segments.push(['CTT', String(input.lines.length)]);
  return checkedSegments(context, segments);
}

function checkAckType(context: DocumentContext, input: PoAck855Input): void {
  if (input.purpose !== '00') throw refusal(context, `purpose "${input.purpose}" must be 00 (original)`);
  if (!['AC', 'AD', 'AK', 'RD', 'RJ'].includes(input.ackType)) throw refusal(context, `ackType "${input.ackType}" must be AC, AD, AK, RD or RJ`);
  const detailed = WITH_DETAIL.includes(input.ackType);
  if (detailed && input.lines.length === 0) throw refusal(context, `ackType ${input.ackType} acknowledges with detail: lines are required`);
  if (!detailed && input.lines.length > 0) throw refusal(context, `ackType ${input.ackType} acknowledges without detail: lines must be empty`);
  const numbers = input.lines.map((line) => line.lineNumber);
  const repeated = numbers.find((number, at) => numbers.indexOf(number) !== at);
  if (repeated !== undefined) throw refusal(context, `line number ${repeated} appears twice`);
  input.lines.forEach((line, at) => {
    if (!LINE_STATUSES.includes(line.ack.status)) throw refusal(context, `lines[${at}].ack.status "${line.ack.status}" is no line status such as IA, IB, IQ or IR`);
    if (input.ackType === 'AD' && line.ack.status !== 'IA') throw refusal(context, `ackType AD says "no change" but lines[${at}].ack.status is ${line.ack.status}`);
    if (input.ackType === 'RD' && line.ack.status !== 'IR') throw refusal(context, `ackType RD rejects the order but lines[${at}].ack.status is ${line.ack.status}`);
  });
}

function lineSegments(context: DocumentContext, line: PoAck855Line, field: string): string[][] {
  const po1 = [
    'PO1', requiredText(context, `${field}.lineNumber`, line.lineNumber), quantityText(context, `${field}.quantity`, line.quantity),
    requiredText(context, `${field}.uom`, line.uom), line.unitPrice === undefined ? '' : decimalText(context, `${field}.unitPrice`, line.unitPrice),
    line.priceBasis ?? '', ...identifierPairs(context, `${field}.ids`, line.ids, 10),
  ];
  const { ack } = line;
  const dated = ack.date === undefined ? [] : ['068', x12Date(context, `${field}.ack.date`, ack.date)];
  const ackSegment = ['ACK', ack.status, quantityText(context, `${field}.ack.quantity`, ack.quantity, { allowZero: true }), requiredText(context, `${field}.ack.uom`, ack.uom), ...dated];
  return [po1, ackSegment];
}
