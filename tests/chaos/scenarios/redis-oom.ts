/**
 * Redis out of memory under `noeviction`: ballast fills Redis to its `maxmemory`. The API
 * must refuse cleanly (503 problem answers, never a 500 or a hang), Redis must evict
 * nothing, and once memory is freed everything resumes.
 */
import { checkThat, type Scenario } from '../scenario.js';

const HOLD_MS = 6000;
const CHUNK = 'x'.repeat(256 * 1024);

export const redisOom: Scenario = {
  name: 'redis-oom',
  summary: 'Redis full under noeviction: clean 503s, nothing evicted, then recovery',
  quick: true,
  rate: 25,
  stage: { redisMaxmemory: '48mb' },
  async inject({ stage, load, sleep }) {
    const admin = stage.redis.client();
    let ballast = 0;
    try {
      for (;;) {
        await admin.set(`ballast:${ballast}`, CHUNK);
        ballast += 1;
      }
    } catch (error) {
      if (!/OOM/.test((error as Error).message)) throw error;
    }
    const fullAt = Date.now();
    await sleep(HOLD_MS);
    const during = load.answers().filter((a) => a.at >= fullAt + 500 && a.at < fullAt + HOLD_MS);
    for (let i = 0; i < ballast; i += 100) await admin.del(...Array.from({ length: Math.min(100, ballast - i) }, (_, k) => `ballast:${i + k}`));
    await admin.quit();
    const unclean = during.filter((a) => a.status !== 503 && a.status !== 202 && a.status !== 200);
    const refused = during.filter((a) => a.status === 503).length;
    return {
      faults: 1,
      checks: [
        checkThat('refusals are 503 while Redis is full', refused > 0 && unclean.length === 0,
          `${refused} × 503, ${unclean.length} other (${[...new Set(unclean.map((a) => a.status))].join(', ')}) of ${during.length}`),
        checkThat('answers stay fast', during.every((a) => a.ms < 2500), `slowest ${Math.max(0, ...during.map((a) => a.ms))} ms`),
      ],
    };
  },
  async after({ stage }) {
    const admin = stage.redis.client();
    const stats = await admin.info('stats');
    await admin.quit();
    const evicted = Number(/evicted_keys:(\d+)/.exec(stats)?.[1] ?? 'NaN');
    return [checkThat('Redis evicted nothing', evicted === 0, `evicted_keys: ${evicted}`)];
  },
};
