/**
 * What a run comes to, per kiosk and for the fleet: orders sold and held, what is still
 * pending or unanswered, outcomes by kind, confirmations and status pushes received, faults
 * injected, refusals and anomalies (answers that contradict earlier ones).
 */
import type { Kiosk, KioskStats, Refusal } from './kiosk.js';

export interface KioskSummary {
  deviceId: string;
  store: string;
  transport: string;
  lastSeq: number;
  highestContiguous: number;
  inSync: boolean;
  /** Seqs the hub does not hold yet. */
  pending: number[];
  /** Held seqs no answer named (their confirmation is unknown). */
  unanswered: number[];
  /** By the outcome that made each seq held (captured, duplicate, rejected, or none). */
  outcomes: Record<string, number>;
  confirmations: number;
  statuses: number;
  stats: KioskStats;
  refusals: Refusal[];
  blocked?: Refusal;
  anomalies: string[];
}

export interface FleetReport {
  /** Every kiosk's highestContiguous equals its last seq. */
  drained: boolean;
  elapsedMs: number;
  kiosks: KioskSummary[];
  totals: {
    kiosks: number;
    sold: number;
    held: number;
    pending: number;
    unanswered: number;
    confirmations: number;
    statuses: number;
    uploads: number;
    duplicatesSent: number;
    lostResponses: number;
    retries: number;
    lateReceipts: number;
    lateRefusals: number;
    refusals: number;
    anomalies: number;
    outcomes: Record<string, number>;
  };
}

export function summarizeKiosk(kiosk: Kiosk): KioskSummary {
  const outcomes: Record<string, number> = {};
  let confirmations = 0;
  for (const order of kiosk.ledger.held()) {
    const record = kiosk.record(order.seq);
    const outcome = record?.outcome ?? 'none';
    outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
    if (record?.confirmation !== undefined) confirmations += 1;
  }
  const summary: KioskSummary = {
    deviceId: kiosk.identity.deviceId,
    store: kiosk.identity.store,
    transport: kiosk.transport.name,
    lastSeq: kiosk.lastSeq,
    highestContiguous: kiosk.highestContiguous,
    inSync: kiosk.inSync(),
    pending: kiosk.pendingSeqs(),
    unanswered: kiosk.ledger.unanswered().map((order) => order.seq),
    outcomes,
    confirmations,
    statuses: kiosk.stats.statuses,
    stats: { ...kiosk.stats },
    refusals: [...kiosk.refusals],
    anomalies: [...kiosk.ledger.anomalies],
  };
  if (kiosk.blocked !== undefined) summary.blocked = kiosk.blocked;
  return summary;
}

export function summarizeFleet(kiosks: readonly Kiosk[], elapsedMs: number): FleetReport {
  const summaries = kiosks.map(summarizeKiosk);
  const outcomes: Record<string, number> = {};
  for (const summary of summaries) {
    for (const [outcome, count] of Object.entries(summary.outcomes)) outcomes[outcome] = (outcomes[outcome] ?? 0) + count;
  }
  const sum = (pick: (summary: KioskSummary) => number): number => summaries.reduce((total, summary) => total + pick(summary), 0);
  return {
    drained: summaries.every((summary) => summary.inSync),
    elapsedMs,
    kiosks: summaries,
    totals: {
      kiosks: summaries.length,
      sold: sum((s) => s.lastSeq),
      held: sum((s) => s.lastSeq - s.pending.length),
      pending: sum((s) => s.pending.length),
      unanswered: sum((s) => s.unanswered.length),
      confirmations: sum((s) => s.confirmations),
      statuses: sum((s) => s.statuses),
      uploads: sum((s) => s.stats.uploads),
      duplicatesSent: sum((s) => s.stats.duplicatesSent),
      lostResponses: sum((s) => s.stats.lostResponses),
      retries: sum((s) => s.stats.retries),
      lateReceipts: sum((s) => s.stats.lateReceipts),
      lateRefusals: sum((s) => s.stats.lateRefusals),
      refusals: sum((s) => s.refusals.length),
      anomalies: sum((s) => s.anomalies.length),
      outcomes,
    },
  };
}
