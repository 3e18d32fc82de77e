/**
 * Tracking numbers in four real carriers' formats, each with that carrier's own check
 * digit, and the carrier's public tracking page:
 *   ups    1Z + shipper number (6) + service (2) + package (7) + mod-10 check (letters mapped the UPS way)
 *   fedex  12 digits, the last a check digit: weights 3,1,7 from the left, sum mod 11 mod 10
 *   usps   22-digit IMpb (9400…, 9205…): mod-10 with weights 3,1 from the right
 *   dhl    DHL Express 10 digits, the last = the first nine mod 7
 */
import type { ServiceLevel, TrackingFormat } from './types.js';

export const TRACKING_FORMATS: readonly TrackingFormat[] = ['ups', 'fedex', 'usps', 'dhl'];

export interface TrackingNumberOptions {
  /** Sets the UPS service code and the USPS channel and service type; default GROUND. */
  service?: ServiceLevel;
  /** UPS shipper number, 6 characters A–Z/0–9; default `999AA1`. */
  shipperNumber?: string;
}

const UPS_SERVICE_CODE: Record<ServiceLevel, string> = { OVERNIGHT: '01', EXPRESS: '02', GROUND: '03' };
/** IMpb channel application identifier (2) and service type code (3). */
const USPS_PREFIX: Record<ServiceLevel, string> = { GROUND: '94001', EXPRESS: '92055', OVERNIGHT: '92701' };
const USPS_MAILER_ID = '123456789';
const DEFAULT_SHIPPER_NUMBER = '999AA1';

const PATTERNS: Record<TrackingFormat, RegExp> = {
  ups: /^1Z[0-9A-Z]{15}[0-9]$/,
  fedex: /^[0-9]{12}$/,
  usps: /^9[1-5][0-9]{20}$/,
  dhl: /^[0-9]{10}$/,
};

/** A valid number of the format; `serial` (a whole number ≥ 0) is kept modulo the format's room for it. */
export function makeTrackingNumber(format: TrackingFormat, serial: number, options: TrackingNumberOptions = {}): string {
  if (!Number.isSafeInteger(serial) || serial < 0) throw new RangeError(`serial must be a whole number ≥ 0, not ${serial}`);
  const service = options.service ?? 'GROUND';
  switch (format) {
    case 'ups': {
      const shipper = options.shipperNumber ?? DEFAULT_SHIPPER_NUMBER;
      if (!/^[0-9A-Z]{6}$/.test(shipper)) throw new RangeError(`a UPS shipper number is 6 characters A-Z/0-9, not ${shipper}`);
      const body = `${shipper}${UPS_SERVICE_CODE[service]}${digits(serial, 7)}`;
      return `1Z${body}${upsCheckDigit(body)}`;
    }
    case 'fedex': {
      const body = `7${digits(serial, 10)}`;
      return `${body}${fedexCheckDigit(body)}`;
    }
    case 'usps': {
      const body = `${USPS_PREFIX[service]}${USPS_MAILER_ID}${digits(serial, 7)}`;
      return `${body}${uspsCheckDigit(body)}`;
    }
    case 'dhl': {
      const body = `3${digits(serial, 8)}`;
      return `${body}${dhlCheckDigit(body)}`;
    }
  }
}

/** True when `text` (spaces allowed, any case) is a number of the format with the right check digit. */
export function validTrackingNumber(format: TrackingFormat, text: string): boolean {
  const number = normalizeTrackingNumber(text);
  if (!PATTERNS[format].test(number)) return false;
  const body = number.slice(0, -1);
  const check = Number(number.slice(-1));
  switch (format) {
    case 'ups':
      return upsCheckDigit(body.slice(2)) === check;
    case 'fedex':
      return fedexCheckDigit(body) === check;
    case 'usps':
      return uspsCheckDigit(body) === check;
    case 'dhl':
      return dhlCheckDigit(body) === check;
  }
}

/** The carrier's public tracking page for the number. */
export function trackingUrl(format: TrackingFormat, trackingNumber: string): string {
  const number = encodeURIComponent(trackingNumber);
  switch (format) {
    case 'ups':
      return `https://www.ups.com/track?tracknum=${number}`;
    case 'fedex':
      return `https://www.fedex.com/fedextrack/?trknbr=${number}`;
    case 'usps':
      return `https://tools.usps.com/go/TrackConfirmAction?tLabels=${number}`;
    case 'dhl':
      return `https://www.dhl.com/en/express/tracking.html?AWB=${number}`;
  }
}

export function normalizeTrackingNumber(text: string): string {
  return text.replace(/\s+/g, '').toUpperCase();
}

/**
 * UPS: over the 15 characters after `1Z`, letters count as (ASCII − 63) mod 10
 * (A=2 … H=9, I=0, J=1 …); every second character is doubled; the check brings the sum to a multiple of 10.
 */
export function upsCheckDigit(body: string): number {
  let sum = 0;
  [...body].forEach((char, index) => {
    const value = /[0-9]/.test(char) ? Number(char) : (char.charCodeAt(0) - 63) % 10;
    sum += index % 2 === 1 ? value * 2 : value;
  });
  return (10 - (sum % 10)) % 10;
}

/** FedEx Express 12-digit: the 11 digits weighted 3,1,7,3,1,7… from the left, sum mod 11, then mod 10. */
export function fedexCheckDigit(body: string): number {
  const weights = [3, 1, 7];
  const sum = [...body].reduce((total, char, index) => total + Number(char) * weights[index % 3]!, 0);
  return (sum % 11) % 10;
}

/** USPS IMpb (GS1 mod 10): from the rightmost digit, weights 3,1,3,1…; the check brings the sum to a multiple of 10. */
export function uspsCheckDigit(body: string): number {
  const sum = [...body].reverse().reduce((total, char, index) => total + Number(char) * (index % 2 === 0 ? 3 : 1), 0);
  return (10 - (sum % 10)) % 10;
}

/** DHL Express: the nine digits as a number, mod 7. */
export function dhlCheckDigit(body: string): number {
  return Number(body) % 7;
}

/** The last `width` digits of `value`, zero-padded. */
function digits(value: number, width: number): string {
  return String(value % 10 ** width).padStart(width, '0');
}
