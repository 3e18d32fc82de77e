/**
 * API SIGKILL during a burst: requests in flight die with the process. Every order that
 * got a 2xx must exist afterwards; those that did not are retried by the storefront and
 * recognised as duplicates if the hub had recorded them.
 */
import type { Scenario } from '../scenario.js';

export const apiKill: Scenario = {
  name: 'api-kill',
  summary: 'API SIGKILL during a burst of webhooks, then a new API',
  quick: true,
  rate: 80,
  async inject({ stage, long, sleep }) {
    const kills = long ? 5 : 2;
    for (let i = 0; i < kills; i++) {
      await stage.api.signal('SIGKILL');
      await sleep(500);
      await stage.api.start();
      await sleep(2000);
    }
    return { faults: kills, checks: [] };
  },
};
