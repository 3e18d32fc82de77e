/**
 * Parcel carrier ("ParcelCo" REST API): books shipments and makes their labels (PDF
 * or ZPL) once per idempotency key, voids them before pickup, and follows parcels by
 * asking (`tracking`) and by signed webhooks at `/in/<instance>/tracking`. The
 * carrier's event codes become parcel statuses through the instance's status mapping
 * (`mappings.status`, e.g. mappings/parcelco-tracking.json), which it must have.
 */
import { defineConnector } from '../../src/sdk/index.js';
import { bookShipment } from './book-shipment.js';
import { checkCarrier } from './check.js';
import { configSchema, withDefaults, type ParcelCarrierConfig } from './config.js';
import { receiveWebhook } from './receive-webhook.js';
import { requireStatusMapping } from './status-mapping.js';
import { trackParcels } from './track-parcels.js';
import type { TrackingEventSource } from './tracking-event.js';
import { voidShipment } from './void-shipment.js';

export default defineConnector<ParcelCarrierConfig>({
  id: 'parcel-carrier',
  title: 'Parcel carrier (ParcelCo)',
  description: 'Books shipments and labels with a parcel carrier\'s REST API, voids them before pickup, and follows parcels by polling and by signed tracking webhooks.',
  version: '1.0.0',
  roles: ['ship', 'track', 'push'],
  configSchema,
  exampleConfig: {
    url: 'http://127.0.0.1:9104',
    apiKey: { env: 'PARCELCO_API_KEY' },
    webhookSecret: { env: 'PARCELCO_WEBHOOK_SECRET' },
    shipFrom: { name: 'Hub DC East', line1: '1 Dock Rd', city: 'Newark', region: 'NJ', postalCode: '07102', country: 'US' },
  },
  create(context) {
    const config = withDefaults(context.config);
    const source: TrackingEventSource = { mapping: requireStatusMapping(context), carrier: config.carrierName };
    return {
      shipping: {
        book: (request) => bookShipment(config, request),
        void: (shipmentId) => voidShipment(config, shipmentId),
      },
      tracking: {
        track: (numbers) => trackParcels(config, source, context.log, numbers),
        ...config.tracking,
      },
      receive: async (request) => receiveWebhook(config, source, request),
      check: () => checkCarrier(config),
    };
  },
});
