/**
 * Checks that Redis keeps what it acknowledged: AOF on with `appendfsync always`
 * and `maxmemory-policy noeviction`. Managed Redis that forbids CONFIG is reported
 * as "cannot verify" so an operator can decide.
 */
import type { Redis } from 'ioredis';

export interface DurabilityReport {
  durable: boolean;
  verified: boolean;
  problems: string[];
  settings: Record<string, string>;
}

const EXPECTED: Record<string, string> = {
  appendonly: 'yes',
  appendfsync: 'always',
  'maxmemory-policy': 'noeviction',
};

export async function checkDurability(redis: Redis): Promise<DurabilityReport> {
  const settings: Record<string, string> = {};
  try {
    for (const name of Object.keys(EXPECTED)) {
      const reply = (await redis.config('GET', name)) as string[];
      settings[name] = reply[1] ?? '';
    }
  } catch (error) {
    return {
      durable: false, verified: false, settings,
      problems: [`cannot read Redis settings (${(error as Error).message}); make sure AOF appendfsync always and noeviction are set`],
    };
  }
  const problems = Object.entries(EXPECTED)
    .filter(([name, value]) => settings[name] !== value)
    .map(([name, value]) => `${name} is "${settings[name]}", must be "${value}" (set it in redis.conf or with CONFIG SET ${name} ${value})`);
  return { durable: problems.length === 0, verified: true, problems, settings };
}
