/** One entry of an order's timeline: what happened, where, when, by whom. */
export type TimelineStage = 'capture' | 'normalize' | 'route' | 'deliver' | 'status' | 'notify' | 'admin' | 'change' | 'payment' | 'ship';

export interface TimelineEntry {
  at: string;
  stage: TimelineStage;
  summary: string;
  /** The connector instance involved, when there is one. */
  instance?: string;
  detail?: Record<string, unknown>;
  actor?: string;
}

export function timelineEntry(
  stage: TimelineStage, summary: string, extra: Omit<TimelineEntry, 'at' | 'stage' | 'summary'> = {}, at = new Date(),
): TimelineEntry {
  return { at: at.toISOString(), stage, summary, ...extra };
}
