/**
 * One kiosk: sells orders into its outbox (seq 1, 2, 3, …), online or not, and sync() uploads
 * whatever the hub does not hold yet, in batches, through its transport. Faults on purpose:
 * shuffled batches, already-held orders sent again (duplicateRate), answers thrown away after
 * the hub processed the upload (lostResponseRate, which forces a resend). Passing failures are
 * retried with backoff; a refusal stops the sync. It records per seq what the hub said, the
 * hub's highestContiguous, and the status pushes per confirmation.
 */
import { sleep } from '../shared/wait.js';
import { backoffDelay, DEFAULT_RETRY, type RetryPolicy } from './backoff.js';
import { planBatches, type Batch } from './batch-plan.js';
import { KioskLedger, type SeqRecord } from './ledger.js';
import { makeKioskOrder, type OrderMakerOptions } from './order-maker.js';
import { seededRng, type Rng } from './prng.js';
import type { KioskTransport } from './transport.js';
import type { HubMessage, KioskIdentity, KioskKey, KioskOrder, StatusMessage, UploadReply } from './types.js';

export interface KioskFaults {
  /** Shuffle orders within and across batches; default true. */
  shuffle?: boolean;
  /** Per order sent, the chance that an already-held order is sent again with it; default 0. */
  duplicateRate?: number;
  /** Chance that the hub's answer to an upload is thrown away after the hub processed it; default 0. */
  lostResponseRate?: number;
}

export interface KioskOptions extends OrderMakerOptions, KioskFaults {
  identity: KioskIdentity;
  transport: KioskTransport;
  /** A seed or an Rng; default the device id. */
  rng?: Rng | number | string;
  /** Orders per upload; default 100. */
  batchSize?: number;
  retry?: Partial<RetryPolicy>;
  /** The clock for placedAt; default now. */
  clock?: () => Date;
  /** Starts online; default true. The transport connects at setOnline(true) or the first sync(). */
  online?: boolean;
  /** Sees every upload and its outcome (for logs). */
  onEvent?: (event: KioskEvent) => void;
}

export type KioskEvent =
  | { type: 'upload'; deviceId: string; seqs: number[]; duplicates: number[]; outcome: string; detail?: string; lost?: boolean }
  | { type: 'message'; deviceId: string; message: HubMessage };

export interface Refusal {
  status?: number;
  code: string;
  detail: string;
  at: string;
}

export interface SyncOptions {
  /** Also send held orders whose answer was lost (as duplicates), to learn their confirmation. */
  resendUnanswered?: boolean;
  signal?: AbortSignal;
}

export interface KioskDrainOptions {
  /** Default 60 000 ms. */
  timeoutMs?: number;
  /** Also resend held orders whose answer was lost, to learn their confirmation; default true. */
  learnConfirmations?: boolean;
  /** First pause between rounds (doubling up to retry.maxMs); default 50 ms. */
  pauseMs?: number;
  signal?: AbortSignal;
}

export interface SyncReport {
  /** done: every batch answered; gave-up: a batch kept failing; refused: the hub refused; offline: nothing sent. */
  result: 'done' | 'gave-up' | 'refused' | 'offline';
  uploads: number;
  /** Orders in answered uploads (duplicates included). */
  ordersSent: number;
  /** Seqs that became held during this sync. */
  newlyHeld: number;
  /** Orders still to send afterwards. */
  pending: number;
  refusal?: Refusal;
  /** The last passing failure, when the sync gave up. */
  lastError?: string;
}

export interface KioskStats {
  sold: number;
  /** Upload attempts, failed ones included. */
  uploads: number;
  /** Orders in answered uploads. */
  ordersSent: number;
  duplicatesSent: number;
  /** Answers thrown away on purpose (lostResponseRate). */
  lostResponses: number;
  /** Attempts that failed for a passing reason. */
  retries: number;
  /** Batches split after a too-large answer. */
  splits: number;
  /** Receipts that arrived after their upload gave up waiting. */
  lateReceipts: number;
  /** Refusals that arrived after their upload gave up waiting (no effect). */
  lateRefusals: number;
  /** Distinct status pushes received. */
  statuses: number;
  /** Status pushes received again (same seq, version and state). */
  statusRedeliveries: number;
}

export class Kiosk {
  readonly identity: KioskIdentity;
  readonly transport: KioskTransport;
  readonly ledger: KioskLedger;
  readonly rng: Rng;
  readonly refusals: Refusal[] = [];
  readonly stats: KioskStats = {
    sold: 0, uploads: 0, ordersSent: 0, duplicatesSent: 0, lostResponses: 0, retries: 0, splits: 0, lateReceipts: 0, lateRefusals: 0, statuses: 0, statusRedeliveries: 0,
  };
  #online: boolean;
  /** The transport was told to connect (and not to disconnect since). */
  #connected = false;
  #batchSize: number;
  readonly #retry: RetryPolicy;
  readonly #options: KioskOptions;
  readonly #statuses = new Map<string, StatusMessage[]>();
  /** Nonces whose answer was thrown away on purpose: a redelivered copy is thrown away too. */
  readonly #lostNonces = new Set<string>();
  /** The seqs, in upload order, of uploads that got no answer: a late receipt may name entries by index. */
  readonly #unanswered = new Map<string, number[]>();
  #syncing: Promise<SyncReport> | undefined;
  #blocked: Refusal | undefined;
  readonly #unsubscribe: (() => void) | undefined;

  constructor(options: KioskOptions) {
    this.#options = options;
    this.identity = options.identity;
    this.transport = options.transport;
    this.ledger = new KioskLedger(options.identity.deviceId);
    this.rng = typeof options.rng === 'object' ? options.rng : seededRng(options.rng ?? options.identity.deviceId);
    this.#online = options.online ?? true;
    this.#batchSize = options.batchSize ?? 100;
    this.#retry = { ...DEFAULT_RETRY, ...options.retry };
    this.#unsubscribe = options.transport.onMessage?.((message) => this.#onMessage(message));
  }

  get deviceId(): string {
    return this.identity.deviceId;
  }

  get online(): boolean {
    return this.#online;
  }

  get lastSeq(): number {
    return this.ledger.lastSeq;
  }

  get highestContiguous(): number {
    return this.ledger.highestContiguous;
  }

  /** The batch size in use (halved after a too-large answer). */
  get batchSize(): number {
    return this.#batchSize;
  }

  /** Goes online (connects the transport) or offline (waits for a sync in progress, then disconnects). */
  async setOnline(online: boolean): Promise<void> {
    this.#online = online;
    if (online) {
      await this.#connect();
      return;
    }
    await this.#syncing?.catch(() => undefined);
    if (this.#connected && !this.#online) {
      this.#connected = false;
      await this.transport.disconnect?.();
    }
  }

  async #connect(): Promise<void> {
    if (this.#connected) return;
    this.#connected = true;
    await this.transport.connect?.();
  }

  /** Installs another key (after a rotation); the next upload signs with it. */
  useKey(key: KioskKey): void {
    this.identity.key = { ...key };
  }

  /** The customer presses submit `count` times: new orders with the next seqs, placed now. */
  sell(count = 1): KioskOrder[] {
    const sold: KioskOrder[] = [];
    for (let i = 0; i < count; i += 1) {
      const order = makeKioskOrder(this.ledger.lastSeq + 1, (this.#options.clock ?? (() => new Date()))(), this.rng, this.#options);
      this.ledger.add(order);
      sold.push(order);
    }
    this.stats.sold += sold.length;
    return sold;
  }

  /** Seqs still to send, ascending. */
  pendingSeqs(): number[] {
    return this.ledger.pending().map((order) => order.seq);
  }

  /** The hub holds every order sold. */
  inSync(): boolean {
    return this.ledger.inSync();
  }

  record(seq: number): SeqRecord | undefined {
    return this.ledger.record(seq);
  }

  /** The status pushes received for `confirmation`, in arrival order, redeliveries dropped. */
  statuses(confirmation: string): StatusMessage[] {
    return [...(this.#statuses.get(confirmation) ?? [])];
  }

  /** Every confirmation with the status pushes received for it. */
  allStatuses(): Map<string, StatusMessage[]> {
    return new Map([...this.#statuses].map(([key, list]) => [key, [...list]]));
  }

  /** The refusal that ended the newest sync, until a sync completes. */
  get blocked(): Refusal | undefined {
    return this.#blocked;
  }

  /** Uploads every order the hub does not hold yet (one pass). Concurrent calls share one run. */
  sync(options: SyncOptions = {}): Promise<SyncReport> {
    this.#syncing ??= this.#sync(options).finally(() => {
      this.#syncing = undefined;
    });
    return this.#syncing;
  }

  /**
   * sync() until the hub holds every order and (with learnConfirmations) each held seq was
   * answered once; true then. False after a refusal or the timeout. A hub that never answers
   * for some held seqs is given up on after 3 rounds without progress (still true: all held).
   */
  async drain(options: KioskDrainOptions = {}): Promise<boolean> {
    const deadline = Date.now() + (options.timeoutMs ?? 60_000);
    const learn = options.learnConfirmations ?? true;
    const done = (): boolean => this.inSync() && (!learn || this.ledger.unanswered().length === 0);
    let stalls = 0;
    for (let round = 1; ; round += 1) {
      if (done()) return true;
      const unansweredBefore = this.ledger.unanswered().length;
      const report = await this.sync({ resendUnanswered: learn, ...(options.signal ? { signal: options.signal } : {}) });
      if (done()) return true;
      if (this.inSync()) {
        stalls = this.ledger.unanswered().length < unansweredBefore ? 0 : stalls + 1;
        if (stalls >= 3) return true;
      }
      if (report.result === 'refused' || options.signal?.aborted || Date.now() >= deadline) return false;
      const pause = backoffDelay(round, { ...this.#retry, baseMs: options.pauseMs ?? 50 }, this.rng);
      await sleep(Math.min(pause, Math.max(0, deadline - Date.now())), options.signal);
    }
  }

  /** Releases the transport. */
  async close(): Promise<void> {
    await this.#syncing?.catch(() => undefined);
    this.#unsubscribe?.();
    await this.transport.close();
  }

  async #sync(options: SyncOptions): Promise<SyncReport> {
    const report: SyncReport = { result: 'done', uploads: 0, ordersSent: 0, newlyHeld: 0, pending: 0 };
    if (!this.#online) {
      report.result = 'offline';
      report.pending = this.ledger.pending().length;
      return report;
    }
    await this.#connect();
    const toSend = options.resendUnanswered ? [...this.ledger.pending(), ...this.ledger.unanswered()].sort((a, b) => a.seq - b.seq) : this.ledger.pending();
    const queue: Batch[] = planBatches(toSend, this.ledger.held(), {
      batchSize: this.#batchSize,
      shuffle: this.#options.shuffle ?? true,
      duplicateRate: this.#options.duplicateRate ?? 0,
    }, this.rng);
    while (queue.length > 0) {
      if (!this.#online || options.signal?.aborted) break;
      const batch = queue.shift() as Batch;
      const step = await this.#send(batch, report, options.signal);
      if (step === 'split') {
        const half = Math.ceil(batch.orders.length / 2);
        queue.unshift(subBatch(batch, 0, half), subBatch(batch, half));
        continue;
      }
      if (step !== 'ok') {
        report.result = step;
        break;
      }
    }
    if (report.result === 'done') this.#blocked = undefined;
    report.pending = this.ledger.pending().length;
    return report;
  }

  /** One batch, retried while the failure is passing: ok, split (too large), gave-up or refused. */
  async #send(batch: Batch, report: SyncReport, signal: AbortSignal | undefined): Promise<'ok' | 'split' | 'gave-up' | 'refused'> {
    const body = JSON.stringify({ orders: batch.orders });
    const seqs = batch.orders.map((order) => order.seq);
    for (let attempt = 1; ; attempt += 1) {
      this.stats.uploads += 1;
      report.uploads += 1;
      const outcome = await this.transport.upload(body, signal);
      const event = { type: 'upload' as const, deviceId: this.deviceId, seqs, duplicates: batch.duplicates, outcome: outcome.kind };
      switch (outcome.kind) {
        case 'reply': {
          report.ordersSent += batch.orders.length;
          this.stats.ordersSent += batch.orders.length;
          this.stats.duplicatesSent += batch.duplicates.length;
          if (this.rng.chance(this.#options.lostResponseRate ?? 0)) {
            // The hub processed it; the kiosk never hears: those orders stay pending and go again.
            this.stats.lostResponses += 1;
            this.#lostNonces.add(outcome.nonce);
            this.#options.onEvent?.({ ...event, lost: true });
            return 'ok';
          }
          report.newlyHeld += this.#apply(outcome.reply, `upload ${outcome.nonce}`, seqs);
          this.#options.onEvent?.(event);
          return 'ok';
        }
        case 'too-large': {
          this.#options.onEvent?.({ ...event, detail: outcome.detail ?? '' });
          if (batch.orders.length > 1) {
            this.stats.splits += 1;
            this.#batchSize = Math.max(1, Math.min(this.#batchSize, Math.ceil(batch.orders.length / 2)));
            return 'split';
          }
          return this.#refuse(report, { code: outcome.code ?? 'TOO_LARGE', detail: outcome.detail ?? 'a single order is too large', ...(outcome.status ? { status: outcome.status } : {}) });
        }
        case 'refused':
          this.#options.onEvent?.({ ...event, detail: `${outcome.code}: ${outcome.detail}` });
          return this.#refuse(report, { code: outcome.code, detail: outcome.detail, ...(outcome.status ? { status: outcome.status } : {}) });
        case 'retry': {
          this.stats.retries += 1;
          this.#unanswered.set(outcome.nonce, seqs);
          this.#options.onEvent?.({ ...event, detail: outcome.reason });
          if (attempt >= this.#retry.attempts || !this.#online || signal?.aborted) {
            report.lastError = outcome.reason;
            return 'gave-up';
          }
          await sleep(backoffDelay(attempt, this.#retry, this.rng, outcome.retryAfterMs), signal);
        }
      }
    }
  }

  #refuse(report: SyncReport, refusal: Omit<Refusal, 'at'>): 'refused' {
    const full: Refusal = { ...refusal, at: new Date().toISOString() };
    this.refusals.push(full);
    this.#blocked = full;
    report.refusal = full;
    report.lastError = `refused: ${refusal.code}`;
    return 'refused';
  }

  /** Takes in an answer; `seqs` (the upload's seqs in order) names entries the hub identified by index only. */
  #apply(reply: Pick<UploadReply, 'results' | 'highestContiguous' | 'device' | 'store'>, source: string, seqs?: number[]): number {
    if (reply.device !== undefined && reply.device !== this.identity.deviceId) {
      this.ledger.anomalies.push(`${source}: answered for device ${reply.device}`);
    }
    if (reply.store !== undefined && reply.store !== this.identity.store) {
      this.ledger.anomalies.push(`${source}: answered for store ${reply.store}`);
    }
    const results = reply.results.map((result) => {
      const seq = result.seq ?? (result.index === undefined ? undefined : seqs?.[result.index]);
      return seq === undefined || seq === result.seq ? result : { ...result, seq };
    });
    return this.ledger.apply({ results, highestContiguous: reply.highestContiguous }, source);
  }

  #onMessage(message: HubMessage): void {
    this.#options.onEvent?.({ type: 'message', deviceId: this.deviceId, message });
    switch (message.type) {
      case 'status': {
        const list = this.#statuses.get(message.confirmation) ?? [];
        // QoS 1 is at least once: the same change delivered again is counted, not kept twice.
        if (list.some((known) => known.version === message.version && known.state === message.state && known.seq === message.seq)) {
          this.stats.statusRedeliveries += 1;
          return;
        }
        this.stats.statuses += 1;
        list.push(message);
        this.#statuses.set(message.confirmation, list);
        return;
      }
      case 'receipt':
        // The answer to an upload that gave up waiting: what it says is still true.
        if (this.#lostNonces.has(message.nonce)) return;
        this.stats.lateReceipts += 1;
        this.#apply(message, `late receipt ${message.nonce}`, this.#unanswered.get(message.nonce));
        this.#unanswered.delete(message.nonce);
        return;
      case 'refused':
        // The refusal of an upload nobody waits for any more (it was sent again since): counted only.
        this.stats.lateRefusals += 1;
    }
  }
}

function subBatch(batch: Batch, start: number, end?: number): Batch {
  const orders = batch.orders.slice(start, end);
  const seqs = new Set(orders.map((order) => order.seq));
  return { orders, duplicates: batch.duplicates.filter((seq) => seqs.has(seq)) };
}
