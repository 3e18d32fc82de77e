/**
 * Plausible default shipments: tracking numbers that pass the carrier's own
 * check-digit rule (UPS 1Z) and the carrier's public tracking URL.
 */

export interface DefaultShipment {
  carrier: string;
  trackingNumber: string;
  trackingUrl: string;
}

/** UPS check digit over the 15 characters after `1Z`. */
export function upsCheckDigit(body: string): number {
  let sum = 0;
  [...body].forEach((char, index) => {
    const value = /[0-9]/.test(char) ? Number(char) : (char.charCodeAt(0) - 63) % 10;
    sum += index % 2 === 1 ? value * 2 : value;
  });
  return (10 - (sum % 10)) % 10;
}

function trackingNumberFor(carrier: string, seed: number): string {
  switch (carrier.toUpperCase()) {
    case 'UPS': {
      const body = `999AA101${String(seed % 10_000_000).padStart(7, '0')}`;
      return `1Z${body}${upsCheckDigit(body)}`;
    }
    case 'FEDEX':
      return String(770_000_000_000 + seed);
    case 'USPS':
      return `9400${String(seed).padStart(18, '0')}`;
    default:
      return `${carrier.toUpperCase().replace(/[^A-Z0-9]/g, '')}${String(seed).padStart(10, '0')}`;
  }
}

export function trackingUrlFor(carrier: string, trackingNumber: string): string {
  const number = encodeURIComponent(trackingNumber);
  switch (carrier.toUpperCase()) {
    case 'UPS':
      return `https://www.ups.com/track?tracknum=${number}`;
    case 'FEDEX':
      return `https://www.fedex.com/fedextrack/?trknbr=${number}`;
    case 'USPS':
      return `https://tools.usps.com/go/TrackConfirmAction?tLabels=${number}`;
    default:
      return `https://tracking.example.com/${encodeURIComponent(carrier)}/${number}`;
  }
}

/** A shipment with the given overrides; missing number and URL are derived from `seed`. */
export function shipmentFor(carrier: string, seed: number, trackingNumber?: string, trackingUrl?: string): DefaultShipment {
  const number = trackingNumber ?? trackingNumberFor(carrier, seed);
  return { carrier, trackingNumber: number, trackingUrl: trackingUrl ?? trackingUrlFor(carrier, number) };
}
