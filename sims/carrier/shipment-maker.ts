/**
 * Buying a label: rates the shipment for its service, issues a tracking number per
 * parcel, renders each parcel's label, registers the shipment (each parcel gets LC,
 * and its webhook) and builds the API's answer. Tracking numbers are taken before the
 * first await, so shipments made at the same time never share one.
 */
import { randomBytes } from 'node:crypto';
import { isoDate } from './business-days.js';
import type { LabelContent } from './label-content.js';
import { renderLabel } from './labels.js';
import { quoteFor } from './rates.js';
import type { ParcelRecord, ShipmentBook, ShipmentRecord } from './shipment-book.js';
import type { IssuedNumber, TrackingIssuer } from './tracking-issuer.js';
import type { ShipmentAnswer, ShipmentRequest } from './types.js';

export interface ShipmentMakerDeps {
  book: ShipmentBook;
  issuer: TrackingIssuer;
  now: () => Date;
}

export async function makeShipment(request: ShipmentRequest, idempotencyKey: string, deps: ShipmentMakerDeps): Promise<ShipmentAnswer> {
  const now = deps.now();
  const quote = quoteFor(request.service, request, now);
  const numbers = request.parcels.map(() => deps.issuer.issue(request.service));
  const labels = await Promise.all(numbers.map((issued, index) => renderLabel(request.labelFormat, labelContent(request, issued, index, now), now)));
  const shipment: ShipmentRecord = {
    shipmentId: `shp_${randomBytes(10).toString('hex')}`,
    reference: request.reference,
    service: request.service,
    status: 'label_created',
    idempotencyKey,
    createdAt: now.toISOString(),
    shipFrom: request.shipFrom,
    shipTo: request.shipTo,
    labelFormat: request.labelFormat,
    rate: { amount: quote.amount, currency: quote.currency },
    estimatedDeliveryDate: quote.estimatedDeliveryDate,
    parcels: [],
  };
  shipment.parcels = request.parcels.map((spec, index): ParcelRecord => ({
    index, ...numbers[index]!, spec, events: [], estimatedDeliveryDate: quote.estimatedDeliveryDate, shipment,
  }));
  deps.book.add(shipment);
  return {
    shipmentId: shipment.shipmentId,
    reference: shipment.reference,
    service: shipment.service,
    status: 'label_created',
    parcels: shipment.parcels.map((parcel, index) => ({
      index, trackingNumber: parcel.trackingNumber, trackingUrl: parcel.trackingUrl, label: labels[index]!,
    })),
    rate: { ...shipment.rate },
    estimatedDeliveryDate: shipment.estimatedDeliveryDate,
  };
}

function labelContent(request: ShipmentRequest, issued: IssuedNumber, index: number, now: Date): LabelContent {
  return {
    trackingNumber: issued.trackingNumber,
    service: request.service,
    reference: request.reference,
    shipFrom: request.shipFrom,
    shipTo: request.shipTo,
    parcelNumber: index + 1,
    parcelCount: request.parcels.length,
    weightGrams: request.parcels[index]!.weightGrams,
    shipDate: isoDate(now),
  };
}
