/**
 * One received interchange, judged: who sent it (a configured partner, by its ISA
 * sender), what it holds and what we answer. The envelope is checked by the X12 reader
 * and by our own rules (it is addressed to us; its test indicator is the partner's).
 * - a rejected interchange is answered with a TA1 R and filed whole;
 * - each 850 the 997 accepts becomes an order envelope (dedup on partner and PO number)
 *   keeping its own set of the interchange (order-bytes.ts);
 *   a cancellation or replacement (BEG01 01, 05) is filed for a person;
 * - each rejected set, rejected group or unsupported group is filed with its reason;
 * - the partner's own 997s and TA1s are reports on documents we sent, to settle.
 * The answer (TA1 and one 997 per group) carries a control number allocated for the
 * received interchange, so reading it again answers with the same number.
 */
import { createHash } from 'node:crypto';
import { NeedsReviewError, type AcknowledgementOutcome, type ControlNumbers, type EnvelopeIn, type FiledItem } from '../../src/sdk/index.js';
import type { X12Config, X12Partner } from './config.js';
import {
  AK3_NOTES, AK4_NOTES, AK5_NOTES, AK9_NOTES, TA1_NOTES, acknowledgeSet, acknowledgementInterchange, read997, readInterchange,
  readPurchaseOrder850, readTa1, type ContentCheck, type FunctionalGroup, type InterchangeHeader, type InterchangeReading, type PurchaseOrder850,
  type PurchaseOrderReading, type SegmentError, type TransactionSet,
} from './edi/index.js';
import { orderBytes } from './order-bytes.js';
import { orderData, type SetPlace } from './order-data.js';
import { partnerBySender, partnerLabel } from './partners.js';
import { profileFor } from './profile.js';
import { X12_CONTENT_TYPE } from './send-to-partner.js';

export interface SettledReport {
  /** `<partner>:<our group control number>`: the key the document was awaited under. */
  key: string;
  outcome: AcknowledgementOutcome;
}

export type Judgement =
  | { kind: 'unreadable'; reason: string; filed: FiledItem }
  | { kind: 'unknown-sender'; reason: string; filed: FiledItem; header: InterchangeHeader }
  | {
    kind: 'judged';
    partner: X12Partner;
    header: InterchangeHeader;
    orders: EnvelopeIn[];
    filed: FiledItem[];
    reports: SettledReport[];
    /** Our TA1/997 interchange; undefined when there is nothing to acknowledge. */
    answer?: string;
    /** Its control number (ISA13). */
    answerNumber: number;
    /** TA1 note when the interchange was rejected as a whole. */
    rejected?: string;
  };

export interface Judge {
  config: X12Config;
  controlNumbers: ControlNumbers;
}

/** Orders whose purpose the hub cannot take as a new order: a person changes the order on the hub. */
const CHANGE_PURPOSES: Record<string, string> = { '01': 'a cancellation', '05': 'a replacement' };

export async function judgeInterchange(judge: Judge, bytes: Buffer, receivedAt: Date): Promise<Judgement> {
  const reading = readInterchange(bytes, { maxBytes: judge.config.maxInterchangeBytes });
  const header = reading.interchange;
  if (!header) {
    const reason = `not a readable X12 interchange: ${reading.rejection?.message ?? 'no ISA segment'}`;
    return { kind: 'unreadable', reason, filed: filedWhole(bytes, 'x12-unreadable', reason, `sha256:${digest(bytes)}`) };
  }
  const partner = partnerBySender(judge.config, { qualifier: header.senderQualifier, id: header.senderId });
  if (!partner) {
    const reason = `interchange ${header.controlNumber} comes from ${header.senderQualifier}/${header.senderId}, which is no configured trading partner`;
    return { kind: 'unknown-sender', reason, header, filed: filedWhole(bytes, 'x12-unknown-sender', reason, `sha256:${digest(bytes)}`) };
  }
  const checked = withOurChecks(reading, judge.config, partner);
  const readings = new PurchaseOrderReadings();
  const number = await judge.controlNumbers.allocate(partner.id, `ack:${header.controlNumber}`);
  const answer = acknowledgementInterchange(checked, {
    profile: profileFor(judge.config, partner), controlNumbers: { interchange: number, group: number }, date: receivedAt, contentCheck: readings.contentCheck,
  });
  const base = { kind: 'judged' as const, partner, header, answerNumber: number, ...(answer ? { answer } : {}) };
  if (checked.rejection) {
    const note = `TA1 ${checked.rejection.noteCode} (${TA1_NOTES[checked.rejection.noteCode]}): ${checked.rejection.message}`;
    const reason = `interchange ${header.controlNumber} from ${partnerLabel(partner)} rejected, ${note}`;
    return { ...base, orders: [], reports: [], rejected: note, filed: [filedWhole(bytes, 'x12-interchange-rejected', reason, `${partner.id}:${header.controlNumber}`)] };
  }
  const setCount = checked.groups.reduce((n, group) => n + group.sets.length, 0);
  const contents = new Contents(partner, header, bytes, setCount, readings);
  for (const ta1 of checked.interchangeAcks) contents.interchangeAck(ta1);
  for (const group of checked.groups) contents.group(group);
  return { ...base, orders: contents.orders, filed: contents.filed, reports: contents.reports };
}

/** Our own rules on top of the standard's: addressed to us, with the partner's test indicator. */
function withOurChecks(reading: InterchangeReading, config: X12Config, partner: X12Partner): InterchangeReading {
  const header = reading.interchange!;
  if (reading.rejection) return reading;
  const receiver = `${header.receiverQualifier}/${header.receiverId}`.toUpperCase();
  if (receiver !== `${config.interchange.qualifier}/${config.interchange.id}`.toUpperCase()) {
    return { ...reading, groups: [], rejection: { noteCode: '008', message: `it is addressed to ${header.receiverQualifier}/${header.receiverId}, not to us (${config.interchange.qualifier}/${config.interchange.id})` } };
  }
  if (header.usage !== partner.usage) {
    const words = { P: 'production', T: 'test' } as const;
    return { ...reading, groups: [], rejection: { noteCode: '020', message: `its test indicator is ${header.usage}; ${partnerLabel(partner)} sends ${words[partner.usage]} interchanges (${partner.usage})` } };
  }
  return reading;
}

/** Each 850 read once, for the 997's content check and for its order alike. */
class PurchaseOrderReadings {
  private readonly read = new Map<TransactionSet, PurchaseOrderReading>();

  of(set: TransactionSet): PurchaseOrderReading {
    let reading = this.read.get(set);
    if (!reading) {
      reading = readPurchaseOrder850(set);
      this.read.set(set, reading);
    }
    return reading;
  }

  readonly contentCheck: ContentCheck = (set) => (set.id === '850' ? this.of(set).errors : []);
}

/** What the groups of an accepted interchange hold: orders, filed items and reports on what we sent. */
class Contents {
  readonly orders: EnvelopeIn[] = [];
  readonly filed: FiledItem[] = [];
  readonly reports: SettledReport[] = [];

  constructor(
    private readonly partner: X12Partner, private readonly header: InterchangeHeader, private readonly bytes: Buffer,
    private readonly setCount: number, private readonly readings: PurchaseOrderReadings,
  ) {}

  interchangeAck(segment: InterchangeReading['interchangeAcks'][number]): void {
    const report = readTa1(segment);
    // A TA1 A only says the envelope arrived: the 997 tells whether the documents were taken.
    if (report.status !== 'R') return;
    const note = TA1_NOTES[report.noteCode as keyof typeof TA1_NOTES] ?? 'no meaning known';
    this.reports.push({ key: `${this.partner.id}:${Number(report.controlNumber)}`, outcome: { verdict: 'rejected', detail: `TA1 R ${report.noteCode} (${note})` } });
  }

  group(group: FunctionalGroup): void {
    if (group.functionalId === 'FA') return this.acknowledgements(group);
    if (group.codes.length > 0) {
      const reasons = group.codes.map((code) => `AK9 ${code} (${AK9_NOTES[code]})`).join('; ');
      return this.file(`${group.controlNumber}`, 'x12-group-rejected', `group ${group.controlNumber} (${group.functionalId}) rejected: ${reasons}`);
    }
    if (group.functionalId !== 'PO') {
      return this.file(`${group.controlNumber}`, 'x12-not-supported', `group ${group.controlNumber} holds ${group.functionalId} documents; the hub takes purchase orders (850, group PO) and acknowledgements (997)`);
    }
    for (const set of group.sets) this.purchaseOrder(group, set);
  }

  private acknowledgements(group: FunctionalGroup): void {
    for (const set of group.sets) {
      if (set.id !== '997' || set.codes.length > 0) continue;
      const report = read997(set);
      const rejectedSets = report.sets.filter((s) => s.status === 'R').map((s) => `${s.id} ${s.controlNumber}: AK5 R ${s.codes.join(' ')}`);
      const detail = `997 AK9 ${report.status}, ${report.accepted} of ${report.included} set(s) accepted${report.codes.length ? `, AK9 codes ${report.codes.join(' ')}` : ''}${rejectedSets.length ? `; ${rejectedSets.join('; ')}` : ''}`;
      this.reports.push({ key: `${this.partner.id}:${Number(report.groupControlNumber)}`, outcome: { verdict: verdictOf(report.status), detail } });
    }
  }

  private purchaseOrder(group: FunctionalGroup, set: TransactionSet): void {
    const at = `${group.controlNumber}:${set.controlNumber}`;
    const ack = acknowledgeSet(set, this.readings.contentCheck);
    const reading = ack.status === 'R' || set.id !== '850' ? undefined : this.readings.of(set);
    if (!reading?.order) {
      const codes = ack.codes.map((code) => `AK5 ${code} (${AK5_NOTES[code]})`);
      const segments = ack.errors.slice(0, 5).map(segmentErrorText);
      return this.file(at, 'x12-set-rejected', `transaction set ${set.id} ${set.controlNumber} in group ${group.controlNumber} rejected: ${[...codes, ...segments].join('; ')}`);
    }
    const order = reading.order;
    const change = CHANGE_PURPOSES[order.purpose];
    if (change) {
      return this.file(at, 'x12-po-change', `850 ${set.controlNumber} is ${change} of PO ${order.poNumber} (BEG01 ${order.purpose}): change or cancel the order on the hub, the hub does not apply it by itself`);
    }
    const place = { sender: this.header.senderId, interchange: this.header.controlNumber, group: group.controlNumber, set: set.controlNumber, version: group.version };
    this.orders.push({
      dedupKey: `${this.partner.id}:${order.poNumber}`,
      externalId: order.poNumber,
      contentType: X12_CONTENT_TYPE,
      body: orderBytes(this.bytes, this.header, group, set, this.setCount),
      meta: { via: 'x12', partner: this.partner.id, interchange: place.interchange, group: place.group, set: place.set, version: place.version, purpose: order.purpose },
      ...dataOf(this.partner, place, order),
    });
  }

  private file(at: string, kind: string, reason: string): void {
    this.filed.push({
      ...filedWhole(this.bytes, kind, `${reason} (from ${partnerLabel(this.partner)}, interchange ${this.header.controlNumber})`, `${this.partner.id}:${this.header.controlNumber}:${at}`),
      meta: { via: 'x12', partner: this.partner.id, interchange: this.header.controlNumber },
    });
  }
}

/** "PO1 at 7: segment has data element errors (element 2: data element too short, "")". */
function segmentErrorText(error: SegmentError): string {
  const elements = error.elements.map((e) => `element ${e.position}: ${AK4_NOTES[e.code]}${e.copy !== undefined ? ` "${e.copy.slice(0, 30)}"` : ''}`);
  return `${error.segmentId} at ${error.position}: ${AK3_NOTES[error.code]}${elements.length ? ` (${elements.join(', ')})` : ''}`;
}

/** The mapping's data; none for a doubtful order, so the hub's own parse sends it to review with the reasons. */
function dataOf(partner: X12Partner, place: SetPlace, order: PurchaseOrder850): { data?: unknown } {
  try {
    return { data: orderData(partner, place, order) };
  } catch (error) {
    if (error instanceof NeedsReviewError) return {};
    throw error;
  }
}

function verdictOf(status: string): AcknowledgementOutcome['verdict'] {
  switch (status) {
    case 'A': return 'accepted';
    case 'E': return 'accepted-with-errors';
    case 'P': return 'partially-accepted';
    default: return 'rejected';
  }
}

function filedWhole(bytes: Buffer, kind: string, reason: string, dedupKey: string): FiledItem {
  return { dedupKey, kind, reason, contentType: X12_CONTENT_TYPE, body: bytes };
}

function digest(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}
