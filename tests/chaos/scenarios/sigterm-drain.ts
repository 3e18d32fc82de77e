/**
 * SIGTERM under load: the worker finishes what it holds and stops within 30 s with exit
 * code 0, leaving no stalled job (none is reported as stalled when a new worker starts);
 * the API stops taking requests, answers those in flight, and exits as well.
 */
import { readFileSync } from 'node:fs';
import { checkThat, type Scenario } from '../scenario.js';

const LIMIT_MS = 30_000;

export const sigtermDrain: Scenario = {
  name: 'sigterm-drain',
  summary: 'SIGTERM under load: drain and stop within 30 s, no stalled job',
  quick: true,
  rate: 40,
  async inject({ stage, sleep }) {
    stage.omsProxy.latency(300);
    await sleep(1500);
    const worker = await stage.worker.signal('SIGTERM', LIMIT_MS + 10_000);
    stage.omsProxy.heal();
    await stage.worker.start();
    const api = await stage.api.signal('SIGTERM', LIMIT_MS + 10_000);
    await stage.api.start();
    await sleep(6000);
    const stalled = (readFileSync(stage.worker.logFile, 'utf8').match(/job stalled/g) ?? []).length;
    return {
      faults: 2,
      checks: [
        checkThat('worker stopped within 30 s, exit 0', worker.ms <= LIMIT_MS && worker.code === 0, `${worker.ms} ms, code ${worker.code}, signal ${worker.signal}`),
        checkThat('API stopped within 30 s, exit 0', api.ms <= LIMIT_MS && api.code === 0, `${api.ms} ms, code ${api.code}, signal ${api.signal}`),
        checkThat('no job stalled', stalled === 0, `${stalled} stalled job(s) reported`),
      ],
    };
  },
};
