/**
 * Guessing by name: which node of a sample best answers a list of names (`orderNumber`,
 * `order_number`, `@orderID` and `OrderNo` all read as `ordernumber`/`orderid`). A node is
 * named by its last segment and, through wrapper segments that say nothing (`#text`,
 * `Money`, `amount`), by the segments above it, so `<Total><Money>12.00</Money></Total>`
 * answers to `total`. Earlier names in the list win, then names nearer the node, then
 * shallower nodes, then nodes holding a value.
 */
import { isBlank, type NodeKind, type SampleNode } from './sample-nodes.js';

/** Segments that wrap a value without naming it: the name is the segment above. */
const WRAPPERS = new Set(['text', 'value', 'money', 'amount', 'shopmoney']);
/** How far up through wrappers a name is looked for. */
const MAX_DISTANCE = 2;

export interface NameQuery {
  /** Names in order of preference, as written anywhere (normalised before comparing). */
  readonly names: readonly string[];
  readonly kind: NodeKind;
  /** When set, the node must sit inside an object or list of one of these names. */
  readonly under?: readonly string[];
  /** Further test of a candidate (a value that a pipe would refuse, a place taken already). */
  readonly accept?: (node: SampleNode) => boolean;
}

export interface NameMatch {
  readonly node: SampleNode;
  /** The name it answered to, as written in the sample. */
  readonly matched: string;
}

/** `Order_Number`, `orderNumber`, `@orderNumber` → `ordernumber`. */
export function normaliseName(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** The best node that answers and is accepted; `accept` is asked only of candidates better than the one returned. */
export function bestMatch(nodes: readonly SampleNode[], query: NameQuery): NameMatch | undefined {
  const wanted = query.names.map(normaliseName);
  const under = query.under?.map(normaliseName);
  const candidates: Array<{ match: NameMatch; score: number }> = [];
  for (const node of nodes) {
    if (node.kind !== query.kind) continue;
    if (under && !node.segments.slice(0, -1).some((segment) => under.includes(normaliseName(segment)))) continue;
    const named = nameOf(node, wanted);
    if (!named) continue;
    const score = named.rank * 100 + named.distance * 10 + node.segments.length + (isBlank(node.value) ? 5 : 0);
    candidates.push({ match: { node, matched: named.segment }, score });
  }
  candidates.sort((a, b) => a.score - b.score);
  return candidates.find((candidate) => !query.accept || query.accept(candidate.match.node))?.match;
}

function nameOf(node: SampleNode, wanted: readonly string[]): { rank: number; distance: number; segment: string } | undefined {
  for (let distance = 0; distance <= MAX_DISTANCE && distance < node.segments.length; distance++) {
    const segment = node.segments[node.segments.length - 1 - distance]!;
    const rank = wanted.indexOf(normaliseName(segment));
    if (rank >= 0) return { rank, distance, segment };
    if (!WRAPPERS.has(normaliseName(segment))) return undefined;
  }
  return undefined;
}
