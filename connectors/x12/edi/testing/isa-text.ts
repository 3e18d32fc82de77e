/**
 * Builders of small interchanges for the X12 unit tests: an ISA with chosen fields and
 * separators, and a whole interchange around segment bodies written with `*` and `~`.
 */

export interface IsaFields {
  element?: string;
  component?: string;
  segment?: string;
  repetition?: string;
  version?: '00401' | '00501' | string;
  controlNumber?: string;
  senderQualifier?: string;
  sender?: string;
  date?: string;
  time?: string;
  ackRequested?: string;
  usage?: string;
}

/** The 106 characters of an ISA segment, terminator included. */
export function isaText(fields: IsaFields = {}): string {
  const version = fields.version ?? '00401';
  const element = fields.element ?? '*';
  return [
    'ISA', '00', ' '.repeat(10), '00', ' '.repeat(10), fields.senderQualifier ?? 'ZZ', (fields.sender ?? 'HARBORLINEHG').padEnd(15),
    'ZZ', 'CEDARBROOKOS'.padEnd(15), fields.date ?? '240318', fields.time ?? '1045', fields.repetition ?? (version === '00401' ? 'U' : '^'),
    version, fields.controlNumber ?? '000000042', fields.ackRequested ?? '0', fields.usage ?? 'P', fields.component ?? '>',
  ].join(element) + (fields.segment ?? '~');
}

/**
 * A whole interchange: the given segments (written with `*`, without terminators) after
 * the ISA, then IEA with the right count and control number unless given.
 */
export function interchangeText(segments: readonly string[], fields: IsaFields = {}): string {
  const element = fields.element ?? '*';
  const terminator = fields.segment ?? '~';
  const groups = segments.filter((segment) => segment.startsWith('GS*')).length;
  const hasTrailer = segments.some((segment) => segment.startsWith('IEA*'));
  const all = hasTrailer ? segments : [...segments, `IEA*${groups}*${fields.controlNumber ?? '000000042'}`];
  return isaText(fields) + all.map((segment) => segment.replaceAll('*', element) + terminator).join('');
}

/** A PO group of one 850 with a good envelope around the given body segments. */
export function purchaseOrderGroup(body: readonly string[], options: { setControl?: string; groupControl?: string; version?: string } = {}): string[] {
  const set = options.setControl ?? '0001';
  const group = options.groupControl ?? '7';
  return [
    `GS*PO*HARBORLINEHG*CEDARBROOKOS*20240318*1045*${group}*X*${options.version ?? '004010'}`,
    `ST*850*${set}`, ...body, `SE*${body.length + 2}*${set}`,
    `GE*1*${group}`,
  ];
}

/** A minimal good 850 body. */
export const MINIMAL_850 = [
  'BEG*00*SA*PO-1001**20240318',
  'PO1*1*12*EA*18.75*PE*BP*HL-100234',
  'CTT*1',
];
