/**
 * Where each rule's alert state lives: the hash `P:alert:<ruleId>` with `firingSince`,
 * `lastSentAt` (epoch ms) and the last `message`. No key while the rule is quiet.
 */
import type { HubRedis } from '../store/connection.js';
import type { RuleState } from './decide.js';

export interface RuleStateStore {
  read(ruleId: string): Promise<RuleState | undefined>;
  write(ruleId: string, state: RuleState | undefined): Promise<void>;
}

export function alertKey(prefix: string, ruleId: string): string {
  return `${prefix}:alert:${ruleId}`;
}

export function redisRuleStates(redis: HubRedis, prefix: string): RuleStateStore {
  return {
    async read(ruleId) {
      const hash = await redis.hgetall(alertKey(prefix, ruleId));
      if (hash.firingSince === undefined) return undefined;
      return {
        firingSince: Number(hash.firingSince),
        lastSentAt: hash.lastSentAt ? Number(hash.lastSentAt) : undefined,
        message: hash.message ?? '',
      };
    },
    async write(ruleId, state) {
      const key = alertKey(prefix, ruleId);
      if (!state) {
        await redis.del(key);
        return;
      }
      const multi = redis.multi().del(key).hset(key, 'firingSince', state.firingSince, 'message', state.message);
      if (state.lastSentAt !== undefined) multi.hset(key, 'lastSentAt', state.lastSentAt);
      await multi.exec();
    },
  };
}
