/**
 * The text `hub dry-run` prints: a line per step (ok or FAIL, what it did), its problems
 * or notes under it, what it produced indented below, and the outcome in the words of
 * what the hub would do.
 */
import type { OrderTrace, StepName, TraceOutcome } from '../pipeline/trace-order.js';

const STEPS: readonly StepName[] = ['receive', 'parse', 'map', 'validate', 'route', 'render'];

export function formatTrace(trace: OrderTrace, heading: string): string {
  const lines = [heading, ''];
  for (const name of STEPS) {
    const step = trace.steps.find((s) => s.step === name);
    if (!step) {
      lines.push(`  --   ${name.padEnd(9)}not reached`);
      continue;
    }
    lines.push(`  ${step.ok ? 'ok  ' : 'FAIL'} ${name.padEnd(9)}${step.summary}`);
    lines.push(...step.details.map((detail) => `${' '.repeat(16)}- ${detail}`));
    if (step.output !== undefined) lines.push(...indent(step.output));
  }
  lines.push('', outcomeLine(trace.outcome, trace.target, trace.steps.flatMap((s) => (s.ok ? [] : s.details)).length));
  return lines.join('\n');
}

/** What `hub dry-run` exits with: 0 accepted, 2 review, 3 accepted but its delivery would fail. */
export function exitCodeOf(outcome: TraceOutcome): number {
  return outcome === 'accepted' ? 0 : outcome === 'review' ? 2 : 3;
}

function outcomeLine(outcome: TraceOutcome, target: string | undefined, problems: number): string {
  switch (outcome) {
    case 'accepted':
      return `accepted: the hub would record the order, answer the channel with its confirmation code, and deliver the document above to ${target}`;
    case 'review':
      return `needs review: the hub would record the order in needs_review with ${problems} reason${problems === 1 ? '' : 's'} for a person to decide`;
    case 'undeliverable':
      return `accepted, but ${target}'s outbound mapping refuses it: the delivery would become a dead letter`;
  }
}

function indent(text: string): string[] {
  return text.replace(/\n+$/, '').split('\n').map((line) => `${' '.repeat(16)}${line}`);
}
