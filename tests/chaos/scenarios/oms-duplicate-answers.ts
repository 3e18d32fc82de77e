/**
 * The OMS answers the same order twice: every status callback arrives twice. The hub
 * applies each once, and the storefront hears each status once.
 */
import { checkThat, type Scenario } from '../scenario.js';

export const omsDuplicateAnswers: Scenario = {
  name: 'oms-duplicate-answers',
  summary: 'OMS sends every status callback twice',
  quick: false,
  rate: 25,
  async inject({ stage, long, sleep }) {
    stage.oms.duplicateCallbacks(true);
    await sleep(long ? 30_000 : 8000);
    stage.oms.duplicateCallbacks(false);
    const copies = stage.oms.callbacks().filter((c) => c.duplicate).length;
    return { faults: copies, checks: [checkThat('duplicate callbacks were sent', copies > 0, `${copies} second copies`)] };
  },
};
