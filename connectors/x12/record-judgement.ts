/**
 * Records what a judged interchange holds through an intake (orders, eight at a time, then filed items),
 * and settles the acknowledgements the partner sent us. Used by the HTTP receiver; the
 * mailbox reader hands the same to the hub's poll, which records them before its cursor moves.
 */
import type { Acknowledgements, Intake, Logger } from '../../src/sdk/index.js';
import type { Judgement, SettledReport } from './judge-interchange.js';

/** Orders of one interchange recorded side by side: each waits on Redis, not on the CPU. */
const ORDERS_AT_ONCE = 8;

export async function recordJudgement(receiver: { acknowledgements: Acknowledgements; log: Logger }, judgement: Judgement, intake: Intake): Promise<void> {
  if (judgement.kind !== 'judged') {
    if (judgement.kind === 'unreadable') await intake.file(judgement.filed);
    return;
  }
  for (let at = 0; at < judgement.orders.length; at += ORDERS_AT_ONCE) {
    await Promise.all(judgement.orders.slice(at, at + ORDERS_AT_ONCE).map((order) => intake.order(order)));
  }
  for (const item of judgement.filed) await intake.file(item);
  await settleReports(receiver, judgement.reports);
}

export async function settleReports(receiver: { acknowledgements: Acknowledgements; log: Logger }, reports: SettledReport[]): Promise<void> {
  for (const report of reports) {
    const settled = await receiver.acknowledgements.settle(report.key, report.outcome);
    if (!settled.known) receiver.log.warn({ key: report.key, detail: report.outcome.detail }, 'acknowledgement of a document the hub is not waiting for');
    else if (report.outcome.verdict === 'rejected' && !settled.duplicate) {
      receiver.log.warn({ key: report.key, document: settled.awaited?.document, detail: report.outcome.detail }, 'a partner rejected a document the hub sent');
    }
  }
}
