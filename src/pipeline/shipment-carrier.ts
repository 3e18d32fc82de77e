/**
 * A reported shipment's carrier and tracking URL, completed from its tracking number.
 * A missing carrier is recognised from the number's format; a carrier written as one
 * of the known aliases (`ups`, `Federal Express`…) becomes its canonical name; a missing
 * URL is the recognised carrier's public tracking page. A carrier the hub does not know
 * is the OMS's word and left as it is, and an unrecognised number gets no URL.
 */
import { canonicalCarrierName, recognizeTrackingNumber, type RecognisedTrackingNumber } from '../model/tracking-number.js';

export interface ShipmentCarrierFields {
  carrier?: string;
  trackingNumber?: string;
  trackingUrl?: string;
}

function given(value: string | undefined): value is string {
  return value !== undefined && value.trim() !== '';
}

function recognised(trackingNumber: string | undefined): RecognisedTrackingNumber | undefined {
  return given(trackingNumber) ? recognizeTrackingNumber(trackingNumber) : undefined;
}

/** The shipment with carrier and tracking URL filled in where the tracking number tells them. */
export function withRecognisedCarrier<T extends ShipmentCarrierFields>(shipment: T): T {
  const named = given(shipment.carrier) ? canonicalCarrierName(shipment.carrier) : undefined;
  if (given(shipment.carrier) && !named) return shipment;
  const number = recognised(shipment.trackingNumber);
  // The OMS's named carrier wins over the number's format; the URL only when both agree.
  const carrier = named ?? number?.carrier;
  const url = given(shipment.trackingUrl) ? undefined : number?.carrier === carrier ? number?.url : undefined;
  return { ...shipment, ...(carrier ? { carrier } : {}), ...(url ? { trackingUrl: url } : {}) };
}
