/**
 * The carrier's answer to a booking as the hub's `BookedShipment`: the shipment id,
 * one parcel per requested parcel in the request's order (by the answer's `index`)
 * with its tracking number, tracking page and label (base64 decoded to bytes), the
 * service and the rate as the charge. An answer the hub cannot rely on (a parcel
 * missing, a label without data) is refused as a permanent error.
 */
import type { BookedShipment } from '../../src/sdk/index.js';
import { isRecord, records, text, type JsonRecord } from './answer-fields.js';
import { badAnswer } from './carrier-call.js';

type BookedParcel = BookedShipment['parcels'][number];

export function readBookedShipment(answer: JsonRecord, parcelCount: number, carrier: string, what: string): BookedShipment {
  const shipmentId = text(answer, 'shipmentId');
  if (!shipmentId) throw badAnswer({ carrierName: carrier }, what, 'the answer has no shipmentId');
  const parcels = records(answer, 'parcels').sort((a, b) => indexOf(a) - indexOf(b));
  if (parcels.length !== parcelCount) {
    throw badAnswer({ carrierName: carrier }, what, `the answer has ${parcels.length} parcels for ${parcelCount} asked (shipment ${shipmentId}: void it on the carrier's site before booking again)`);
  }
  const service = text(answer, 'service');
  const charge = chargeOf(answer['rate']);
  return {
    shipmentId,
    carrier,
    ...(service ? { service } : {}),
    parcels: parcels.map((parcel, index) => readParcel(parcel, index, carrier, what)),
    ...(charge ? { charge } : {}),
  };
}

function readParcel(parcel: JsonRecord, index: number, carrier: string, what: string): BookedParcel {
  const trackingNumber = text(parcel, 'trackingNumber');
  const label = isRecord(parcel['label']) ? parcel['label'] : {};
  const format = label['format'];
  const data = text(label, 'data');
  if (!trackingNumber || (format !== 'PDF' && format !== 'ZPL') || !data) {
    throw badAnswer({ carrierName: carrier }, what, `parcel ${index + 1} of the answer lacks a tracking number or a PDF or ZPL label`);
  }
  const trackingUrl = text(parcel, 'trackingUrl');
  return {
    trackingNumber,
    ...(trackingUrl ? { trackingUrl } : {}),
    label: { format, contentType: text(label, 'contentType') ?? defaultContentType(format), data: Buffer.from(data, 'base64') },
  };
}

function indexOf(parcel: JsonRecord): number {
  const index = parcel['index'];
  return typeof index === 'number' ? index : Number.MAX_SAFE_INTEGER;
}

function chargeOf(rate: unknown): BookedShipment['charge'] {
  if (!isRecord(rate)) return undefined;
  const amount = rate['amount'];
  const currency = text(rate, 'currency');
  if (typeof amount !== 'number' || !Number.isSafeInteger(amount) || amount < 0 || !currency) return undefined;
  return { amount, currency };
}

function defaultContentType(format: 'PDF' | 'ZPL'): string {
  return format === 'PDF' ? 'application/pdf' : 'application/x-zpl';
}
