/**
 * The OMS goes away (5 minutes in the long version): first its connections reset in the
 * middle of answers, then the link is a blackhole, then nothing listens. The breaker holds
 * the queue without using up attempts; when the OMS is back every order arrives once.
 */
import type { Scenario } from '../scenario.js';

export const omsAway: Scenario = {
  name: 'oms-away',
  summary: 'OMS resets mid-answer, blackholes, then is gone (5 min long, 20 s quick)',
  quick: true,
  rate: 20,
  async inject({ stage, long, sleep }) {
    stage.omsProxy.resetMidResponse(40);
    await sleep(long ? 20_000 : 4000);
    stage.omsProxy.blackhole();
    await sleep(long ? 20_000 : 6000);
    stage.omsProxy.heal();
    stage.omsProxy.refuse();
    await sleep(long ? 300_000 : 20_000);
    const faults = stage.omsProxy.resets();
    stage.omsProxy.heal();
    return { faults, checks: [] };
  },
};
