/**
 * Code 128 (ISO/IEC 15417), enough for tracking numbers: code set C for an even number
 * of digits, else code set B (printable ASCII). Gives the symbol values (start, data,
 * checksum, stop) and the widths of alternating bars and spaces, in modules, to draw.
 */

/** Bar, space, bar, space, bar, space widths of symbol values 0–105, then the stop (with its final bar). */
const PATTERNS: readonly string[] = [
  '212222', '222122', '222221', '121223', '121322', '131222', '122213', '122312', '132212', '221213',
  '221312', '231212', '112232', '122132', '122231', '113222', '123122', '123221', '223211', '221132',
  '221231', '213212', '223112', '312131', '311222', '321122', '321221', '312212', '322112', '322211',
  '212123', '212321', '232121', '111323', '131123', '131321', '112313', '132113', '132311', '211313',
  '231113', '231311', '112133', '112331', '132131', '113123', '113321', '133121', '313121', '211331',
  '231131', '213113', '213311', '213131', '311123', '311321', '331121', '312113', '312311', '332111',
  '314111', '221411', '431111', '111224', '111422', '121124', '121421', '141122', '141221', '112214',
  '112412', '122114', '122411', '142112', '142211', '241211', '221114', '413111', '241112', '134111',
  '111242', '121142', '121241', '114212', '124112', '124211', '411212', '421112', '421211', '212141',
  '214121', '412121', '111143', '111341', '131141', '114113', '114311', '411113', '411311', '113141',
  '114131', '311141', '411131', '211412', '211214', '211232', '2331112',
];

const START_B = 104;
const START_C = 105;
const STOP = 106;

/** Symbol values from start to stop, checksum included. Throws for characters Code 128 B cannot carry. */
export function code128Symbols(text: string): number[] {
  const setC = /^(\d\d)+$/.test(text);
  const data = setC ? pairsOf(text) : [...text].map(setBValue);
  const start = setC ? START_C : START_B;
  const checksum = data.reduce((sum, value, index) => sum + value * (index + 1), start) % 103;
  return [start, ...data, checksum, STOP];
}

/** Widths, in modules, of alternating bars and spaces (a bar first), from start to stop. */
export function code128Widths(text: string): number[] {
  return code128Symbols(text).flatMap((symbol) => [...PATTERNS[symbol]!].map(Number));
}

function pairsOf(digits: string): number[] {
  const pairs: number[] = [];
  for (let index = 0; index < digits.length; index += 2) pairs.push(Number(digits.slice(index, index + 2)));
  return pairs;
}

function setBValue(char: string): number {
  const code = char.charCodeAt(0);
  if (code < 32 || code > 126) throw new RangeError(`Code 128 B carries printable ASCII only, not ${JSON.stringify(char)}`);
  return code - 32;
}
