/**
 * Tracking links: where a customer can follow a shipment. The shipment's own
 * `trackingUrl` when the back office gave one, otherwise the carrier's URL template
 * from the settings with the tracking number filled in (URL-encoded). Only http(s)
 * links come out, so a link is always safe to put in an `href`.
 */
import type { Shipment } from '../../../src/sdk/index.js';

/**
 * Carrier name → URL template, e.g. `{ "UPS": "https://www.ups.com/track?tracknum={trackingNumber}" }`.
 * Names are matched without regard to case or surrounding spaces.
 */
export type CarrierTemplates = Readonly<Record<string, string>>;

export const TRACKING_NUMBER_PLACEHOLDER = '{trackingNumber}';

export function trackingLink(
  shipment: Pick<Shipment, 'carrier' | 'trackingNumber' | 'trackingUrl'>,
  carriers: CarrierTemplates = {},
): string | undefined {
  const own = httpUrl(shipment.trackingUrl);
  if (own) return own;
  const template = carrierTemplate(shipment.carrier, carriers);
  const number = shipment.trackingNumber?.trim();
  if (!template || !number) return undefined;
  return httpUrl(template.split(TRACKING_NUMBER_PLACEHOLDER).join(encodeURIComponent(number)));
}

/** The URL template for `carrier`, matched case-insensitively; undefined when none. */
export function carrierTemplate(carrier: string | undefined, carriers: CarrierTemplates): string | undefined {
  const wanted = carrier?.trim().toLowerCase();
  if (!wanted) return undefined;
  for (const [name, template] of Object.entries(carriers)) {
    if (name.trim().toLowerCase() === wanted) return template;
  }
  return undefined;
}

/** The URL, normalised, when it is an absolute http or https URL; otherwise undefined. */
export function httpUrl(value: string | undefined): string | undefined {
  if (!value) return undefined;
  try {
    const url = new URL(value.trim());
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}
