/**
 * The places in a sample payload a draft mapping may read: every value (text, number,
 * boolean, null), every object and every list of objects, each with its path from where
 * the search started. Lists are not entered (an index is no place to read an order field
 * from); their elements are searched on their own, as one merged element.
 */
import { formatPointer } from '../json-pointer.js';

export type NodeKind = 'value' | 'object' | 'list';

export interface SampleNode {
  readonly segments: readonly string[];
  readonly kind: NodeKind;
  readonly value: unknown;
}

/** Deeper than this, nothing is an order field worth guessing. */
const MAX_DEPTH = 8;
/** Elements of a list looked at to learn its fields. */
const MAX_ELEMENTS = 20;

export function sampleNodes(root: unknown, prefix: readonly string[] = []): SampleNode[] {
  const nodes: SampleNode[] = [];
  walk(root, prefix, nodes);
  return nodes;
}

/** The fields of a list's elements, merged: each path once, with its first non-empty value. */
export function elementNodes(items: readonly unknown[]): SampleNode[] {
  const merged = new Map<string, SampleNode>();
  for (const item of items.slice(0, MAX_ELEMENTS)) {
    for (const node of sampleNodes(item)) {
      const key = pointerOf(node.segments);
      const known = merged.get(key);
      if (!known || (isBlank(known.value) && !isBlank(node.value))) merged.set(key, node);
    }
  }
  return [...merged.values()];
}

export function pointerOf(segments: readonly string[]): string {
  return formatPointer(segments);
}

export function isBlank(value: unknown): boolean {
  return value === null || value === undefined || value === '';
}

function walk(value: unknown, segments: readonly string[], nodes: SampleNode[]): void {
  if (segments.length > MAX_DEPTH || !isPlainObject(value)) return;
  for (const [key, child] of Object.entries(value)) {
    if (key.startsWith('?')) continue; // <?xml …?> declarations
    const at = [...segments, key];
    if (Array.isArray(child)) {
      if (child.some(isPlainObject)) nodes.push({ segments: at, kind: 'list', value: child });
    } else if (isPlainObject(child)) {
      nodes.push({ segments: at, kind: 'object', value: child });
      walk(child, at, nodes);
    } else {
      nodes.push({ segments: at, kind: 'value', value: child });
    }
  }
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
