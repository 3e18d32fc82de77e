/**
 * What the hub asks of a booking, as the body of `POST /v1/shipments`: the sender
 * (the request's or the instance's own), the service (the request's or the default),
 * one parcel per requested parcel with its weight, and the label format. Addresses
 * carry only the fields the carrier knows; a company stands in for a missing name.
 */
import type { Address, ShipmentRequest } from '../../src/sdk/index.js';
import type { CarrierAddress, ParcelCarrierConfig } from './config.js';

export function shipmentBody(config: Pick<ParcelCarrierConfig, 'shipFrom' | 'defaultService'>, request: ShipmentRequest): Record<string, unknown> {
  return {
    reference: request.reference,
    service: request.service ?? config.defaultService,
    shipFrom: carrierAddress(request.shipFrom ?? config.shipFrom),
    shipTo: carrierAddress(request.shipTo),
    parcels: request.parcels.map((parcel) => ({ weightGrams: parcel.weightGrams })),
    labelFormat: request.labelFormat,
  };
}

function carrierAddress(address: Address | CarrierAddress): Record<string, string> {
  const name = address.name ?? ('company' in address ? address.company : undefined);
  const fields: Array<[string, string | undefined]> = [
    ['name', name], ['line1', address.line1], ['line2', address.line2], ['city', address.city],
    ['region', address.region], ['postalCode', address.postalCode], ['country', address.country],
  ];
  return Object.fromEntries(fields.filter((entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== ''));
}
