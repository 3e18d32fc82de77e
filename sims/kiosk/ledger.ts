/**
 * A kiosk's bookkeeping of its outbox against the hub's answers: every order it sold, what the
 * hub said per seq (outcome, confirmation, hub order id) and the highest contiguous seq the hub
 * holds. A seq is held, and never sent again, once some answer said captured, duplicate or
 * rejected, or once it is at or below highestContiguous. Answers that contradict earlier ones
 * (another confirmation for the same seq, highestContiguous going down, a seq never sold) are
 * kept as anomalies for tests to assert on.
 */
import type { KioskOrder, UploadReply, UploadResult } from './types.js';

/** Outcomes that mean the hub holds the seq. */
export const HELD_OUTCOMES: ReadonlySet<string> = new Set(['captured', 'duplicate', 'rejected']);

export interface SeqRecord {
  seq: number;
  /** The first answer that said the hub holds it (or the latest answer while none did). */
  outcome: string;
  confirmation?: string;
  hubOrderId?: string;
  state?: string;
  reason?: string;
  /** Where the hub filed it (rejected). */
  filedId?: string;
  /** How many answers named this seq. */
  answers: number;
  /** Every outcome named for it, in order (e.g. ['captured', 'duplicate']). */
  outcomes: string[];
}

export class KioskLedger {
  readonly #orders = new Map<number, KioskOrder>();
  readonly #records = new Map<number, SeqRecord>();
  #highestContiguous = 0;
  #lastSeq = 0;
  readonly anomalies: string[] = [];

  constructor(private readonly deviceId: string) {}

  /** Adds a sold order; its seq must be the next one. */
  add(order: KioskOrder): void {
    if (order.seq !== this.#lastSeq + 1) throw new Error(`kiosk ${this.deviceId}: seq ${order.seq} after ${this.#lastSeq}`);
    this.#orders.set(order.seq, order);
    this.#lastSeq = order.seq;
  }

  get lastSeq(): number {
    return this.#lastSeq;
  }

  get highestContiguous(): number {
    return this.#highestContiguous;
  }

  order(seq: number): KioskOrder | undefined {
    return this.#orders.get(seq);
  }

  record(seq: number): SeqRecord | undefined {
    const record = this.#records.get(seq);
    return record === undefined ? undefined : { ...record, outcomes: [...record.outcomes] };
  }

  records(): SeqRecord[] {
    return [...this.#records.keys()].sort((a, b) => a - b).map((seq) => this.record(seq) as SeqRecord);
  }

  isHeld(seq: number): boolean {
    if (seq <= this.#highestContiguous) return true;
    const record = this.#records.get(seq);
    return record !== undefined && HELD_OUTCOMES.has(record.outcome);
  }

  /** Orders the hub does not hold yet, by seq: these must be sent. */
  pending(): KioskOrder[] {
    return [...this.#orders.values()].filter((order) => !this.isHeld(order.seq));
  }

  /** Orders the hub holds, by seq. */
  held(): KioskOrder[] {
    return [...this.#orders.values()].filter((order) => this.isHeld(order.seq));
  }

  /** Held orders no answer ever named (their answer was lost): no confirmation is known for them. */
  unanswered(): KioskOrder[] {
    return this.held().filter((order) => !this.#records.has(order.seq));
  }

  /** The hub holds every order sold. */
  inSync(): boolean {
    return this.#highestContiguous >= this.#lastSeq;
  }

  /** Takes in an answer (an HTTP reply or an MQTT receipt); returns how many seqs became held. */
  apply(reply: Pick<UploadReply, 'results' | 'highestContiguous'>, source: string): number {
    const heldBefore = this.held().length;
    for (const result of reply.results) this.#applyResult(result, source);
    const contiguous = reply.highestContiguous;
    if (!Number.isInteger(contiguous) || contiguous < 0) {
      this.anomalies.push(`${source}: highestContiguous ${String(contiguous)} is not a count`);
    } else if (contiguous < this.#highestContiguous) {
      this.anomalies.push(`${source}: highestContiguous went down from ${this.#highestContiguous} to ${contiguous}`);
    } else {
      if (contiguous > this.#lastSeq) this.anomalies.push(`${source}: highestContiguous ${contiguous} beyond the last seq sold ${this.#lastSeq}`);
      this.#highestContiguous = contiguous;
    }
    return this.held().length - heldBefore;
  }

  #applyResult(result: UploadResult, source: string): void {
    const { seq } = result;
    if (seq === undefined) {
      this.anomalies.push(`${source}: a result without seq (index ${String(result.index)}, ${result.outcome}${result.reason ? `: ${result.reason}` : ''})`);
      return;
    }
    if (!this.#orders.has(seq)) {
      this.anomalies.push(`${source}: a result for seq ${String(seq)}, which was never sold`);
      return;
    }
    const known = this.#records.get(seq);
    if (known === undefined) {
      this.#records.set(seq, { ...copyFields(result), seq, outcome: result.outcome, answers: 1, outcomes: [result.outcome] });
      return;
    }
    known.answers += 1;
    known.outcomes.push(result.outcome);
    for (const field of ['confirmation', 'hubOrderId'] as const) {
      const given = result[field];
      if (given === undefined) continue;
      if (known[field] === undefined) known[field] = given;
      else if (known[field] !== given) this.anomalies.push(`${source}: seq ${seq} answered with ${field} ${given}, earlier ${known[field]}`);
    }
    if (result.state !== undefined) known.state = result.state;
    if (!HELD_OUTCOMES.has(known.outcome)) {
      known.outcome = result.outcome;
      if (result.reason !== undefined) known.reason = result.reason;
    }
  }
}

function copyFields(result: UploadResult): Omit<SeqRecord, 'seq' | 'outcome' | 'answers' | 'outcomes'> {
  const fields: Omit<SeqRecord, 'seq' | 'outcome' | 'answers' | 'outcomes'> = {};
  if (result.confirmation !== undefined) fields.confirmation = result.confirmation;
  if (result.hubOrderId !== undefined) fields.hubOrderId = result.hubOrderId;
  if (result.state !== undefined) fields.state = result.state;
  if (result.reason !== undefined) fields.reason = result.reason;
  if (result.filedId !== undefined) fields.filedId = result.filedId;
  return fields;
}
