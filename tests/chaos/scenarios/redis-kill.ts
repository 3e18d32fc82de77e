/**
 * Redis SIGKILL and restart from its append-only file (appendfsync always): no
 * acknowledged order may be missing afterwards, and the hub resumes without a restart.
 */
import { checkThat, type Scenario } from '../scenario.js';

export const redisKill: Scenario = {
  name: 'redis-kill',
  summary: 'Redis SIGKILL under load, restart from the AOF',
  quick: true,
  rate: 40,
  async inject({ stage, long, sleep }) {
    const pids = [stage.api.pid(), stage.worker.pid()];
    const kills = long ? 3 : 1;
    for (let i = 0; i < kills; i++) {
      await stage.redis.kill('SIGKILL');
      await sleep(2000);
      await stage.redis.restart();
      await sleep(3000);
    }
    const same = stage.api.pid() === pids[0] && stage.worker.pid() === pids[1];
    return { faults: kills, checks: [checkThat('hub processes kept running', same, same ? 'no restart needed' : 'a hub process died')] };
  },
};
