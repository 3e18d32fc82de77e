/**
 * A fleet of kiosks: each sells every tick, online or not, on its own seeded schedule of
 * online and offline periods, and syncs while online; run() ends with drain(), which brings
 * every kiosk online and syncs until the hub holds each one's orders up to its last seq.
 * The transport is 'http', 'mqtt', or a factory (an integration test drives the real hub with
 * its own, or the in-memory hub with `(identity) => hub.transport(identity)`).
 */
import { sleep } from '../shared/wait.js';
import type { RetryPolicy } from './backoff.js';
import { ConnectivitySchedule, type ConnectivityOptions } from './connectivity.js';
import { HttpKioskTransport } from './http-transport.js';
import { Kiosk, type KioskEvent, type KioskFaults } from './kiosk.js';
import { MqttKioskTransport } from './mqtt-transport.js';
import type { OrderMakerOptions } from './order-maker.js';
import { seededRng, type Rng } from './prng.js';
import { summarizeFleet, type FleetReport } from './report.js';
import type { KioskTransport } from './transport.js';
import type { KioskIdentity } from './types.js';

export type TransportFactory = (identity: KioskIdentity, index: number) => KioskTransport;

export interface FleetOptions extends OrderMakerOptions, KioskFaults {
  devices: readonly KioskIdentity[];
  transport: 'http' | 'mqtt' | TransportFactory;
  /** http: the hub's base URL and the kiosk connector instance (default 'kiosks'). */
  hubUrl?: string;
  instance?: string;
  /** mqtt: the broker, the topic prefix (default 'kiosks'), how long to wait for a receipt. */
  brokerUrl?: string;
  topicPrefix?: string;
  receiptTimeoutMs?: number;
  protocolVersion?: 4 | 5;
  /** Default 1: the same seed gives the same orders, schedules and fault draws per kiosk. */
  seed?: number | string;
  /** Orders per upload; default 100. */
  batchSize?: number;
  retry?: Partial<RetryPolicy>;
  connectivity?: ConnectivityOptions;
  /** Orders sold per kiosk per tick, [min, max]; default [0, 2]. */
  salesPerTick?: [number, number];
  /** Pause between ticks; default 25 ms. */
  tickMs?: number;
  /** The clock of placedAt and signatures; default now. */
  clock?: () => Date;
  onEvent?: (event: KioskEvent) => void;
}

export interface RunOptions {
  /** Stop selling after this many orders per kiosk (default 20 when durationMs is unset too). */
  ordersPerKiosk?: number;
  /** Stop selling after this long. */
  durationMs?: number;
  /** Then drain (default true). */
  drain?: boolean;
  drainTimeoutMs?: number;
  signal?: AbortSignal;
}

export interface DrainOptions {
  /** Default 60 000 ms. */
  timeoutMs?: number;
  /** Also resend held orders whose answer was lost, to learn their confirmation; default true. */
  learnConfirmations?: boolean;
  signal?: AbortSignal;
}

export class Fleet {
  readonly kiosks: Kiosk[];
  readonly #schedules: ConnectivitySchedule[];
  readonly #rngs: Rng[];
  readonly #started = Date.now();

  constructor(private readonly options: FleetOptions) {
    if (options.devices.length === 0) throw new Error('Fleet: no devices');
    const root = seededRng(options.seed ?? 1);
    const ids = new Set(options.devices.map((device) => device.deviceId));
    if (ids.size !== options.devices.length) throw new Error('Fleet: a device id is listed twice');
    this.kiosks = options.devices.map((device, index) => {
      const identity: KioskIdentity = { deviceId: device.deviceId, store: device.store, key: { ...device.key } };
      const { catalog, currency, shipRate, paymentRate, maxLines, shuffle, duplicateRate, lostResponseRate, batchSize, retry, clock, onEvent } = options;
      return new Kiosk({
        catalog, currency, shipRate, paymentRate, maxLines, shuffle, duplicateRate, lostResponseRate, batchSize, retry, clock, onEvent,
        identity,
        transport: this.#transportFor(identity, index),
        rng: root.fork(`kiosk/${device.deviceId}`),
        online: false,
      });
    });
    this.#rngs = options.devices.map((device) => root.fork(`ticks/${device.deviceId}`));
    this.#schedules = options.devices.map((device) => new ConnectivitySchedule(root.fork(`schedule/${device.deviceId}`), options.connectivity));
  }

  kiosk(deviceId: string): Kiosk {
    const kiosk = this.kiosks.find((candidate) => candidate.deviceId === deviceId);
    if (kiosk === undefined) throw new Error(`Fleet: no kiosk ${deviceId}`);
    return kiosk;
  }

  /** Sells (online and offline) until ordersPerKiosk or durationMs, syncing while online; then drains. */
  async run(options: RunOptions = {}): Promise<FleetReport> {
    const [min, max] = this.options.salesPerTick ?? [0, 2];
    if (!(max >= 1) || min < 0 || min > max) throw new Error(`Fleet: salesPerTick must be [min, max] with 0 <= min <= max and max >= 1`);
    const limit = options.ordersPerKiosk ?? (options.durationMs === undefined ? 20 : Number.POSITIVE_INFINITY);
    const started = Date.now();
    await Promise.all(this.kiosks.map(async (kiosk, index) => {
      const rng = this.#rngs[index] as Rng;
      const schedule = this.#schedules[index] as ConnectivitySchedule;
      for (;;) {
        const remaining = limit - kiosk.stats.sold;
        if (remaining <= 0 || options.signal?.aborted) break;
        if (options.durationMs !== undefined && Date.now() - started >= options.durationMs) break;
        const online = schedule.next();
        if (online !== kiosk.online) await kiosk.setOnline(online);
        kiosk.sell(Math.min(remaining, rng.between(min, max)));
        if (online) await kiosk.sync(options.signal ? { signal: options.signal } : {});
        await sleep(this.options.tickMs ?? 25, options.signal);
      }
    }));
    if (options.drain === false) return this.report();
    return this.drain({ ...(options.drainTimeoutMs === undefined ? {} : { timeoutMs: options.drainTimeoutMs }), ...(options.signal ? { signal: options.signal } : {}) });
  }

  /** Every kiosk online, syncing until its highestContiguous equals its last seq (or a refusal, or the timeout). */
  async drain(options: DrainOptions = {}): Promise<FleetReport> {
    await Promise.all(this.kiosks.map(async (kiosk) => {
      await kiosk.setOnline(true);
      await kiosk.drain({
        timeoutMs: options.timeoutMs ?? 60_000,
        learnConfirmations: options.learnConfirmations ?? true,
        ...(options.signal ? { signal: options.signal } : {}),
      });
    }));
    return this.report();
  }

  report(): FleetReport {
    return summarizeFleet(this.kiosks, Date.now() - this.#started);
  }

  async close(): Promise<void> {
    await Promise.all(this.kiosks.map((kiosk) => kiosk.close()));
  }

  #transportFor(identity: KioskIdentity, index: number): KioskTransport {
    const { transport } = this.options;
    if (typeof transport === 'function') return transport(identity, index);
    if (transport === 'http') {
      if (!this.options.hubUrl) throw new Error("Fleet: transport 'http' needs hubUrl");
      return new HttpKioskTransport({
        hubUrl: this.options.hubUrl, instance: this.options.instance ?? 'kiosks', identity,
        ...(this.options.clock ? { clock: this.options.clock } : {}),
      });
    }
    if (!this.options.brokerUrl) throw new Error("Fleet: transport 'mqtt' needs brokerUrl");
    return new MqttKioskTransport({
      brokerUrl: this.options.brokerUrl, identity, prefix: this.options.topicPrefix ?? 'kiosks',
      ...(this.options.receiptTimeoutMs === undefined ? {} : { receiptTimeoutMs: this.options.receiptTimeoutMs }),
      ...(this.options.protocolVersion === undefined ? {} : { protocolVersion: this.options.protocolVersion }),
      ...(this.options.clock ? { clock: this.options.clock } : {}),
    });
  }
}
