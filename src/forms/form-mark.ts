/**
 * The machine-readable mark printed at the top of every page of our order forms: a strip
 * of 32 cells, black = 1, read left to right (see `MarkStrip` in form-layout.ts).
 *
 *   bits  0-3   sync `1010`
 *   bits  4-11  form number (8 bits, 0-255), most significant bit first
 *   bits 12-17  version     (6 bits, 0-63)
 *   bits 18-21  page        (4 bits, 0-15; pages count from 1)
 *   bits 22-25  page count  (4 bits, 0-15)
 *   bits 26-31  checksum: CRC-6 over the 22 data bits 4-25 (MSB first, polynomial
 *               x^6 + x + 1 = CRC-6-ITU, initial value 0, no final xor)
 *
 * The polynomial is primitive (order 63), so every single and every double bit flip in
 * the 28 bits it covers changes the checksum; flips in the sync bits fail the sync. In
 * other words any one or two wrongly read cells are detected; of three or more, all but
 * about 1 in 64 are.
 */

export interface MarkValue {
  formNumber: number;
  version: number;
  page: number;
  pageCount: number;
}

export const MARK_BITS = 32;
export const MARK_SYNC = [1, 0, 1, 0] as const;

const FIELDS: Array<[keyof MarkValue, number]> = [
  ['formNumber', 8],
  ['version', 6],
  ['page', 4],
  ['pageCount', 4],
];

const CRC_WIDTH = 6;
/** x^6 + x + 1 without the x^6 term. */
const CRC_POLY = 0b000011;

/** CRC-6-ITU of a bit sequence (MSB first). */
export function markChecksum(dataBits: readonly number[]): number {
  let crc = 0;
  for (const bit of dataBits) {
    const top = ((crc >> (CRC_WIDTH - 1)) & 1) ^ (bit & 1);
    crc = (crc << 1) & 0b111111;
    if (top) crc ^= CRC_POLY;
  }
  return crc;
}

function pushBits(out: number[], value: number, width: number): void {
  for (let i = width - 1; i >= 0; i--) out.push((value >> i) & 1);
}

function readBits(bits: readonly number[], from: number, width: number): number {
  let v = 0;
  for (let i = 0; i < width; i++) v = (v << 1) | (bits[from + i] ?? 0);
  return v;
}

/** The 32 cells (1 = black) of a mark. Throws a RangeError for values that do not fit. */
export function encodeMark(value: MarkValue): number[] {
  const data: number[] = [];
  for (const [key, width] of FIELDS) {
    const v = value[key];
    if (!Number.isInteger(v) || v < 0 || v >= 1 << width) {
      throw new RangeError(`mark ${key} must be an integer 0-${(1 << width) - 1}, got ${v}`);
    }
    pushBits(data, v, width);
  }
  const bits = [...MARK_SYNC, ...data];
  pushBits(bits, markChecksum(data), CRC_WIDTH);
  return bits;
}

/**
 * The value of 32 read cells, or undefined when they are not a mark: wrong length, a cell
 * that is not 0 or 1, a wrong sync or a wrong checksum. It does not judge the values
 * (e.g. page 3 of 2 decodes); callers check them against the layouts they know.
 */
export function decodeMark(bits: readonly number[]): MarkValue | undefined {
  if (bits.length !== MARK_BITS) return undefined;
  if (bits.some((b) => b !== 0 && b !== 1)) return undefined;
  for (let i = 0; i < MARK_SYNC.length; i++) if (bits[i] !== MARK_SYNC[i]) return undefined;
  const dataStart = MARK_SYNC.length;
  const dataLength = FIELDS.reduce((n, [, w]) => n + w, 0);
  const data = bits.slice(dataStart, dataStart + dataLength);
  if (markChecksum(data) !== readBits(bits, dataStart + dataLength, CRC_WIDTH)) return undefined;
  const value: MarkValue = { formNumber: 0, version: 0, page: 0, pageCount: 0 };
  let at = dataStart;
  for (const [key, width] of FIELDS) {
    value[key] = readBits(bits, at, width);
    at += width;
  }
  return value;
}

/** The human-readable code printed under the strip, e.g. `FORM 1 · V1 · PAGE 1/1`. */
export function markLabel(value: MarkValue): string {
  return `FORM ${value.formNumber} · V${value.version} · PAGE ${value.page}/${value.pageCount}`;
}
