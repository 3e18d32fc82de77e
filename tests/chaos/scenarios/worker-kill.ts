/**
 * Worker SIGKILL while jobs are active: the worker dies mid-delivery more than once and
 * a new one starts; stalled jobs run again and the ledgers keep every effect single.
 */
import { readFileSync } from 'node:fs';
import { checkThat, type Scenario } from '../scenario.js';

export const workerKill: Scenario = {
  name: 'worker-kill',
  summary: 'worker SIGKILL while jobs are active, then a new worker',
  quick: true,
  rate: 40,
  async inject({ stage, long, sleep }) {
    const kills = long ? 5 : 2;
    for (let i = 0; i < kills; i++) {
      // A slow OMS keeps deliveries in flight, so the kill lands in the middle of them.
      stage.omsProxy.latency(800);
      await sleep(1000);
      const exit = await stage.worker.signal('SIGKILL');
      stage.omsProxy.heal();
      await sleep(1000);
      await stage.worker.start();
      if (exit.signal !== 'SIGKILL') return { faults: i, checks: [checkThat('worker died of SIGKILL', false, JSON.stringify(exit))] };
      await sleep(2000);
    }
    await sleep(3000);
    const stalled = (readFileSync(stage.worker.logFile, 'utf8').match(/job stalled/g) ?? []).length;
    return { faults: kills, checks: [checkThat('the kills hit active jobs', stalled > 0, `${stalled} job(s) found stalled and run again`)] };
  },
};
