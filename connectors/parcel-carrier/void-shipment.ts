/**
 * Voiding the labels of a shipment before pickup: `POST /v1/shipments/:id/void`. Once
 * the carrier has the parcels it answers 409 ALREADY_IN_TRANSIT, a permanent error
 * that says so; voiding a voided shipment again is harmless.
 */
import { callCarrier } from './carrier-call.js';
import type { ParcelCarrierConfig } from './config.js';

export async function voidShipment(config: ParcelCarrierConfig, shipmentId: string): Promise<void> {
  await callCarrier(config, {
    method: 'POST', path: `/v1/shipments/${encodeURIComponent(shipmentId)}/void`, what: `void of shipment ${shipmentId}`,
  });
}
