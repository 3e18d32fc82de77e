/**
 * Kiosk channel: in-store kiosks that keep selling when the network drops. Each kiosk
 * is a registered device with its own key (console: Devices); it numbers its orders,
 * keeps them while offline and uploads them later in batches, over HTTP or MQTT. The
 * hub records each order once, answers per order, reports the highest contiguous number
 * it holds, and pushes status changes back to the device (MQTT) or lets it look them up.
 */
import { defineConnector, type ConnectorInstance } from '../../src/sdk/index.js';
import { configSchema, type KioskConfig } from './config.js';
import { listenForUploads } from './mqtt-uploads.js';
import { StatusPublisher } from './mqtt-status.js';
import { parseKioskEnvelope } from './order-data.js';
import { receiveRequest } from './receive-request.js';

export default defineConnector<KioskConfig>({
  id: 'kiosk',
  title: 'In-store kiosks',
  description: 'Orders from registered in-store kiosks: signed uploads of numbered orders over HTTP or MQTT, store-and-forward safe; status back per device.',
  version: '1.0.0',
  roles: ['push', 'listen', 'notify'],
  configSchema,
  exampleConfig: {
    toleranceSeconds: 300,
    mqtt: { url: 'mqtt://127.0.0.1:1883', username: 'order-hub', password: { env: 'KIOSK_BROKER_PASSWORD' }, clientId: 'order-hub' },
  },
  create({ instanceId, config, devices, log }) {
    const publisher = config.mqtt ? new StatusPublisher(config.mqtt, devices) : undefined;
    const instance: ConnectorInstance = {
      receive: (request, intake) => receiveRequest({ instanceId, config, devices }, request, intake),
      parse: (raw) => parseKioskEnvelope(raw),
      notices: 'latest-state',
      async check() {
        return { ok: true, detail: config.mqtt ? `uploads over HTTP and MQTT (${config.mqtt.url})` : 'uploads over HTTP; kiosks look status up' };
      },
      async close() {
        await publisher?.close();
      },
    };
    if (config.mqtt) {
      const mqtt = config.mqtt;
      instance.listen = (intake) => listenForUploads({ instanceId, config, mqtt, devices, log }, intake);
    }
    if (publisher) instance.notify = (notice) => publisher.publish(notice);
    return instance;
  },
});
