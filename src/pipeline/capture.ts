/**
 * Capture: the durable record of an inbound order. In one Redis transaction it checks
 * the dedup ledger, stores the raw envelope, creates the order and queues its next
 * stage. Only after that does a channel hear "received".
 *
 * Fast path: mapping is compiled and validation is precompiled, so the order is judged
 * here, before the transaction, in microseconds; the order is then recorded already
 * `accepted` (with its delivery job) or `needs_review` (with its reasons), and no
 * normalize job is needed. Connectors whose parsing is slow (OCR) opt out with
 * `normalizeAtCapture: false`, and anything unexpected while judging falls back to the
 * classic path: the order is recorded `received` and a normalize worker judges it.
 *
 * Card numbers: before anything is judged or written, every card number in the
 * envelope (bytes, parsed data, metadata) is masked (card-numbers.ts). The connector
 * checked the signature over the original bytes already. An order that carried one is
 * flagged `CARD_NUMBER_MASKED` with the paths where it was (never the number), on the
 * order and in its timeline, and is otherwise judged as usual.
 */
import type { CanonicalOrder } from '../model/order.js';
import { linesToReserve } from '../inventory/place-in-warehouses.js';
import { placeVerdict } from './place-verdict.js';
import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { newConfirmation, newHubOrderId } from '../model/ids.js';
import { initialStatus, step } from '../model/state-machine.js';
import { recordCapture } from '../obs/metrics.js';
import type { EnvelopeIn, RawEnvelope } from '../sdk/connector.js';
import { OrderStore, type CaptureInput, type OrderFlag } from '../store/order-store.js';
import { timelineEntry, type TimelineEntry } from '../store/timeline.js';
import { markBackorders } from '../inventory/backorders-at-capture.js';
import { stockForFulfilment } from '../inventory/stock-for-fulfilment.js';
import type { OrderStatus } from '../model/status.js';
import { acceptance } from './acceptance.js';
import { maskCardNumbersInEnvelope } from './card-numbers.js';
import { evaluateOrder, parseEnvelope, readEnvelope, type OrderIdentity, type ParsedInput, type Verdict } from './evaluate-order.js';
import { newOrderNoticeJobs } from './notify.js';
import { NORMALIZE_QUEUE } from './queue-names.js';
import type { JobSpec } from './queues.js';
import type { HubRuntime, LiveInstance } from './runtime.js';

export interface CaptureResult {
  hubOrderId: string;
  confirmation: string;
  duplicate: boolean;
  /** The new order's state (absent for a duplicate). */
  state?: OrderStatus['state'];
}

export interface NormalizeJob {
  source: string;
  dedupKey: string;
}

/** The normalize job id is derived from the dedup key: concurrent duplicates share one job. */
export function normalizeJobId(source: string, dedupKey: string): string {
  return `n${dedupDigest(source, dedupKey)}`;
}

/** So is the delivery job id of an order accepted at capture. */
export function captureDeliverJobId(source: string, dedupKey: string): string {
  return `d${dedupDigest(source, dedupKey)}`;
}

function dedupDigest(source: string, dedupKey: string): string {
  return createHash('sha1').update(`${source}\n${dedupKey}`).digest('hex');
}

const MAX_CODE_TRIES = 5;

/** The flag an order gets when a card number was masked in what it arrived with. */
export const CARD_NUMBER_MASKED = 'CARD_NUMBER_MASKED';

export async function captureOrder(runtime: HubRuntime, instance: LiveInstance, received: EnvelopeIn): Promise<CaptureResult> {
  const now = new Date();
  const { envelope, paths: cardPaths } = await maskCardNumbersInEnvelope(received, (raw) => parseEnvelope(instance, raw));
  const raw: RawEnvelope = {
    body: envelope.body, contentType: envelope.contentType,
    meta: { ...envelope.meta, ...(envelope.form ? { form: envelope.form } : {}), receivedAt: now.toISOString() },
  };
  const parsed = await parseAtCapture(runtime, instance, envelope, raw);
  for (let attempt = 0; attempt < MAX_CODE_TRIES; attempt++) {
    // A fresh id with every code: a try whose code was taken created nothing, and its job finds no order.
    const identity: OrderIdentity = {
      hubOrderId: newHubOrderId(now.getTime()), confirmation: newConfirmation(),
      channel: instance.config.channel ?? 'api', source: instance.id,
    };
    const { input, jobs } = await planCapture(runtime, instance, { envelope, raw, parsed }, identity, now, cardPaths);
    // The customer's acknowledgement is queued with an accepted order itself: it goes out within
    // seconds. An order judged later (OCR, review) is acknowledged when it is accepted: only then
    // does the hub know who the customer is and what they ordered.
    const notices = input.status.state === 'accepted' ? newOrderNoticeJobs(runtime, identity.hubOrderId, input.status) : [];
    const [reply] = await runtime.queues.transaction((multi) => {
      runtime.store.queueCapture(multi, input);
      // An accepted order takes its units from the inventory view in the same transaction.
      if (input.order) runtime.stockView.queueReserve(multi, input.orderId, linesToReserve(input.order));
    }, [...jobs, ...notices]);
    const result = OrderStore.parseCaptureReply(reply);
    if (result.outcome !== 'code_collision') {
      if (cardPaths.length > 0 && result.outcome === 'created') {
        runtime.log.warn({ orderId: result.orderId, connector: instance.id, stage: 'capture', paths: cardPaths },
          'card number found in an inbound order and masked before it was stored');
      }
      recordCapture(runtime.metrics, identity.channel, instance.id, result.outcome === 'duplicate');
      const duplicate = result.outcome === 'duplicate';
      return { hubOrderId: result.orderId, confirmation: result.confirmation, duplicate, ...(duplicate ? {} : { state: input.status.state }) };
    }
  }
  throw new Error(`could not find a free confirmation code after ${MAX_CODE_TRIES} tries`);
}

/** With `inventory.checkAtCapture`: what no DC can fill now is marked backordered before the acknowledgement. */
async function checkStock(runtime: HubRuntime, status: OrderStatus, order: CanonicalOrder, now: Date): Promise<{ status: OrderStatus; entries: TimelineEntry[] }> {
  if (!runtime.config.inventory.checkAtCapture) return { status, entries: [] };
  const lines = order.lines;
  const stock = await runtime.stockView.stockOf([...new Set(lines.map((line) => line.sku))]);
  const marked = markBackorders(status, lines, stockForFulfilment(order, stock, runtime.stores));
  if (marked.short.length === 0) return { status, entries: [] };
  const summary = marked.short.map((s) => `${s.backordered} × ${s.sku}${s.expectedDate ? ` (expected ${s.expectedDate})` : ''}`).join(', ');
  return { status: marked.status, entries: [timelineEntry('capture', `not in stock now, backordered: ${summary}`, { detail: { backorders: marked.short } }, now)] };
}

/**
 * An order accepted after capture (by a normalize worker, or in review) takes its units
 * from the inventory view until the OMS reports it. Right after the acceptance, not in
 * it: a crash between the two leaves the view a little too generous until the OMS's next
 * stock report, never an order lost.
 */
export async function reserveStock(runtime: HubRuntime, order: CanonicalOrder): Promise<void> {
  const orderId = order.hubOrderId;
  try {
    await runtime.stockView.reserve(orderId, linesToReserve(order));
  } catch (error) {
    runtime.log.warn({ orderId, stage: 'capture', err: error }, 'could not reserve stock for the order; the next stock report corrects the view');
  }
}

interface CapturePlan {
  input: CaptureInput;
  jobs: JobSpec[];
}

/** The envelope as it will be stored, and its plain data when it is judged at capture. */
interface Arrival {
  envelope: EnvelopeIn;
  raw: RawEnvelope;
  parsed: ParsedInput | undefined;
}

async function planCapture(
  runtime: HubRuntime, instance: LiveInstance, arrival: Arrival, identity: OrderIdentity, now: Date, cardPaths: string[],
): Promise<CapturePlan> {
  const { envelope, raw } = arrival;
  const flags: OrderFlag[] = cardPaths.length > 0
    ? [{ code: CARD_NUMBER_MASKED, summary: 'a card number arrived with the order and was masked before it was stored', at: now.toISOString(), paths: cardPaths }]
    : [];
  const base: CaptureInput = {
    orderId: identity.hubOrderId,
    confirmation: identity.confirmation,
    source: instance.id,
    channel: identity.channel,
    dedupKey: envelope.dedupKey,
    externalId: envelope.externalId ?? '',
    status: initialStatus(),
    raw,
    entries: [timelineEntry('capture', `received from ${instance.id}`, {
      instance: instance.id,
      detail: { bytes: envelope.body.length, contentType: envelope.contentType, ...envelope.meta },
    }, now), ...flags.map((flag) => timelineEntry('capture', `card number found and masked at ${describePaths(cardPaths)}`, {
      instance: instance.id, detail: { flag: flag.code, paths: cardPaths },
    }, now))],
    createdAt: now.toISOString(),
    ...(flags.length > 0 ? { flags } : {}),
  };
  const judged = arrival.parsed && judgeAtCapture(runtime, instance, identity, raw, arrival.parsed);
  const verdict = judged?.ok ? await placeVerdict(runtime, judged) : judged;
  if (verdict?.ok) {
    const accepted = acceptance(runtime, base.status, verdict, now, captureDeliverJobId(instance.id, envelope.dedupKey));
    if (accepted) {
      const stocked = await checkStock(runtime, accepted.status, verdict.order, now);
      return {
        input: { ...base, status: stocked.status, order: verdict.order, entries: [...base.entries, ...accepted.entries, ...stocked.entries], writes: accepted.writes },
        jobs: accepted.jobs,
      };
    }
  }
  if (verdict && !verdict.ok) return { input: forReview(runtime, base, verdict, now), jobs: [] };
  return {
    // Found by the channel's reference while a worker judges it (OCR takes seconds).
    input: base.externalId ? { ...base, writes: [runtime.store.externalRefWrite(base.source, base.externalId, base.orderId)] } : base,
    jobs: [{
      queue: NORMALIZE_QUEUE,
      name: 'normalize',
      data: { source: instance.id, dedupKey: envelope.dedupKey } satisfies NormalizeJob,
      jobId: normalizeJobId(instance.id, envelope.dedupKey),
      options: { attempts: runtime.config.retry.attempts, backoff: { type: 'hub' } },
    }],
  };
}

function describePaths(paths: string[]): string {
  return paths.length <= 5 ? paths.join(', ') : `${paths.slice(0, 5).join(', ')} and ${paths.length - 5} more`;
}

/**
 * The envelope's plain data for judging at capture, or undefined when the normalize
 * worker must judge it (the connector parses slowly, or parsing failed unexpectedly).
 */
async function parseAtCapture(runtime: HubRuntime, instance: LiveInstance, envelope: EnvelopeIn, raw: RawEnvelope): Promise<ParsedInput | undefined> {
  if (instance.connector.normalizeAtCapture === false || envelope.deferJudging) return undefined;
  if ('data' in envelope) return { data: envelope.data };
  try {
    return await readEnvelope(instance, raw);
  } catch (error) {
    runtime.log.warn({ connector: instance.id, stage: 'capture', err: error }, 'could not parse the order at capture; a normalize worker will');
    return undefined;
  }
}

/** The verdict on the order now, or undefined when the normalize worker must judge it. */
function judgeAtCapture(runtime: HubRuntime, instance: LiveInstance, identity: OrderIdentity, raw: RawEnvelope, parsed: ParsedInput): Verdict | undefined {
  const started = performance.now();
  try {
    const verdict = evaluateOrder(runtime, instance, identity, raw, parsed);
    runtime.metrics?.stageDuration.observe({ stage: 'normalize', instance: 'hub', outcome: verdict.ok ? 'ok' : 'review' }, (performance.now() - started) / 1000);
    return verdict;
  } catch (error) {
    runtime.log.warn({ orderId: identity.hubOrderId, connector: instance.id, stage: 'capture', err: error },
      'could not judge the order at capture; a normalize worker will');
    return undefined;
  }
}

function forReview(runtime: HubRuntime, base: CaptureInput, verdict: Extract<Verdict, { ok: false }>, now: Date): CaptureInput {
  runtime.log.warn({ orderId: base.orderId, connector: base.source, stage: 'normalize', reasons: verdict.reasons.length }, 'order needs review');
  const outcome = step(base.status, 'review');
  if (outcome.outcome !== 'applied') throw new Error(`a new order cannot go to review: ${outcome.reason}`);
  return {
    ...base,
    status: { ...outcome.status, review: { reasons: verdict.reasons } },
    entries: [...base.entries, timelineEntry('normalize', `needs review: ${verdict.reasons.length} problem(s)`, { detail: { reasons: verdict.reasons } }, now)],
    ...(verdict.candidate ? { candidate: verdict.candidate } : {}),
    // Found by the channel's reference even before anyone has read it.
    writes: [{ op: 'zadd', key: runtime.keys.reviewQueue(), score: now.getTime(), member: base.orderId },
      ...(base.externalId ? [runtime.store.externalRefWrite(base.source, base.externalId, base.orderId)] : [])],
  };
}
