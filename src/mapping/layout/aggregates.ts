/**
 * Aggregates for trailers, computed by the engine over the records written so far:
 * `{ "count": "D" }` (records of a kind; `"*"` for every record) and
 * `{ "sum": "D.quantity" }` (hash total: the exact sum of an integer field's values
 * before formatting, as a BigInt). References are checked when the layout is compiled.
 */
import type { AggregateSpec } from '../mapping-file-types.js';
import { fieldTypeOf } from './field-type.js';
import type { RecordCatalog } from './record-catalog.js';

/** What has been written so far in one file. */
export interface Tally {
  readonly counts: Map<string, number>;
  /** Keyed `record.field`; only the fields some aggregate adds up. */
  readonly sums: Map<string, bigint>;
  total: number;
}

export function newTally(): Tally {
  return { counts: new Map(), sums: new Map(), total: 0 };
}

export function countRecord(tally: Tally, name: string): void {
  tally.counts.set(name, (tally.counts.get(name) ?? 0) + 1);
  tally.total++;
}

export function addToSum(tally: Tally, key: string, value: bigint): void {
  tally.sums.set(key, (tally.sums.get(key) ?? 0n) + value);
}

export type ReadAggregate = (tally: Tally) => bigint;

/** Returns the reader, or a message saying what the aggregate refers to that does not exist. */
export function compileAggregate(spec: AggregateSpec, catalog: RecordCatalog): ReadAggregate | string {
  if (spec.count !== undefined) {
    const name = spec.count;
    if (name === '*') return (tally) => BigInt(tally.total);
    if (!catalog.has(name)) return `aggregate counts record ${name}, which the layout does not have`;
    return (tally) => BigInt(tally.counts.get(name) ?? 0);
  }
  const key = spec.sum ?? '';
  const [record = '', field = ''] = splitSum(key);
  const fieldSpec = catalog.get(record)?.fields.get(field);
  if (!catalog.has(record)) return `aggregate sums record ${record}, which the layout does not have`;
  if (!fieldSpec) return `aggregate sums field ${field} of record ${record}, which it does not have`;
  if (fieldTypeOf(fieldSpec) !== 'integer') return `aggregate sums ${key}, which is not an integer field`;
  return (tally) => tally.sums.get(key) ?? 0n;
}

/** Every `record.field` some aggregate of the layout adds up, so only those are tallied. */
export function summedKeys(catalog: RecordCatalog): Set<string> {
  const keys = new Set<string>();
  for (const { fields } of catalog.values()) {
    for (const field of fields.values()) if (field.aggregate?.sum !== undefined) keys.add(field.aggregate.sum);
  }
  return keys;
}

/** `D.quantity` → [D, quantity]; field names may contain dots, record names may not. */
export function splitSum(key: string): [string, string] {
  const dot = key.indexOf('.');
  return [key.slice(0, dot), key.slice(dot + 1)];
}
