/**
 * Public types of the X12 trading-partner simulator: who the partner and the hub are
 * in the envelopes, how it reaches the hub (SFTP mailbox, HTTP), the purchase orders it
 * writes, and what it keeps of the interchanges it received and the 997s it sent.
 */

/** An interchange id (ISA05/ISA06 or ISA07/ISA08) and the application code of its GS. */
export interface X12Party {
  /** `01` DUNS, `12` phone, `14` DUNS+4, `ZZ` mutually defined, … */
  qualifier: string;
  id: string;
  /** GS02 when it sends, GS03 when it receives; default the interchange id. */
  applicationCode?: string;
}

export type X12Version = '004010' | '005010';

export interface X12Separators {
  element: string;
  component: string;
  segment: string;
  /** ISA11 in 005010 (in 004010 ISA11 is `U`). */
  repetition?: string;
}

export type AcknowledgeMode = 'accept' | 'reject' | 'never';

export interface X12SftpOptions {
  host: string;
  port: number;
  username: string;
  /** OpenSSH or PEM private key text. */
  privateKey: string;
  passphrase?: string;
  /** `SHA256:<base64>` as `ssh-keygen -l -E sha256` prints it; without it any host key is accepted. */
  hostKeyFingerprint?: string;
  /** Where the partner drops its interchanges (created when missing). */
  dropFolder: string;
  /** Where the hub leaves documents for the partner (created when missing); read files go to `<pickupFolder>/read/`. */
  pickupFolder: string;
  /** Default 1000. */
  pollIntervalMs?: number;
  /** Bound of one SFTP operation; default 10 000. */
  timeoutMs?: number;
}

export type AckVia = { sftp: true } | { url: string; token: string };

export interface X12PartnerOptions {
  /** The partner's own interchange id (ISA05/ISA06 when it sends). */
  partner: X12Party;
  /** The hub's interchange id (ISA07/ISA08 when the partner sends). */
  hub: X12Party;
  version: X12Version;
  /** Default `*` `:` `~` and `^`. */
  separators?: X12Separators;
  /** Put a line feed after each segment terminator of what it writes. Default false. */
  newlines?: boolean;
  /** ISA15; default `P`. */
  usage?: 'P' | 'T';
  /** First interchange control number it uses (then +1 per interchange); default 1. */
  firstControlNumber?: number;
  sftp?: X12SftpOptions;
  /** Listen (on 127.0.0.1, port 0 by default) for the hub's documents POSTed to `/x12`. */
  http?: { port?: number; host?: string };
  /** How it answers the hub's documents; default `accept`. */
  acknowledge?: AcknowledgeMode;
  /** How its 997s go back; default over SFTP when `sftp` is set. */
  ackVia?: AckVia;
  /** The clock of the ISA/GS dates and times; default the system clock. */
  now?: () => Date;
  /** Called with each log entry (documents received, 997s sent, failed polls, …). */
  onLog?: (entry: X12PartnerLogEntry) => void;
}

export interface X12PartnerLogEntry {
  at: string;
  event: 'received' | 'unreadable' | 'ackSent' | 'ackFailed' | 'dropped' | 'posted' | 'pollFailed' | 'moveFailed' | 'sftpFailed';
  detail: string;
}

export interface PartyAddress {
  name: string;
  company?: string;
  line1: string;
  line2?: string;
  city: string;
  state?: string;
  postalCode?: string;
  country: string;
}

export interface PurchaseOrderLine {
  lineNumber: string;
  quantity: number;
  /** Default `EA`. */
  uom?: string;
  /** Decimal text, e.g. `12.50`. */
  unitPrice: string;
  /** VP: the supplier's SKU. */
  vendorPart: string;
  /** BP: the buyer's own item number. */
  buyerPart?: string;
  description?: string;
}

export interface PurchaseOrderPlan {
  poNumber: string;
  /** `YYYY-MM-DD`. */
  date: string;
  /** BEG01; default `00` (original). */
  purpose?: '00' | '01' | '05' | '07';
  /** `CUR*BY*<currency>` when given. */
  currency?: string;
  /** `REF*DP*<department>` when given. */
  department?: string;
  lines: PurchaseOrderLine[];
  shipTo: PartyAddress;
  billTo?: PartyAddress;
  contact?: { name: string; phone?: string; email?: string };
  /** `YYYY-MM-DD`: `DTM*002`. */
  requestedDeliveryDate?: string;
  /** `N9*L1` + `MSG` lines. */
  notes?: string;
}

/** A TA1 (interchange acknowledgement) found in an interchange. */
export interface Ta1 {
  /** TA101: ISA13 of the interchange it answers. */
  controlNumber: string;
  date: string;
  time: string;
  /** TA104: `A` accepted, `E` accepted with errors, `R` rejected. */
  code: string;
  /** TA105: the note code (`000` no error, `020` invalid usage indicator, …). */
  noteCode: string;
}

/** A transaction set as read: its segments without ST and SE. */
export interface ParsedSet {
  id: string;
  /** ST02. */
  controlNumber: string;
  /** `[id, el1, el2, …]` per segment, composite elements left as text. */
  segments: string[][];
  /** Envelope problems of the set (SE count or control number), empty when none. */
  problems: string[];
  /** AK5 codes those problems map to (2 no SE, 3 SE02 ≠ ST02, 4 SE01 wrong). */
  errorCodes: string[];
}

export interface ParsedGroup {
  /** GS01: `PR` 855, `SH` 856, `IN` 810, `FA` 997, `PO` 850, … */
  functionalId: string;
  applicationSender: string;
  applicationReceiver: string;
  date: string;
  time: string;
  /** GS06. */
  controlNumber: string;
  /** GS08. */
  version: string;
  sets: ParsedSet[];
  /** GE01 as declared (undefined when GE is missing or not a number). */
  declaredSetCount?: number;
  problems: string[];
  /** AK9 codes those problems map to (3 no GE, 4 GE02 ≠ GS06, 5 GE01 wrong). */
  errorCodes: string[];
}

export interface ParsedInterchange {
  sender: { qualifier: string; id: string };
  receiver: { qualifier: string; id: string };
  /** ISA09 YYMMDD and ISA10 HHMM. */
  date: string;
  time: string;
  /** ISA12: `00401` or `00501`. */
  version: string;
  /** ISA13. */
  controlNumber: string;
  /** ISA15. */
  usage: string;
  separators: Required<X12Separators>;
  groups: ParsedGroup[];
  ta1: Ta1[];
  /** Envelope problems (of the interchange, its groups and sets), empty when none. */
  problems: string[];
  /** The problems of the ISA/IEA envelope itself and its addressing (they reject every group). */
  interchangeProblems: string[];
  /** The interchange as received. */
  text: string;
}

export type ReceivedVia = 'sftp' | 'http';

export interface ReceivedInterchange extends ParsedInterchange {
  receivedAt: string;
  via: ReceivedVia;
  /** The file it came in (SFTP). */
  fileName?: string;
  /** ISA13 of the interchange the partner POSTed when this came back as the answer. */
  inAnswerTo?: string;
}

export type DocumentType = '997' | '855' | '856' | '810';

export interface ReceivedSet {
  id: string;
  controlNumber: string;
  groupControlNumber: string;
  interchangeControlNumber: string;
  functionalId: string;
  /** GS08. */
  version: string;
  segments: string[][];
  problems: string[];
  via: ReceivedVia;
  fileName?: string;
  inAnswerTo?: string;
}

/** `A` accepted, `R` rejected, `P` partially accepted (some sets rejected). */
export type GroupVerdict = 'A' | 'R' | 'P';

export interface SentAcknowledgement {
  /** ISA13 of the partner's 997 interchange. */
  controlNumber: number;
  /** ISA13, GS01 and GS06 of what it acknowledges. */
  acknowledgedInterchange: string;
  functionalId: string;
  groupControlNumber: string;
  verdict: GroupVerdict;
  /** AK905… codes. */
  groupErrorCodes: string[];
  sets: Array<{ id: string; controlNumber: string; verdict: 'A' | 'R'; errorCodes: string[] }>;
  text: string;
  via: 'sftp' | 'http';
  /** The file path or URL it went to. */
  destination: string;
  sentAt: string;
  /** The HTTP status of the hub's answer (`ackVia` url). */
  status?: number;
  /** Why it could not be sent, when it could not. */
  error?: string;
}
