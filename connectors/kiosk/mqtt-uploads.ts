/**
 * Uploads over MQTT: the hub subscribes to `<prefix>/+/orders` at QoS 1 with a persistent
 * session (clean: false, a fixed client id), so what kiosks publish while the hub is down
 * waits on the broker. A message is acknowledged to the broker (PUBACK) only after its
 * orders are durably recorded and the answer is published on the device's status topic;
 * until then the broker keeps it. The same signature, dedup and sequence rules as HTTP.
 */
import { randomBytes } from 'node:crypto';
import { connect, type IPublishPacket, type MqttClient } from 'mqtt';
import {
  isHubError, type DeviceIdentity, type Devices, type Intake, type Listening, type Logger,
} from '../../src/sdk/index.js';
import type { KioskConfig, KioskMqttConfig } from './config.js';
import { statusTopic, storeOfUploadTopic, uploadFilter } from './topics.js';
import { takeUpload, type UploadAnswer } from './take-upload.js';

export interface MqttUploadsContext {
  instanceId: string;
  config: KioskConfig;
  mqtt: KioskMqttConfig;
  devices: Devices;
  log: Logger;
}

/** What a kiosk publishes: the upload as text, signed like an HTTP request with method PUBLISH. */
interface SignedUpload {
  device: string;
  key: string;
  timestamp: number | string;
  nonce: string;
  signature: string;
  body: string;
}

type Refusal = { type: 'refused'; nonce?: string; code: string; detail: string };

const MAX_RETRY_DELAY_MS = 5000;

export async function listenForUploads(context: MqttUploadsContext, intake: Intake): Promise<Listening> {
  const { mqtt, log } = context;
  let closed = false;
  const credentials = { ...(mqtt.username ? { username: mqtt.username } : {}), ...(mqtt.password ? { password: mqtt.password } : {}) };
  // Answers go out on a connection of their own: the client that receives handles one
  // message at a time and would not read the broker's PUBACK of an answer it waits for.
  const replies = connect(mqtt.url, {
    clientId: `${mqtt.clientId}-replies-${randomBytes(4).toString('hex')}`, clean: true, reconnectPeriod: 1000, connectTimeout: 10_000, ...credentials,
  });
  replies.on('error', (error) => log.warn({ err: error, broker: mqtt.url }, 'kiosk broker connection (answers) failed; retrying'));
  const client = connect(mqtt.url, {
    clientId: mqtt.clientId, clean: false, reconnectPeriod: 1000, connectTimeout: 10_000, protocolVersion: 4, ...credentials,
  });
  client.on('connect', (connack) => {
    log.info({ broker: mqtt.url, sessionPresent: connack.sessionPresent }, 'connected to the kiosk broker');
    client.subscribe(uploadFilter(mqtt.topicPrefix), { qos: 1 }, (error) => {
      if (error) log.error({ err: error }, 'could not subscribe to kiosk uploads');
    });
  });
  client.on('error', (error) => log.warn({ err: error, broker: mqtt.url }, 'kiosk broker connection failed; retrying'));
  client.handleMessage = (packet, done) => {
    handleUpload(context, replies, intake, packet, () => closed).then(() => done(), (error: Error) => {
      log.warn({ err: error, topic: packet.topic }, 'kiosk upload left unacknowledged: the broker sends it again');
      done(error);
    });
  };
  return {
    address: `${mqtt.url}/${uploadFilter(mqtt.topicPrefix)}`,
    async close() {
      closed = true;
      await client.endAsync();
      await replies.endAsync();
    },
  };
}

async function handleUpload(context: MqttUploadsContext, replies: MqttClient, intake: Intake, packet: IPublishPacket, isClosed: () => boolean): Promise<void> {
  const { mqtt, log } = context;
  const topicStore = storeOfUploadTopic(mqtt.topicPrefix, packet.topic);
  const message = readMessage(Buffer.isBuffer(packet.payload) ? packet.payload : Buffer.from(packet.payload));
  if (!topicStore || !message) {
    log.warn({ topic: packet.topic, bytes: packet.payload.length }, 'not a signed kiosk upload: dropped');
    return;
  }
  const reply = (device: string, store: string, body: UploadAnswer & { type: 'receipt'; nonce: string } | Refusal) =>
    replies.publishAsync(statusTopic(mqtt.topicPrefix, store, device), JSON.stringify(body), { qos: 1 });
  let device: DeviceIdentity;
  try {
    device = await context.devices.authenticate({
      keyId: message.key, timestamp: String(message.timestamp), nonce: message.nonce, signature: message.signature,
      method: 'PUBLISH', target: packet.topic, body: Buffer.from(message.body, 'utf8'),
    }, { toleranceSeconds: mqtt.toleranceSeconds });
  } catch (error) {
    if (!isHubError(error) || error.kind !== 'unauthorized') throw error;
    log.warn({ device: message.device, code: error.code, topic: packet.topic }, 'kiosk upload refused');
    if (/^[A-Za-z0-9_-]{1,40}$/.test(message.device)) await reply(message.device, topicStore, { type: 'refused', nonce: message.nonce, code: error.code, detail: error.message });
    return;
  }
  if (device.store !== topicStore) {
    await reply(device.deviceId, device.store, { type: 'refused', nonce: message.nonce, code: 'WRONG_STORE', detail: `device ${device.deviceId} belongs to store ${device.store}, not ${topicStore}: publish to its own store's topic` });
    return;
  }
  const answer = await withRetries(() => takeUpload({
    instanceId: context.instanceId, devices: context.devices, intake,
    maxOrders: context.config.maxOrdersPerBatch, concurrency: context.config.concurrency,
    meta: { transport: 'mqtt', nonce: message.nonce },
  }, device, Buffer.from(message.body, 'utf8')), isClosed, log);
  if ('refused' in answer) {
    await reply(device.deviceId, device.store, { type: 'refused', nonce: message.nonce, code: answer.code, detail: answer.detail });
    return;
  }
  await reply(device.deviceId, device.store, { type: 'receipt', nonce: message.nonce, ...answer });
}

/**
 * Records the upload, waiting out a hub that cannot record now (Redis restarting): the
 * signature was already checked and its nonce spent, so the message is not given back to
 * the broker. Bad input is answered at once.
 */
async function withRetries(
  take: () => Promise<UploadAnswer>, isClosed: () => boolean, log: Logger,
): Promise<UploadAnswer | { refused: true; code: string; detail: string }> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await take();
    } catch (error) {
      if (isHubError(error) && error.kind === 'bad_input') return { refused: true, code: error.code, detail: error.message };
      if (isClosed()) throw error;
      const delay = Math.min(MAX_RETRY_DELAY_MS, 100 * 2 ** attempt);
      log.warn({ err: error, attempt, delayMs: delay }, 'could not record a kiosk upload; trying again');
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}

function readMessage(payload: Buffer): SignedUpload | undefined {
  try {
    const value = JSON.parse(payload.toString('utf8')) as Partial<SignedUpload>;
    const fields = [value.device, value.key, value.nonce, value.signature, value.body];
    if (fields.some((f) => typeof f !== 'string')) return undefined;
    if (typeof value.timestamp !== 'number' && typeof value.timestamp !== 'string') return undefined;
    return value as SignedUpload;
  } catch {
    return undefined;
  }
}
