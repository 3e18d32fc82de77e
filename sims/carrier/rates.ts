/**
 * Rating: the price and delivery date of each service for a set of parcels, worked out
 * the way carriers do, deterministically. A zone (2–8, 9 across borders) from how far
 * apart the two postal codes are; each parcel billed on the larger of its weight and
 * its dimensional weight (L×W×H cm / 5000 kg), in started half-kilos; GROUND takes 3–5
 * business days by zone, EXPRESS 2, OVERNIGHT 1.
 */
import { addBusinessDays, isoDate } from './business-days.js';
import type { Address, ParcelSpec, RateQuote, RateRequest, ServiceLevel } from './types.js';

export const SERVICE_LEVELS: readonly ServiceLevel[] = ['GROUND', 'EXPRESS', 'OVERNIGHT'];

const INTERNATIONAL_ZONE = 9;
/** Price of a service as a multiple of GROUND's. */
const SERVICE_FACTOR: Record<ServiceLevel, number> = { GROUND: 1, EXPRESS: 2.1, OVERNIGHT: 3.4 };

export function quoteRates(request: RateRequest, today: Date): RateQuote[] {
  return SERVICE_LEVELS.map((service) => quoteFor(service, request, today));
}

export function quoteFor(service: ServiceLevel, request: RateRequest, today: Date): RateQuote {
  const zone = zoneBetween(request.shipFrom, request.shipTo);
  const ground = request.parcels.reduce((sum, parcel) => sum + groundCents(parcel, zone), 0);
  return {
    service,
    amount: Math.round(ground * SERVICE_FACTOR[service]),
    currency: 'USD',
    estimatedDeliveryDate: isoDate(addBusinessDays(today, transitDays(service, zone))),
  };
}

/** 2 for the same 3-digit area up to 8 for the far side of the country; 9 between countries. */
export function zoneBetween(from: Address, to: Address): number {
  if (from.country.toUpperCase() !== to.country.toUpperCase()) return INTERNATIONAL_ZONE;
  const distance = Math.abs(areaOf(from.postalCode) - areaOf(to.postalCode));
  return 2 + Math.min(6, Math.floor(distance / 150));
}

export function transitDays(service: ServiceLevel, zone: number): number {
  if (service === 'OVERNIGHT') return 1;
  if (service === 'EXPRESS') return 2;
  return zone <= 3 ? 3 : zone <= 6 ? 4 : 5;
}

/** The larger of the actual and the dimensional weight, in grams. */
export function billableGrams(parcel: ParcelSpec): number {
  const { lengthCm, widthCm, heightCm } = parcel;
  const dimensional = lengthCm && widthCm && heightCm ? Math.ceil((lengthCm * widthCm * heightCm) / 5) : 0;
  return Math.max(parcel.weightGrams, dimensional);
}

function groundCents(parcel: ParcelSpec, zone: number): number {
  const halfKilos = Math.max(1, Math.ceil(billableGrams(parcel) / 500));
  return 600 + zone * 70 + halfKilos * (20 + zone * 5);
}

/** The first three digits of a numeric postal code; other codes (UK, CA…) by their characters. */
function areaOf(postalCode: string): number {
  const compact = postalCode.replace(/\s+/g, '').toUpperCase();
  if (/^\d{3}/.test(compact)) return Number(compact.slice(0, 3));
  return [...compact.slice(0, 3)].reduce((sum, char) => sum * 36 + parseInt(char, 36), 0) % 1000;
}
