/**
 * The OMS answers 500s for a while, then 429 with Retry-After for a while: deliveries are
 * retried with the same idempotency key, the breaker holds the queue while the failures
 * go on, and every order arrives once when the OMS is well again.
 */
import type { FaultContext, Scenario } from '../scenario.js';

/** Every order POST during `ms` is answered `status` (as a sick OMS would), then all is well. */
async function failFor(context: FaultContext, status: number, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    context.stage.oms.failNext(5, status);
    await context.sleep(100);
  }
  context.stage.oms.acceptAll();
}

export const omsErrors: Scenario = {
  name: 'oms-errors',
  summary: 'OMS answers 500s, then 429 with Retry-After',
  quick: true,
  rate: 30,
  async inject(context) {
    await failFor(context, 500, context.long ? 30_000 : 5000);
    await failFor(context, 429, context.long ? 30_000 : 5000);
    const faults = context.stage.oms.requests().filter((r) => r.status === 500 || r.status === 429).length;
    return { faults, checks: [] };
  },
};
