/**
 * The element rules (reference number, type, min/max length) of the segments this
 * library reads and writes, for 004010 with the 005010 differences on top. The 850
 * reader checks received values against it; the outbound builders refuse values that
 * break it. Repeated identifier pairs (PO106/PO107…, IT106…, LIN02/LIN03…) are derived
 * from their position.
 */
import type { ElementRule, ElementType } from './element-rules.js';
import type { X12Version } from './versions.js';

type RuleRow = [reference: string, type: ElementType, min: number, max: number];

const RULES_004010: Record<string, RuleRow> = {
  BEG01: ['353', 'ID', 2, 2], BEG02: ['92', 'ID', 2, 2], BEG03: ['324', 'AN', 1, 22], BEG04: ['328', 'AN', 1, 30], BEG05: ['373', 'DT', 8, 8],
  BAK01: ['353', 'ID', 2, 2], BAK02: ['587', 'ID', 2, 2], BAK03: ['324', 'AN', 1, 22], BAK04: ['373', 'DT', 8, 8], BAK05: ['328', 'AN', 1, 30],
  BAK08: ['127', 'AN', 1, 30], BAK09: ['373', 'DT', 8, 8],
  BIG01: ['373', 'DT', 8, 8], BIG02: ['76', 'AN', 1, 22], BIG03: ['373', 'DT', 8, 8], BIG04: ['324', 'AN', 1, 22],
  BSN01: ['353', 'ID', 2, 2], BSN02: ['396', 'AN', 2, 30], BSN03: ['373', 'DT', 8, 8], BSN04: ['337', 'TM', 4, 8], BSN05: ['1005', 'ID', 4, 4],
  CUR01: ['98', 'ID', 2, 3], CUR02: ['100', 'ID', 3, 3],
  REF01: ['128', 'ID', 2, 3], REF02: ['127', 'AN', 1, 30], REF03: ['352', 'AN', 1, 80],
  PER01: ['366', 'ID', 2, 2], PER02: ['93', 'AN', 1, 60], PER03: ['365', 'ID', 2, 2], PER04: ['364', 'AN', 1, 80],
  PER05: ['365', 'ID', 2, 2], PER06: ['364', 'AN', 1, 80], PER07: ['365', 'ID', 2, 2], PER08: ['364', 'AN', 1, 80],
  DTM01: ['374', 'ID', 3, 3], DTM02: ['373', 'DT', 8, 8], DTM03: ['337', 'TM', 4, 8],
  TD101: ['103', 'AN', 3, 5], TD102: ['80', 'N0', 1, 7], TD106: ['187', 'ID', 1, 2], TD107: ['81', 'R', 1, 10], TD108: ['355', 'ID', 2, 2],
  TD501: ['133', 'ID', 1, 2], TD502: ['66', 'ID', 1, 2], TD503: ['67', 'AN', 2, 80], TD504: ['91', 'ID', 1, 2], TD505: ['387', 'AN', 1, 35],
  TD512: ['284', 'ID', 1, 3],
  N101: ['98', 'ID', 2, 3], N102: ['93', 'AN', 1, 60], N103: ['66', 'ID', 1, 2], N104: ['67', 'AN', 2, 80],
  N201: ['93', 'AN', 1, 60], N202: ['93', 'AN', 1, 60], N301: ['166', 'AN', 1, 55], N302: ['166', 'AN', 1, 55],
  N401: ['19', 'AN', 2, 30], N402: ['156', 'ID', 2, 2], N403: ['116', 'ID', 3, 15], N404: ['26', 'ID', 2, 3],
  PO101: ['350', 'AN', 1, 20], PO102: ['330', 'R', 1, 15], PO103: ['355', 'ID', 2, 2], PO104: ['212', 'R', 1, 17], PO105: ['639', 'ID', 2, 2],
  IT101: ['350', 'AN', 1, 20], IT102: ['358', 'R', 1, 10], IT103: ['355', 'ID', 2, 2], IT104: ['212', 'R', 1, 17], IT105: ['639', 'ID', 2, 2],
  LIN01: ['350', 'AN', 1, 20],
  ACK01: ['668', 'ID', 2, 2], ACK02: ['380', 'R', 1, 15], ACK03: ['355', 'ID', 2, 2], ACK04: ['374', 'ID', 3, 3], ACK05: ['373', 'DT', 8, 8],
  PID01: ['349', 'ID', 1, 1], PID02: ['750', 'ID', 2, 3], PID03: ['559', 'ID', 2, 2], PID04: ['751', 'AN', 1, 12], PID05: ['352', 'AN', 1, 80],
  SAC01: ['248', 'ID', 1, 1], SAC02: ['1300', 'ID', 4, 4], SAC03: ['559', 'ID', 2, 2], SAC04: ['1301', 'AN', 1, 10], SAC05: ['610', 'N2', 1, 15],
  SAC15: ['352', 'AN', 1, 80],
  CTT01: ['354', 'N0', 1, 6], CTT02: ['347', 'R', 1, 10],
  AMT01: ['522', 'ID', 1, 3], AMT02: ['782', 'R', 1, 18],
  HL01: ['628', 'AN', 1, 12], HL02: ['734', 'AN', 1, 12], HL03: ['735', 'ID', 1, 2], HL04: ['736', 'ID', 1, 1],
  PRF01: ['324', 'AN', 1, 22], PRF02: ['328', 'AN', 1, 30], PRF04: ['373', 'DT', 8, 8],
  MAN01: ['88', 'ID', 1, 2], MAN02: ['87', 'AN', 1, 48],
  SN101: ['350', 'AN', 1, 20], SN102: ['382', 'R', 1, 10], SN103: ['355', 'ID', 2, 2], SN104: ['646', 'R', 1, 15], SN105: ['330', 'R', 1, 15],
  SN106: ['355', 'ID', 2, 2],
  ITD01: ['336', 'ID', 2, 2], ITD02: ['333', 'ID', 1, 2], ITD03: ['338', 'R', 1, 6], ITD05: ['351', 'N0', 1, 3], ITD07: ['386', 'N0', 1, 3],
  ITD12: ['352', 'AN', 1, 80],
  TDS01: ['610', 'N2', 1, 15],
};

/** Where 005010 differs from 004010. */
const CHANGES_005010: Record<string, RuleRow> = {
  REF02: ['127', 'AN', 1, 50], BAK08: ['127', 'AN', 1, 50],
  PER04: ['364', 'AN', 1, 256], PER06: ['364', 'AN', 1, 256], PER08: ['364', 'AN', 1, 256],
};

/** Segments whose elements from `first` on are (qualifier 235, identifier 234) pairs. */
const ID_PAIRS: Record<string, { first: number; last: number }> = {
  PO1: { first: 6, last: 25 }, IT1: { first: 6, last: 25 }, LIN: { first: 2, last: 31 },
};

/** The rule of element `position` of a segment in a version, or undefined when the table has none. */
export function elementRule(segmentId: string, position: number, version: X12Version): ElementRule | undefined {
  const key = `${segmentId}${String(position).padStart(2, '0')}`;
  const row = (version === '005010' ? CHANGES_005010[key] : undefined) ?? RULES_004010[key] ?? idPairRow(segmentId, position);
  if (row === undefined) return undefined;
  const [reference, type, min, max] = row;
  return { reference, type, min, max };
}

/** True when element `position` of the segment is the qualifier of an identifier pair. */
export function isPairQualifier(segmentId: string, position: number): boolean {
  const pairs = ID_PAIRS[segmentId];
  return pairs !== undefined && position >= pairs.first && position <= pairs.last && (position - pairs.first) % 2 === 0;
}

/** Highest element position of a segment's identifier pairs (PO125, IT125, LIN31). */
export function lastPairPosition(segmentId: string): number | undefined {
  return ID_PAIRS[segmentId]?.last;
}

function idPairRow(segmentId: string, position: number): RuleRow | undefined {
  const pairs = ID_PAIRS[segmentId];
  if (pairs === undefined || position < pairs.first || position > pairs.last) return undefined;
  return isPairQualifier(segmentId, position) ? ['235', 'ID', 2, 2] : ['234', 'AN', 1, 48];
}
