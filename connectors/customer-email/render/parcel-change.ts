/**
 * What a change did to an order's parcels, as far as the customer should hear about it:
 * a parcel that left, one that arrived, one that ran into trouble. Everything else a
 * carrier reports (in transit, out for delivery, a new tracking event, a new expected
 * date without a problem) is the carrier's business and no news for the customer. A
 * parcel is the same parcel before and after by its tracking number, else its shipment
 * id. Pure.
 */
import type { Shipment } from '../../../src/sdk/index.js';

export type ParcelNews = 'shipped' | 'delayed' | 'delivered';

/** The parcel fields this judgement reads (what a notice's `previous` carries). */
export type ParcelBasis = Pick<Shipment, 'shipmentId' | 'trackingNumber' | 'delivered' | 'exception'>;

/** The most telling news of a change: a new parcel, then a new problem, then a delivery; undefined when none. */
export function parcelNews(before: readonly ParcelBasis[], after: readonly ParcelBasis[]): ParcelNews | undefined {
  const earlier = new Map(before.map((parcel) => [parcelKey(parcel), parcel]));
  const pairs = after.map((parcel) => ({ was: earlier.get(parcelKey(parcel)), now: parcel }));
  if (pairs.some(({ was }) => was === undefined)) return 'shipped';
  if (pairs.some(({ was, now }) => newException(was, now))) return 'delayed';
  if (pairs.some(({ was, now }) => now.delivered === true && was?.delivered !== true)) return 'delivered';
  return undefined;
}

/**
 * A problem the parcel did not have before: an exception where there was none, or one the
 * carrier words differently (another problem). The same problem reported again is not news.
 */
export function newException(was: ParcelBasis | undefined, now: ParcelBasis): boolean {
  if (!now.exception) return false;
  if (!was?.exception) return true;
  return was.exception.description !== now.exception.description || was.exception.code !== now.exception.code;
}

function parcelKey(parcel: ParcelBasis): string {
  return parcel.trackingNumber ? `tn:${parcel.trackingNumber}` : `id:${parcel.shipmentId}`;
}
