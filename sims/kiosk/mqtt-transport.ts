/**
 * Uploads over MQTT. The kiosk connects with clientId = deviceId and clean: false (a
 * persistent session: the broker queues the hub's messages while the kiosk is away), subscribes
 * QoS 1 to `<prefix>/<store>/<deviceId>/status`, and publishes each upload QoS 1 on
 * `<prefix>/<store>/orders` as a signed envelope. An upload is answered by the `receipt` (or
 * `refused`) with its nonce on the status topic; none within `receiptTimeoutMs` → retry later
 * (with a new nonce). Messages that answer no waiting upload (late receipts, status pushes) go
 * to onMessage listeners.
 *
 * Refusals: `REPLAYED` is the hub seeing an at-least-once redelivery (its nonce is spent): for
 * an upload still waiting it means "send again under a fresh nonce" (the hub died before it
 * answered the first copy); for one already answered it is ignored. `STALE_TIMESTAMP` is an
 * upload that waited too long at the broker: sent again with a fresh signature too.
 */
import mqtt, { type IClientOptions, type MqttClient } from 'mqtt';
import { parseHubMessage } from './hub-messages.js';
import { signPublish } from './signing.js';
import { REPLAY_CODE, RESIGN_CODES, type KioskTransport, type UploadOutcome } from './transport.js';
import type { HubMessage, KioskIdentity, ReceiptMessage, RefusedMessage } from './types.js';

export interface MqttTransportOptions {
  /** e.g. `mqtt://127.0.0.1:1883` */
  brokerUrl: string;
  identity: KioskIdentity;
  /** Topic prefix; default 'kiosks'. */
  prefix?: string;
  /** How long an upload waits for its receipt; default 10 000 ms. */
  receiptTimeoutMs?: number;
  /** How long connect() waits for the broker before leaving mqtt.js to keep trying; default 5 000 ms. */
  connectTimeoutMs?: number;
  /** 4 (MQTT 3.1.1, default) or 5 (then with a session expiry of `sessionExpirySeconds`). */
  protocolVersion?: 4 | 5;
  /** MQTT 5 only: how long the broker keeps the session after a disconnect; default 7 days. */
  sessionExpirySeconds?: number;
  /** The clock the timestamps come from (tests skew it); default now. */
  clock?: () => Date;
  /** Extra mqtt.js options (they win over the defaults above, except clientId and clean). */
  mqttOptions?: IClientOptions;
}

export function uploadTopic(prefix: string, identity: Pick<KioskIdentity, 'store'>): string {
  return `${prefix}/${identity.store}/orders`;
}

export function statusTopic(prefix: string, identity: Pick<KioskIdentity, 'store' | 'deviceId'>): string {
  return `${prefix}/${identity.store}/${identity.deviceId}/status`;
}

type Answer = ReceiptMessage | RefusedMessage;

export class MqttKioskTransport implements KioskTransport {
  readonly name = 'mqtt';
  readonly uploadTopic: string;
  readonly statusTopic: string;
  /** Status-topic messages that could not be read (for assertion messages). */
  readonly malformed: string[] = [];
  /** REPLAYED refusals for uploads already answered (redeliveries), ignored. */
  replaysIgnored = 0;
  #client: MqttClient | undefined;
  readonly #waiters = new Map<string, (answer: Answer) => void>();
  readonly #listeners = new Set<(message: HubMessage) => void>();

  constructor(private readonly options: MqttTransportOptions) {
    const prefix = options.prefix ?? 'kiosks';
    this.uploadTopic = uploadTopic(prefix, options.identity);
    this.statusTopic = statusTopic(prefix, options.identity);
  }

  get connected(): boolean {
    return this.#client?.connected === true;
  }

  /** Connects (persistent session) and subscribes; resolves when subscribed or after connectTimeoutMs (mqtt.js keeps trying). */
  async connect(): Promise<void> {
    if (this.#client !== undefined) return;
    const { identity } = this.options;
    const version = this.options.protocolVersion ?? 4;
    const client = mqtt.connect(this.options.brokerUrl, {
      reconnectPeriod: 1_000,
      connectTimeout: this.options.connectTimeoutMs ?? 5_000,
      resubscribe: false,
      protocolVersion: version,
      ...(version === 5 ? { properties: { sessionExpiryInterval: this.options.sessionExpirySeconds ?? 7 * 24 * 3600 } } : {}),
      ...this.options.mqttOptions,
      clientId: identity.deviceId,
      clean: false,
    });
    this.#client = client;
    client.on('error', () => undefined);
    client.on('message', (topic, payload) => {
      if (topic === this.statusTopic) this.#receive(payload.toString('utf8'));
    });
    const subscribed = new Promise<void>((resolve) => {
      // Every (re)connection subscribes again: cheap, and it survives a broker that lost the session.
      client.on('connect', () => {
        client.subscribeAsync(this.statusTopic, { qos: 1 }).then(() => resolve(), () => undefined);
      });
    });
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([subscribed, new Promise<void>((resolve) => { timer = setTimeout(resolve, this.options.connectTimeoutMs ?? 5_000); })]);
    clearTimeout(timer);
  }

  /** A clean DISCONNECT: the broker keeps the session and queues the hub's messages for it. */
  async disconnect(): Promise<void> {
    const client = this.#client;
    this.#client = undefined;
    if (client === undefined) return;
    await Promise.race([client.endAsync(), new Promise((resolve) => setTimeout(resolve, 2_000))]);
    client.end(true);
  }

  async upload(body: string, signal?: AbortSignal): Promise<UploadOutcome> {
    const client = this.#client;
    const envelope = signPublish(this.options.identity, this.uploadTopic, body, { now: (this.options.clock ?? (() => new Date()))() });
    const { nonce } = envelope;
    if (client === undefined) return { kind: 'retry', nonce, reason: 'not connected (offline)' };
    const timeoutMs = this.options.receiptTimeoutMs ?? 10_000;
    let timer: NodeJS.Timeout | undefined;
    let onAbort: (() => void) | undefined;
    try {
      const answered = new Promise<UploadOutcome>((resolve) => {
        this.#waiters.set(nonce, (answer) => resolve(outcomeOf(answer)));
        timer = setTimeout(() => resolve({ kind: 'retry', nonce, reason: `no receipt within ${timeoutMs} ms` }), timeoutMs);
        onAbort = () => resolve({ kind: 'retry', nonce, reason: 'aborted' });
        signal?.addEventListener('abort', onAbort, { once: true });
      });
      // PUBACK only says the broker has it; the receipt says the hub took it. mqtt.js holds a
      // publish made while reconnecting and sends it once connected.
      client.publishAsync(this.uploadTopic, JSON.stringify(envelope), { qos: 1 }).catch(() => undefined);
      return await answered;
    } finally {
      clearTimeout(timer);
      if (onAbort !== undefined) signal?.removeEventListener('abort', onAbort);
      this.#waiters.delete(nonce);
    }
  }

  onMessage(listener: (message: HubMessage) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  async close(): Promise<void> {
    await this.disconnect();
    this.#listeners.clear();
  }

  #receive(text: string): void {
    const parsed = parseHubMessage(text);
    if (!parsed.ok) {
      this.malformed.push(parsed.error);
      return;
    }
    const message = parsed.value;
    if (message.type === 'refused' && message.code === REPLAY_CODE && !this.#waiters.has(message.nonce)) {
      this.replaysIgnored += 1;
      return;
    }
    if (message.type !== 'status') {
      const waiter = this.#waiters.get(message.nonce);
      if (waiter !== undefined) {
        this.#waiters.delete(message.nonce);
        waiter(message);
        return;
      }
    }
    for (const listener of [...this.#listeners]) listener(message);
  }
}

function outcomeOf(answer: Answer): UploadOutcome {
  if (answer.type === 'receipt') {
    return { kind: 'reply', nonce: answer.nonce, reply: { results: answer.results, highestContiguous: answer.highestContiguous } };
  }
  if (RESIGN_CODES.has(answer.code) || answer.code === REPLAY_CODE) {
    return { kind: 'retry', nonce: answer.nonce, reason: `refused ${answer.code}: ${answer.detail}` };
  }
  if (/TOO_LARGE/i.test(answer.code)) return { kind: 'too-large', nonce: answer.nonce, code: answer.code, detail: answer.detail };
  return { kind: 'refused', nonce: answer.nonce, code: answer.code, detail: answer.detail };
}
