/**
 * Tracking numbers: which carrier a parcel's number belongs to, told from the number's
 * format and, where the carrier defines one, its check digit; and the carrier's public
 * tracking page for it. Also the canonical carrier name for what OMSs write. Pure.
 *
 * Formats (after upper-casing and removing spaces and dashes):
 * - UPS: `1Z` + 15 alphanumerics + check digit (mod 10, weights 1,2 from the right, letters as (code - 63) mod 10);
 * - FedEx Express: 12 digits (mod 11 then mod 10, weights 1,3,7 from the right);
 * - FedEx Ground: 15 digits, and the 22-digit `96` barcode whose last 15 digits are that number
 *   (mod 10, weights 3,1 from the right);
 * - FedEx Ground 34-digit `96` barcode (its last 12 digits checked as FedEx Express);
 * - USPS IMpb: 20–22 or 26 digits starting 91–95 (mod 10, weights 3,1 from the right, over all digits);
 * - USPS S10 international: two letters, 8 digits, check digit, `US` (weights 8,6,4,2,3,5,9,7, mod 11);
 * - DHL Express: 10 digits, check digit = first 9 digits mod 7;
 * - DHL eCommerce `GM` + 16–18 digits and DHL Parcel `JJD` + 10–21 digits (recognised by prefix only).
 */

export type Carrier = 'UPS' | 'FedEx' | 'USPS' | 'DHL';

export interface RecognisedTrackingNumber {
  carrier: Carrier;
  /** Upper case, spaces and dashes removed. */
  trackingNumber: string;
  url: string;
}

export interface TrackingFormat {
  carrier: Carrier;
  name: string;
  pattern: RegExp;
  /** The check-digit rule; a format without one is recognised by its shape alone. */
  check?: (trackingNumber: string) => boolean;
}

/** Digits as numbers; letters the UPS way (A=2, B=3 … I=0, J=1 …). */
function charValue(char: string): number {
  const code = char.charCodeAt(0);
  return code >= 48 && code <= 57 ? code - 48 : (code - 63) % 10;
}

/** Sum of the characters' values, weighted from the rightmost character with `weights` repeating. */
function weightedSumFromRight(payload: string, weights: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < payload.length; i++) sum += charValue(payload[payload.length - 1 - i]!) * weights[i % weights.length]!;
  return sum;
}

/** The last character checks all before it: 10 minus the weighted sum mod 10 (0 for 10). */
function mod10Valid(text: string, weights: readonly number[]): boolean {
  const sum = weightedSumFromRight(text.slice(0, -1), weights);
  return (10 - (sum % 10)) % 10 === Number(text.slice(-1));
}

function upsValid(n: string): boolean {
  return mod10Valid(n.slice(2), [1, 2]);
}

/** FedEx Express (and the tail of the 34-digit barcode): weights 1,3,7 from the right, mod 11, then mod 10. */
function fedexExpressValid(n: string): boolean {
  return (weightedSumFromRight(n.slice(0, -1), [1, 3, 7]) % 11) % 10 === Number(n.slice(-1));
}

/** FedEx Ground: GS1-style mod 10 over the 15-digit number (the tail of the `96` barcode). */
function fedexGroundValid(n: string): boolean {
  return mod10Valid(n.slice(-15), [3, 1]);
}

function uspsImpbValid(n: string): boolean {
  return mod10Valid(n, [3, 1]);
}

const S10_WEIGHTS = [8, 6, 4, 2, 3, 5, 9, 7] as const;

/** UPU S10: 11 minus the weighted sum mod 11, where 10 becomes 0 and 11 becomes 5. */
function s10Valid(n: string): boolean {
  const digits = n.slice(2, 10);
  const sum = [...digits].reduce((total, digit, i) => total + Number(digit) * S10_WEIGHTS[i]!, 0);
  const check = 11 - (sum % 11);
  return (check === 10 ? 0 : check === 11 ? 5 : check) === Number(n[10]);
}

function dhlExpressValid(n: string): boolean {
  return Number(n.slice(0, 9)) % 7 === Number(n[9]);
}

export const TRACKING_FORMATS: readonly TrackingFormat[] = [
  { carrier: 'UPS', name: 'UPS 1Z', pattern: /^1Z[0-9A-Z]{15}[0-9]$/, check: upsValid },
  { carrier: 'FedEx', name: 'FedEx Express (12)', pattern: /^\d{12}$/, check: fedexExpressValid },
  { carrier: 'FedEx', name: 'FedEx Ground (15)', pattern: /^\d{15}$/, check: fedexGroundValid },
  { carrier: 'FedEx', name: 'FedEx Ground 96 (22)', pattern: /^96\d{20}$/, check: fedexGroundValid },
  { carrier: 'FedEx', name: 'FedEx Ground 96 (34)', pattern: /^96\d{32}$/, check: (n) => fedexExpressValid(n.slice(-12)) },
  { carrier: 'USPS', name: 'USPS IMpb', pattern: /^9[1-5](?:\d{18,20}|\d{24})$/, check: uspsImpbValid },
  { carrier: 'USPS', name: 'USPS S10', pattern: /^[A-Z]{2}\d{9}US$/, check: s10Valid },
  { carrier: 'DHL', name: 'DHL Express (10)', pattern: /^\d{10}$/, check: dhlExpressValid },
  { carrier: 'DHL', name: 'DHL eCommerce', pattern: /^GM\d{16,18}$/ },
  { carrier: 'DHL', name: 'DHL Parcel', pattern: /^JJD\d{10,21}$/ },
];

const TRACKING_PAGES: Record<Carrier, string> = {
  UPS: 'https://www.ups.com/track?tracknum=',
  FedEx: 'https://www.fedex.com/fedextrack/?trknbr=',
  USPS: 'https://tools.usps.com/go/TrackConfirmAction?tLabels=',
  DHL: 'https://www.dhl.com/en/express/tracking.html?AWB=',
};

export function normaliseTrackingNumber(text: string): string {
  return text.toUpperCase().replace(/[\s-]/g, '');
}

export function trackingUrl(carrier: Carrier, trackingNumber: string): string {
  return `${TRACKING_PAGES[carrier]}${encodeURIComponent(trackingNumber)}`;
}

/**
 * The one carrier whose format accepts the number. Formats whose check digit validates
 * win over those recognised by shape alone; two carriers still left means undefined.
 */
export function recognizeWith(formats: readonly TrackingFormat[], text: string): RecognisedTrackingNumber | undefined {
  const trackingNumber = normaliseTrackingNumber(text);
  const accepting = formats.filter((f) => f.pattern.test(trackingNumber) && (f.check?.(trackingNumber) ?? true));
  const checked = accepting.filter((f) => f.check !== undefined);
  const carriers = [...new Set((checked.length > 0 ? checked : accepting).map((f) => f.carrier))];
  const carrier = carriers.length === 1 ? carriers[0] : undefined;
  return carrier ? { carrier, trackingNumber, url: trackingUrl(carrier, trackingNumber) } : undefined;
}

export function recognizeTrackingNumber(text: string): RecognisedTrackingNumber | undefined {
  return recognizeWith(TRACKING_FORMATS, text);
}

const CARRIER_ALIASES: ReadonlyMap<string, Carrier> = new Map<string, Carrier>([
  ['ups', 'UPS'], ['united parcel service', 'UPS'],
  ['fedex', 'FedEx'], ['fed ex', 'FedEx'], ['federal express', 'FedEx'],
  ['usps', 'USPS'], ['us postal service', 'USPS'], ['united states postal service', 'USPS'],
  ['dhl', 'DHL'], ['dhl express', 'DHL'],
]);

/** Lower case, no dots, runs of spaces, dashes and underscores as one space. */
function aliasKey(text: string): string {
  return text.toLowerCase().replace(/\./g, '').replace(/[\s_-]+/g, ' ').trim();
}

/** `UPS`, `FedEx`, `USPS` or `DHL` for the names OMSs write for them; undefined for any other carrier. */
export function canonicalCarrierName(text: string): Carrier | undefined {
  return CARRIER_ALIASES.get(aliasKey(text));
}
