/**
 * The dashboard's own verdict on a target queue that `queueHealth` does not report,
 * with the rule that decided it:
 * failing when its breaker is open or it is paused with jobs waiting; degraded when it
 * has dead letters, or failed jobs while its last attempt failed (BullMQ keeps failed
 * jobs for a week as history, so old ones alone do not count); healthy otherwise.
 */
import type { TargetHealth } from '../pipeline/target-health.js';
import type { Health } from './components.js';

export interface TargetVerdict {
  status: Health;
  rule: string;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export function targetVerdict(row: TargetHealth): TargetVerdict {
  const waiting = row.counts.waiting ?? 0;
  const failed = row.counts.failed ?? 0;
  const { breaker } = row;
  if (breaker.state === 'open') {
    return { status: 'failing', rule: `circuit breaker open after ${plural(breaker.failures, 'failure')}${breaker.lastError ? `: ${breaker.lastError}` : ''}` };
  }
  if (row.paused && waiting > 0) return { status: 'failing', rule: `paused with ${plural(waiting, 'job')} waiting` };
  if (row.deadLetters > 0) return { status: 'degraded', rule: `${plural(row.deadLetters, 'dead letter')} to replay or discard` };
  const lastAttemptFailed = breaker.lastFailureAt !== undefined && breaker.lastFailureAt > (breaker.lastSuccessAt ?? 0);
  if (failed > 0 && lastAttemptFailed) return { status: 'degraded', rule: `${plural(failed, 'failed job')} and the last attempt failed` };
  return { status: 'healthy', rule: row.paused ? 'paused, nothing waiting' : 'breaker closed, no dead letters, last attempt fine' };
}
