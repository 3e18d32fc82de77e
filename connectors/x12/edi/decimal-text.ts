/**
 * Exact arithmetic on decimal strings (quantities, prices) without floating-point
 * error: sums for hash totals, line amounts in minor units (two decimals, rounded half
 * up) for invoice totals, and an 850's amounts (a line's quantity × unit price, the
 * order's total with charges added and allowances taken off), which keep the most
 * decimals any operand had. Scaled integers (BigInt), never floating point.
 */

interface ScaledDecimal {
  units: bigint;
  scale: number;
}

/** The exact sum of decimal strings, written without needless zeros (`1.50` + `2` → `3.5`). */
export function sumOfDecimals(values: readonly string[]): string {
  return write(sum(values), { trimZeros: true });
}

/** The exact sum, with the most decimals of any operand (`1.50` + `2` → `3.50`). */
export function sumDecimals(values: readonly string[]): string {
  return write(sum(values));
}

/** `value` − `minus`, with the most decimals of either. */
export function subtractDecimal(value: string, minus: string): string {
  const negated = parse(minus);
  return write(sum([value], [{ units: -negated.units, scale: negated.scale }]));
}

/** `value` × `times`, exact (`12.50` × `3` → `37.50`). */
export function multiplyDecimal(value: string, times: string): string {
  const [one, other] = [parse(value), parse(times)];
  return write({ units: one.units * other.units, scale: one.scale + other.scale });
}

function sum(values: readonly string[], more: readonly ScaledDecimal[] = []): ScaledDecimal {
  const all = [...values.map(parse), ...more];
  const scale = Math.max(0, ...all.map((d) => d.scale));
  return { units: all.reduce((total, d) => total + rescale(d, scale), 0n), scale };
}

/** quantity × unit price in minor units (cents), rounded half up. */
export function amountInMinorUnits(quantity: string, unitPrice: string): bigint {
  const [one, other] = [parse(quantity), parse(unitPrice)];
  const product = one.units * other.units;
  const scale = one.scale + other.scale;
  if (scale <= 2) return product * 10n ** BigInt(2 - scale);
  const divisor = 10n ** BigInt(scale - 2);
  const sign = product < 0n ? -1n : 1n;
  const magnitude = product * sign;
  return sign * ((magnitude + divisor / 2n) / divisor);
}

function parse(value: string): ScaledDecimal {
  const match = /^(-?)(\d*)(?:\.(\d*))?$/.exec(value);
  if (!match || (match[2] === '' && (match[3] ?? '') === '')) throw new Error(`"${value}" is not a decimal`);
  const fraction = match[3] ?? '';
  const units = BigInt(`${match[1]}${match[2] || '0'}${fraction}`);
  return { units, scale: fraction.length };
}

function rescale(decimal: ScaledDecimal, scale: number): bigint {
  return decimal.units * 10n ** BigInt(scale - decimal.scale);
}

function write(decimal: ScaledDecimal, options: { trimZeros?: boolean } = {}): string {
  const negative = decimal.units < 0n;
  const digits = (negative ? -decimal.units : decimal.units).toString().padStart(decimal.scale + 1, '0');
  const whole = digits.slice(0, digits.length - decimal.scale);
  const kept = digits.slice(digits.length - decimal.scale);
  const fraction = options.trimZeros ? kept.replace(/0+$/, '') : kept;
  return `${negative ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`;
}
