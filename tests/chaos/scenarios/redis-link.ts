/**
 * A bad link to Redis: 150 ms of latency, then a narrow link (64 KB/s each way), then
 * connections reset in the middle of Redis's answers (a capture that ran but whose answer never came back). The storefront
 * retries what was not acknowledged, and the dedup ledger answers with the same order.
 */
import type { Scenario } from '../scenario.js';

export const redisLink: Scenario = {
  name: 'redis-link',
  summary: 'Redis link: 150 ms latency, 64 KB/s, then resets mid-answer',
  quick: false,
  rate: 25,
  async inject({ stage, long, sleep }) {
    stage.redisProxy.latency(150);
    await sleep(long ? 20_000 : 5000);
    stage.redisProxy.heal();
    stage.redisProxy.bandwidth(64 * 1024);
    await sleep(long ? 20_000 : 5000);
    stage.redisProxy.heal();
    let faults = 0;
    for (let i = 0; i < (long ? 10 : 3); i++) {
      stage.redisProxy.resetMidResponse(200);
      await sleep(300);
      stage.redisProxy.heal();
      faults += 1;
      await sleep(2000);
    }
    return { faults: 2 + faults + stage.redisProxy.resets(), checks: [] };
  },
};
