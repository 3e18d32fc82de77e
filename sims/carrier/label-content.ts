/**
 * What a shipping label shows, whichever way it is printed: the carrier, the service,
 * both addresses, the tracking number (as a barcode and grouped for people), the
 * shipper's reference, which parcel of how many, its weight and the ship date.
 */
import type { Address, ServiceLevel } from './types.js';

export interface LabelContent {
  trackingNumber: string;
  service: ServiceLevel;
  reference: string;
  shipFrom: Address;
  shipTo: Address;
  /** 1-based. */
  parcelNumber: number;
  parcelCount: number;
  weightGrams: number;
  /** `YYYY-MM-DD`. */
  shipDate: string;
}

/** `1Z 999 AA1 01 2345 678 4` for UPS, groups of four otherwise, as printed under barcodes. */
export function groupedTrackingNumber(trackingNumber: string): string {
  const ups = /^(1Z)(\w{3})(\w{3})(\w{2})(\w{4})(\w{3})(\w)$/.exec(trackingNumber);
  if (ups) return ups.slice(1).join(' ');
  return trackingNumber.replace(/(.{4})(?=.)/g, '$1 ');
}

/** The address as printed, one line a string: name, street lines, `City REGION postal`, country. */
export function addressLines(address: Address): string[] {
  const place = [address.city, address.region, address.postalCode].filter((part) => part).join(' ');
  return [address.name, address.line1, ...(address.line2 ? [address.line2] : []), place, address.country];
}

/** The footer line: reference, parcel n of m, weight, ship date. */
export function footerLine(content: LabelContent): string {
  const kilos = (content.weightGrams / 1000).toFixed(1);
  return `REF ${content.reference}   PARCEL ${content.parcelNumber}/${content.parcelCount}   ${kilos} KG   SHIP ${content.shipDate}`;
}

/** One big letter for the service box in the label's corner. */
export function serviceLetter(service: ServiceLevel): string {
  return service.slice(0, 1);
}
