/**
 * Capture: the durable record of an inbound order. In one Redis transaction it checks
 * the dedup ledger, stores the raw envelope, creates the order in state `received` and
 * queues it for normalization. Only after that does a channel hear "received".
 */
import { createHash } from 'node:crypto';
import { newConfirmation, newHubOrderId } from '../model/ids.js';
import { initialStatus } from '../model/state-machine.js';
import { recordCapture } from '../obs/metrics.js';
import type { EnvelopeIn } from '../sdk/connector.js';
import { OrderStore } from '../store/order-store.js';
import { timelineEntry } from '../store/timeline.js';
import { NORMALIZE_QUEUE } from './queue-names.js';
import type { HubRuntime, LiveInstance } from './runtime.js';

export interface CaptureResult {
  hubOrderId: string;
  confirmation: string;
  duplicate: boolean;
}

export interface NormalizeJob {
  source: string;
  dedupKey: string;
}

/** The normalize job id is derived from the dedup key: concurrent duplicates share one job. */
export function normalizeJobId(source: string, dedupKey: string): string {
  return `n${createHash('sha1').update(`${source}\n${dedupKey}`).digest('hex')}`;
}

export async function captureOrder(runtime: HubRuntime, instance: LiveInstance, envelope: EnvelopeIn): Promise<CaptureResult> {
  const now = new Date();
  for (let attempt = 0; attempt < 3; attempt++) {
    const orderId = newHubOrderId(now.getTime());
    const meta = { ...envelope.meta, receivedAt: now.toISOString() };
    const [reply] = await runtime.queues.transaction(
      (multi) => runtime.store.queueCapture(multi, {
        orderId,
        source: instance.id,
        channel: instance.config.channel ?? 'api',
        dedupKey: envelope.dedupKey,
        externalId: envelope.externalId ?? '',
        candidateCodes: [newConfirmation(), newConfirmation(), newConfirmation()],
        status: initialStatus(),
        raw: { body: envelope.body, contentType: envelope.contentType, meta },
        entry: timelineEntry('capture', `received from ${instance.id}`, {
          instance: instance.id,
          detail: { bytes: envelope.body.length, contentType: envelope.contentType, ...envelope.meta },
        }, now),
        createdAt: now.toISOString(),
      }),
      [{
        queue: NORMALIZE_QUEUE,
        name: 'normalize',
        data: { source: instance.id, dedupKey: envelope.dedupKey } satisfies NormalizeJob,
        jobId: normalizeJobId(instance.id, envelope.dedupKey),
        options: { attempts: runtime.config.retry.attempts, backoff: { type: 'hub' } },
      }],
    );
    const result = OrderStore.parseCaptureReply(reply);
    if (result.outcome !== 'code_collision') {
      recordCapture(runtime.metrics, instance.config.channel ?? 'api', instance.id, result.outcome === 'duplicate');
      return { hubOrderId: result.orderId, confirmation: result.confirmation, duplicate: result.outcome === 'duplicate' };
    }
  }
  throw new Error('could not find a free confirmation code after 9 tries');
}
