/**
 * Status back to the kiosk that sold an order: every change of the order's state is
 * published (QoS 1) on the device's status topic, where a kiosk with a persistent
 * session finds it when it comes back online. Runs in the workers, on a connection of
 * its own (a clean session: it only publishes).
 */
import { randomBytes } from 'node:crypto';
import { connectAsync, type MqttClient } from 'mqtt';
import { TransientError, type Devices, type Notice, type NoticeOutcome } from '../../src/sdk/index.js';
import type { KioskMqttConfig } from './config.js';
import { statusTopic } from './topics.js';

export class StatusPublisher {
  private client: Promise<MqttClient> | undefined;

  constructor(private readonly mqtt: KioskMqttConfig, private readonly devices: Devices) {}

  async publish(notice: Notice): Promise<NoticeOutcome | void> {
    const origin = deviceOf(notice.order.externalId);
    if (!origin) return;
    const store = (await this.devices.storeOf(origin.device)) ?? notice.order.fulfilment?.pickupStore;
    if (!store) return { summary: `kiosk ${origin.device} is no longer registered: status not pushed` };
    const message = {
      type: 'status', seq: origin.seq, confirmation: notice.order.confirmation, state: notice.state,
      version: notice.status.version, occurredAt: notice.occurredAt,
      ...(notice.status.shipments.length > 0 ? { shipments: notice.status.shipments.map((s) => ({ carrier: s.carrier, trackingNumber: s.trackingNumber, trackingUrl: s.trackingUrl })) } : {}),
      ...(notice.change ? { change: { outcome: notice.change.outcome, summary: notice.change.summary, ...(notice.change.reason ? { reason: notice.change.reason } : {}) } } : {}),
    };
    try {
      const client = await this.connected();
      await client.publishAsync(statusTopic(this.mqtt.topicPrefix, store, origin.device), JSON.stringify(message), { qos: 1 });
    } catch (error) {
      this.reset();
      throw new TransientError(`could not publish to the kiosk broker: ${(error as Error).message}`, { code: 'BROKER_UNAVAILABLE', hint: 'check that the MQTT broker is up; the notice is retried', cause: error });
    }
    return { summary: `pushed "${notice.state}" to kiosk ${origin.device}`, detail: { device: origin.device, store } };
  }

  async close(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    if (client) await client.then((c) => c.endAsync(), () => undefined);
  }

  private connected(): Promise<MqttClient> {
    this.client ??= connectAsync(this.mqtt.url, {
      clientId: `${this.mqtt.clientId}-status-${randomBytes(4).toString('hex')}`, clean: true, reconnectPeriod: 1000, connectTimeout: 5000,
      ...(this.mqtt.username ? { username: this.mqtt.username } : {}), ...(this.mqtt.password ? { password: this.mqtt.password } : {}),
    });
    return this.client;
  }

  private reset(): void {
    const client = this.client;
    this.client = undefined;
    void client?.then((c) => c.endAsync(true), () => undefined);
  }
}

/** `<device>/<seq>`, the external id of an order a kiosk sold. */
export function deviceOf(externalId: string): { device: string; seq: number } | undefined {
  const match = /^([A-Za-z0-9][A-Za-z0-9_-]{0,39})\/(\d+)$/.exec(externalId);
  return match ? { device: match[1]!, seq: Number(match[2]) } : undefined;
}
