/**
 * The OMS hangs (never answers) and answers after 10 s: the hub's deliveries time out,
 * are retried with the same idempotency key, and the OMS's books hold each order once,
 * although it received some of them more than once.
 */
import { checkThat, type Scenario } from '../scenario.js';

export const omsSlow: Scenario = {
  name: 'oms-slow',
  summary: 'OMS hangs and answers after 10 s',
  quick: true,
  rate: 20,
  async inject({ stage, long, sleep }) {
    const count = long ? 20 : 5;
    for (let i = 0; i < count; i++) stage.oms.hangNext();
    for (let i = 0; i < count; i++) stage.oms.delayNext(10_000);
    await sleep(long ? 30_000 : 14_000);
    const reposts = stage.oms.orders().filter((o) => o.posts > 1).length;
    return { faults: 2 * count, checks: [checkThat('timed-out deliveries were sent again', reposts > 0, `${reposts} order(s) posted more than once, created once`)] };
  },
};
