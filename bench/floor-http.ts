/**
 * The floor's HTTP delivery: one POST of {hubOrderId, order} per job to the sink, with
 * the order id as Idempotency-Key; concurrency 16, like the hub's default per target.
 */
import type { FloorDelivery } from './floor-delivery.js';

export function httpDelivery(sinkUrl: string): FloorDelivery {
  return {
    concurrency: 16,
    async deliver(job) {
      const response = await fetch(sinkUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': job.id },
        body: JSON.stringify({ hubOrderId: job.id, order: job.order }),
      });
      await response.arrayBuffer();
      if (!response.ok) throw new Error(`sink answered ${response.status}`);
    },
  };
}
