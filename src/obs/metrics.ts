/**
 * Prometheus metrics of one hub process: a registry of its own (never prom-client's
 * global one, so several hubs can live in one test process), the default Node metrics,
 * counters and histograms the pipeline updates as it works, and gauges read from Redis
 * only when scraped (one cheap read per queue, target or dead-letter set).
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Histogram buckets of a stage call, in seconds: 1 ms to 30 s. */
export const STAGE_DURATION_BUCKETS = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

export type StageOutcome = 'ok' | 'retry' | 'dead_letter' | 'review';
export type QueueState = 'waiting' | 'active' | 'delayed' | 'failed';
export const QUEUE_STATES: readonly QueueState[] = ['waiting', 'active', 'delayed', 'failed'];

/** Where the scrape-time gauges read their values. Each read may fail (Redis down): the gauge is then left empty. */
export interface GaugeSources {
  queueCounts(): Promise<Array<{ queue: string; counts: Partial<Record<QueueState, number>> }>>;
  oldestWaitingSeconds(): Promise<Array<{ queue: string; seconds: number }>>;
  circuits(): Promise<Array<{ target: string; open: boolean }>>;
  deadLetters(): Promise<Array<{ instance: string; count: number }>>;
}

export interface HubMetrics {
  registry: Registry;
  ordersReceived: Counter<'channel' | 'source' | 'outcome'>;
  stageDuration: Histogram<'stage' | 'instance' | 'outcome'>;
  stageErrors: Counter<'stage' | 'instance' | 'kind'>;
  dedupHits: Counter<'source'>;
  queueJobs: Gauge<'queue' | 'state'>;
  queueOldestWaiting: Gauge<'queue'>;
  circuitOpen: Gauge<'target'>;
  deadLetters: Gauge<'instance'>;
}

export function createMetrics(sources?: GaugeSources): HubMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const registers = [registry];
  return {
    registry,
    ordersReceived: new Counter({
      name: 'hub_orders_received_total', help: 'Orders captured from a channel, new or recognised as a duplicate.',
      labelNames: ['channel', 'source', 'outcome'], registers,
    }),
    stageDuration: new Histogram({
      name: 'hub_stage_duration_seconds', help: 'Time of one stage call (one job attempt), by how it ended.',
      labelNames: ['stage', 'instance', 'outcome'], buckets: STAGE_DURATION_BUCKETS, registers,
    }),
    stageErrors: new Counter({
      name: 'hub_stage_errors_total', help: 'Failed stage attempts by error kind (transient, permanent, bad_input, unauthorized).',
      labelNames: ['stage', 'instance', 'kind'], registers,
    }),
    dedupHits: new Counter({
      name: 'hub_dedup_hits_total', help: 'Inbound orders answered from the dedup ledger instead of being captured again.',
      labelNames: ['source'], registers,
    }),
    queueJobs: new Gauge({
      name: 'hub_queue_jobs', help: 'Jobs in a queue by state, read at scrape time.',
      labelNames: ['queue', 'state'], registers,
      async collect() {
        this.reset();
        for (const { queue, counts } of await quietly(sources?.queueCounts())) {
          for (const state of QUEUE_STATES) this.set({ queue, state }, counts[state] ?? 0);
        }
      },
    }),
    queueOldestWaiting: new Gauge({
      name: 'hub_queue_oldest_waiting_seconds', help: 'Age of the oldest waiting job of a queue (0 when none waits), read at scrape time.',
      labelNames: ['queue'], registers,
      async collect() {
        this.reset();
        for (const { queue, seconds } of await quietly(sources?.oldestWaitingSeconds())) this.set({ queue }, seconds);
      },
    }),
    circuitOpen: new Gauge({
      name: 'hub_circuit_open', help: '1 while the circuit breaker of a target is open, else 0; read at scrape time.',
      labelNames: ['target'], registers,
      async collect() {
        this.reset();
        for (const { target, open } of await quietly(sources?.circuits())) this.set({ target }, open ? 1 : 0);
      },
    }),
    deadLetters: new Gauge({
      name: 'hub_dead_letters', help: 'Dead letters waiting for a person, by the instance whose stage failed (hub for normalize).',
      labelNames: ['instance'], registers,
      async collect() {
        this.reset();
        for (const { instance, count } of await quietly(sources?.deadLetters())) this.set({ instance }, count);
      },
    }),
  };
}

/** Counts one capture: a new order, or a duplicate answered from the dedup ledger. */
export function recordCapture(metrics: HubMetrics | undefined, channel: string, source: string, duplicate: boolean): void {
  if (!metrics) return;
  metrics.ordersReceived.inc({ channel, source, outcome: duplicate ? 'duplicate' : 'created' });
  if (duplicate) metrics.dedupHits.inc({ source });
}

/** A scrape must not fail because Redis is away: the gauges are then simply absent. */
async function quietly<T>(read: Promise<T[]> | undefined): Promise<T[]> {
  try {
    return (await read) ?? [];
  } catch {
    return [];
  }
}
