/**
 * The plain, JSON-friendly data of an 850 purchase order, for a mapping to take. Values
 * are strings as sent (quantities and prices too, e.g. `"24"`, `"12.50"`), except dates,
 * which are ISO `YYYY-MM-DD`, and SAC amounts, which are sent with two implied decimals
 * (`1500`) and given as decimal strings (`"15.00"`).
 */

/** A contact (PER): its function (PER01, e.g. BD buyer, OC order contact), name, and numbers by qualifier (TE, EM, FX…). */
export interface Contact850 {
  function: string;
  name?: string;
  communications: Record<string, string>;
}

/** Carrier details (TD5). */
export interface Carrier850 {
  /** TD501, e.g. B origin carrier. */
  routingSequence?: string;
  /** TD502, e.g. 2 = SCAC. */
  idQualifier?: string;
  /** TD503, e.g. the SCAC. */
  id?: string;
  /** TD504, e.g. M motor, U parcel. */
  transportationMethod?: string;
  /** TD505, free-text routing (carrier name). */
  routing?: string;
  /** TD512, e.g. ND next day, CG ground. */
  serviceLevel?: string;
}

/** Address of a party (N3, N4). */
export interface Address850 {
  line1?: string;
  /** N302, then further N3 lines, joined with ", ". */
  line2?: string;
  city?: string;
  region?: string;
  postalCode?: string;
  country?: string;
}

/** A party (N1 loop): ST ship-to, BT bill-to, BY buyer, SF ship-from, VN vendor… */
export interface Party850 {
  entity: string;
  name?: string;
  /** N103, e.g. 92 assigned by buyer, 1 DUNS, UL GLN. */
  idQualifier?: string;
  id?: string;
  /** N2 (both elements joined with a blank). */
  name2?: string;
  address: Address850;
  contacts: Contact850[];
}

/** An allowance or charge (SAC). */
export interface AllowanceCharge850 {
  /** SAC01: A allowance, C charge, N no allowance or charge. */
  indicator: string;
  /** SAC02, e.g. D240 freight, C310 discount. */
  code?: string;
  /** SAC05 as a decimal string with two decimals. */
  amount?: string;
  /** SAC15. */
  description?: string;
}

/** A line (PO1 loop). */
export interface OrderLine850 {
  /** PO101. */
  lineNumber: string;
  /** PO102 as sent. */
  quantity: string;
  /** PO103, e.g. EA, CA. */
  uom: string;
  /** PO104 as sent. */
  unitPrice?: string;
  /** PO105, e.g. PE price per each. */
  priceBasis?: string;
  /** PO106/PO107… by qualifier: BP buyer part, VP vendor part, UP UPC, IN buyer item… */
  ids: Record<string, string>;
  /** PID05 of the line's PID segments, joined with a blank. */
  description?: string;
  /** DTM in the line, by qualifier, as ISO dates. */
  dates: Record<string, string>;
  allowances: AllowanceCharge850[];
  /** REF in the line, by qualifier. */
  references: Record<string, string>;
  /** N1 loops in the line (e.g. a ship-to per line). */
  parties: Party850[];
}

/** An 850 purchase order. */
export interface PurchaseOrder850 {
  /** BEG01: 00 original, 01 cancellation, 05 replace, 06 confirmation, 07 duplicate. */
  purpose: string;
  /** BEG02, e.g. SA stand-alone, NE new order, DS drop ship. */
  type: string;
  /** BEG03. */
  poNumber: string;
  /** BEG04. */
  releaseNumber?: string;
  /** BEG05 as an ISO date. */
  poDate: string;
  /** CUR02. */
  currency?: string;
  /** REF by qualifier (the first of a repeated qualifier). */
  references: Record<string, string>;
  contacts: Contact850[];
  /** DTM by qualifier (002 delivery requested, 010 requested ship…), as ISO dates. */
  dates: Record<string, string>;
  /** The first header TD5. */
  carrier?: Carrier850;
  parties: Party850[];
  lines: OrderLine850[];
  /** Header SAC segments. */
  allowances: AllowanceCharge850[];
  /** AMT by qualifier (e.g. TT total transaction amount), as sent. */
  amounts: Record<string, string>;
  /** CTT01 as sent. */
  totalLineItems?: string;
}
