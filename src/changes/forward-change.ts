/**
 * The change job: forwards one change request to the target that holds the order, with
 * an idempotency key (the change id), rendered by the target's `mappings.changes` when it
 * has one. An answer given at once is settled here; a `pending` one marks the change as
 * sent and the answer comes later as a `change_accepted` / `change_refused` status event.
 */
import type { Job } from 'bullmq';
import { MappingError, renderMapping } from '../mapping/index.js';
import { changeOrder } from '../pipeline/change-order.js';
import { SKIPPED_RESULT } from '../pipeline/observe-job.js';
import { requireInstance, type HubRuntime, type LiveInstance } from '../pipeline/runtime.js';
import type { ChangeAnswer, ChangeRequest } from '../sdk/connector.js';
import { PermanentError } from '../sdk/errors/index.js';
import type { StoredOrder } from '../store/order-store.js';
import { timelineEntry } from '../store/timeline.js';
import type { ChangeJob } from './change-job.js';
import { settleChange } from './settle-change.js';

export async function processChange(runtime: HubRuntime, target: string, job: Job<ChangeJob>): Promise<string> {
  const { orderId, changeId } = job.data;
  const stored = await runtime.store.get(orderId);
  const record = stored?.changes.find((c) => c.changeId === changeId);
  if (!stored?.order || !record) return SKIPPED_RESULT;
  if (record.state !== 'queued') return `change ${changeId} is ${record.state} already`;
  const instance = requireInstance(runtime, target);
  if (!instance.connector.requestChange) {
    await settleChange(runtime, orderId, changeId, {
      outcome: 'refused', reporter: 'hub',
      reason: `${target} takes no change requests from the hub; an agent must change the order in the back office`,
    });
    return `refused: ${target} takes no change requests`;
  }
  const request = buildRequest(instance, stored, changeId, job.attemptsMade + 1);
  const answer = await instance.connector.requestChange(request);
  return recordAnswer(runtime, stored, target, changeId, answer);
}

function buildRequest(instance: LiveInstance, stored: StoredOrder, changeId: string, attempt: number): ChangeRequest {
  const record = stored.changes.find((c) => c.changeId === changeId)!;
  const externalRef = stored.ledger[instance.id]?.externalRef ?? stored.status.receipts.find((r) => r.target === instance.id)?.externalRef;
  if (!externalRef) {
    throw new PermanentError(`change ${changeId}: order ${stored.hubOrderId} has no receipt from ${instance.id}`, {
      code: 'NOT_DELIVERED', hint: 'the change waits for the order to reach its target; replay it once the order is delivered',
    });
  }
  const request: ChangeRequest = {
    changeId, order: stored.order!, externalRef, operations: record.operations, requestedAt: record.requestedAt,
    idempotencyKey: changeId, attempt,
  };
  if (!instance.changes) return request;
  try {
    const { order, operations, requestedAt } = request;
    return { ...request, payload: renderMapping(instance.changes, { changeId, requestedAt, externalRef, order, operations }) };
  } catch (error) {
    if (!(error instanceof MappingError)) throw error;
    throw new PermanentError(`change ${changeId}: mapping ${instance.changes.id} failed for ${instance.id}: ${error.message}`, {
      code: 'CHANGE_MAPPING', hint: 'fix the change mapping, then replay the dead letter', cause: error,
    });
  }
}

async function recordAnswer(runtime: HubRuntime, stored: StoredOrder, target: string, changeId: string, answer: ChangeAnswer): Promise<string> {
  if (answer.outcome === 'pending') {
    await changeOrder(runtime, stored.hubOrderId, (current) => {
      const record = current.changes.find((c) => c.changeId === changeId);
      if (record?.state !== 'queued') return undefined;
      return {
        status: { ...current.status, version: current.status.version + 1 },
        entries: [timelineEntry('change', `change ${changeId} sent to ${target}; waiting for its answer`, { instance: target })],
        fields: { changes: JSON.stringify(current.changes.map((c) => (c.changeId === changeId ? { ...c, state: 'sent' as const } : c))) },
      };
    });
    return `change ${changeId} sent to ${target}`;
  }
  const outcome = await settleChange(runtime, stored.hubOrderId, changeId, {
    outcome: answer.outcome, reporter: target, ...(answer.outcome === 'refused' ? { reason: answer.reason } : {}),
  });
  return `change ${changeId} ${answer.outcome} by ${target} (${outcome})`;
}
