/**
 * Reads what the hub sent (a file, a POST body, the answer to a POST) into received
 * interchanges: each split out with its own delimiters, its envelope checked and its
 * addressing compared with the agreement (from the hub, to the partner, same usage).
 * Text left over after the last interchange counts as a problem of that interchange.
 */
import { readEnvelope, type ExpectedAddressing } from './envelope-reader.js';
import { splitInterchanges } from './x12-reader.js';
import type { ParsedInterchange, ReceivedInterchange, ReceivedVia } from './types.js';

export interface Arrival {
  via: ReceivedVia;
  fileName?: string;
  inAnswerTo?: string;
  receivedAt: string;
}

export interface IntakeResult {
  interchanges: ReceivedInterchange[];
  /** Why nothing could be read, when nothing could. */
  unreadable?: string;
}

export function readArrival(text: string, arrival: Arrival, expected: ExpectedAddressing): IntakeResult {
  const split = splitInterchanges(text);
  const last = split.interchanges.at(-1);
  if (!last) return { interchanges: [], unreadable: split.problems[0] ?? 'empty' };
  last.problems.push(...split.problems);
  const interchanges = split.interchanges.map((raw) => ({ ...readEnvelope(raw, expected), ...withoutUndefined(arrival) }));
  return { interchanges };
}

function withoutUndefined(arrival: Arrival): Arrival {
  return Object.fromEntries(Object.entries(arrival).filter(([, value]) => value !== undefined)) as unknown as Arrival;
}

/** Every interchange of the text, envelopes checked (and addressing, when `expected` is given). */
export function parseX12(text: string, expected?: ExpectedAddressing): ParsedInterchange[] {
  const split = splitInterchanges(text);
  split.interchanges.at(-1)?.problems.push(...split.problems);
  return split.interchanges.map((raw) => readEnvelope(raw, expected));
}
