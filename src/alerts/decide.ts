/**
 * The pure lifecycle of one alert: a notice when it starts firing, again only after
 * `repeatAfterMs`, and one `resolved` notice when it stops. A notice that could not
 * be delivered is not marked sent, so the next evaluation tries again; an alert whose
 * firing notice never got out ends silently.
 */
export interface RuleState {
  firingSince: number;
  /** When the last firing notice was delivered; undefined until one was. */
  lastSentAt: number | undefined;
  message: string;
}

export type Notice = 'firing' | 'resolved';

export interface Decision {
  /** The notice to send now, if any. */
  notice: Notice | undefined;
  /** The state to keep (undefined: forget the rule's state). */
  next: RuleState | undefined;
}

export function decide(previous: RuleState | undefined, firing: boolean, message: string, now: number, repeatAfterMs: number): Decision {
  if (firing) {
    const state: RuleState = previous ? { ...previous, message } : { firingSince: now, lastSentAt: undefined, message };
    const due = state.lastSentAt === undefined || now - state.lastSentAt >= repeatAfterMs;
    return { notice: due ? 'firing' : undefined, next: state };
  }
  if (!previous) return { notice: undefined, next: undefined };
  if (previous.lastSentAt === undefined) return { notice: undefined, next: undefined };
  return { notice: 'resolved', next: previous };
}

/** The state after the notice was delivered. */
export function afterDelivery(decision: Decision, now: number): RuleState | undefined {
  if (decision.notice === 'resolved') return undefined;
  if (decision.notice === 'firing' && decision.next) return { ...decision.next, lastSentAt: now };
  return decision.next;
}
