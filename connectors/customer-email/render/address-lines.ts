/**
 * Postal addresses as the lines a person writes on an envelope: name, company, street,
 * the town line (in the order the country writes it) and the country's name in the
 * notice's locale.
 */
import type { Address } from '../../../src/sdk/index.js';

/** Countries that write "Town, Region Postcode" (the rest write "Postcode Town"). */
const TOWN_FIRST: ReadonlySet<string> = new Set(['US', 'CA', 'AU']);

export function addressLines(address: Address, locale: string): string[] {
  const lines = [address.name, address.company, address.line1, address.line2, ...townLines(address)];
  lines.push(countryName(address.country, locale));
  return lines.map((line) => line?.trim()).filter((line): line is string => Boolean(line));
}

function townLines(a: Address): Array<string | undefined> {
  if (TOWN_FIRST.has(a.country)) {
    const regionPostcode = [a.region, a.postalCode].filter(Boolean).join(' ');
    return [[a.city, regionPostcode].filter(Boolean).join(', ')];
  }
  if (a.country === 'GB') return [a.city, a.region, a.postalCode];
  return [[a.postalCode, a.city].filter(Boolean).join(' '), a.region];
}

/** "US" → "United States" (en-US); the code itself when the locale has no name for it. */
export function countryName(code: string, locale: string): string {
  try {
    return new Intl.DisplayNames([locale], { type: 'region', fallback: 'code' }).of(code) ?? code;
  } catch {
    return code;
  }
}
