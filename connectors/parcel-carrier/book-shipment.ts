/**
 * Booking: `POST /v1/shipments` once per idempotency key (a retry after a lost answer
 * gets the same labels back, 200 instead of 201), then the answer as a `BookedShipment`.
 */
import type { BookedShipment, ShipmentRequest } from '../../src/sdk/index.js';
import { readBookedShipment } from './booked-answer.js';
import { callCarrier } from './carrier-call.js';
import type { ParcelCarrierConfig } from './config.js';
import { shipmentBody } from './shipment-request.js';

export async function bookShipment(config: ParcelCarrierConfig, request: ShipmentRequest): Promise<BookedShipment> {
  const what = `booking for order ${request.reference}`;
  const answer = await callCarrier(config, {
    method: 'POST', path: '/v1/shipments', idempotencyKey: request.idempotencyKey, what, reference: request.reference,
    body: shipmentBody(config, request),
  });
  return readBookedShipment(answer, request.parcels.length, config.carrierName, what);
}
