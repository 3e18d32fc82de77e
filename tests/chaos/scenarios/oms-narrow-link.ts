/**
 * A narrow link to the OMS (2 KB/s each way, a few orders a second at best): deliveries
 * crawl and time out half-way, are sent again under the same idempotency key, and the
 * OMS's books hold each order once.
 */
import type { Scenario } from '../scenario.js';

export const omsNarrowLink: Scenario = {
  name: 'oms-narrow-link',
  summary: 'OMS link limited to 2 KB/s each way',
  quick: false,
  rate: 20,
  async inject({ stage, long, sleep }) {
    stage.omsProxy.bandwidth(2048);
    await sleep(long ? 30_000 : 8000);
    stage.omsProxy.heal();
    return { faults: 1, checks: [] };
  },
};
