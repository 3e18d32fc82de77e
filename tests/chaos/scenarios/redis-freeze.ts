/**
 * Redis frozen with SIGSTOP for 10 s: connections stay open and nothing answers. The API
 * must answer 503 quickly (a webhook sender must not hang), and both API and workers must
 * resume by themselves once Redis answers again.
 */
import { checkThat, type Scenario } from '../scenario.js';

const FROZEN_MS = 10_000;
/** A refusal slower than this would make storefronts time out and pile up. */
const FAST_MS = 2500;

export const redisFreeze: Scenario = {
  name: 'redis-freeze',
  summary: 'Redis SIGSTOP for 10 s: fast 503s, then recovery without a restart',
  quick: true,
  rate: 25,
  async inject({ stage, load, sleep }) {
    const pids = [stage.api.pid(), stage.worker.pid()];
    stage.redis.pause();
    const frozenAt = Date.now();
    await sleep(FROZEN_MS);
    stage.redis.resume();
    const during = load.answers().filter((a) => a.at >= frozenAt + 1000 && a.at < frozenAt + FROZEN_MS - FAST_MS);
    const refusals = during.filter((a) => a.status === 503);
    const slowest = Math.max(0, ...during.map((a) => a.ms));
    const others = during.filter((a) => a.status !== 503);
    const same = stage.api.pid() === pids[0] && stage.worker.pid() === pids[1];
    return {
      faults: 1,
      checks: [
        checkThat('API answered 503 while Redis was frozen', refusals.length > 0 && others.length === 0,
          `${refusals.length} × 503, ${others.length} other answers (${[...new Set(others.map((a) => a.status))].join(', ')})`),
        checkThat(`every answer within ${FAST_MS} ms`, slowest <= FAST_MS, `slowest ${slowest} ms of ${during.length}`),
        checkThat('hub processes kept running', same, same ? 'no restart needed' : 'a hub process died'),
      ],
    };
  },
};
