/**
 * The records of a render layout as a tree, compiled once and walked per file. A list of
 * record kinds is written in this order: the `"once": "start"` kinds, then the `each`
 * kinds (one record per element of the list they point at, each followed by its nested
 * records), then the `"once": "end"` kinds, each group in document order. `when` skips a
 * record and its nested records. A record without fields only scopes its nested records.
 * Inside an `each`, pointers are relative to the element, `^/…` reads the enclosing
 * element and `$/…` the input root.
 */
import type { CompileContext } from '../compile-context.js';
import { compileCondition, type Predicate } from '../conditions.js';
import type { RenderRecordSpec } from '../mapping-file-types.js';
import { compileInputPointer, type InputPointer, type Scope } from '../scope.js';
import { isEmpty, quote } from '../values.js';
import { addToSum, countRecord } from './aggregates.js';
import { compileLayoutField, type LayoutField } from './layout-field.js';
import { fieldsKey, fieldsOf, type RecordCatalog } from './record-catalog.js';
import { signedText, type FieldValues, type RecordWriter } from './record-writer.js';
import { recordLabel, type RenderRun } from './render-run.js';

export type MakeWriter = (spec: RenderRecordSpec, fields: readonly LayoutField[], at: string, context: CompileContext) => RecordWriter;

export interface TreeSetup {
  readonly context: CompileContext;
  readonly catalog: RecordCatalog;
  /** `record.field` keys some aggregate adds up. */
  readonly summed: ReadonlySet<string>;
  readonly makeWriter: MakeWriter;
}

interface RecordNode {
  readonly name: string;
  readonly items: InputPointer | undefined;
  readonly when: Predicate | undefined;
  readonly writer: RecordWriter | undefined;
  readonly sums: ReadonlyArray<{ readonly index: number; readonly key: string }>;
  readonly children: readonly RecordNode[];
}

/** Writes every record of the layout for the input in `scope` into the run. */
export type WriteRecords = (scope: Scope, run: RenderRun) => void;

export function compileRecordTree(specs: readonly RenderRecordSpec[], at: string, setup: TreeSetup): WriteRecords {
  const nodes = compileList(specs, at, setup, setup.context);
  return (scope, run) => writeList(nodes, scope, run);
}

const PHASE = { start: 0, each: 1, end: 2 } as const;

function compileList(specs: readonly RenderRecordSpec[], at: string, setup: TreeSetup, context: CompileContext): RecordNode[] {
  return specs
    .map((spec, i) => ({ phase: PHASE[spec.once ?? 'each'], node: compileNode(spec, `${at}/${i}`, setup, context) }))
    .sort((a, b) => a.phase - b.phase)
    .map(({ node }) => node);
}

function compileNode(spec: RenderRecordSpec, at: string, setup: TreeSetup, outer: CompileContext): RecordNode {
  const context: CompileContext = spec.each === undefined ? outer : { ...outer, insideEach: true };
  const fields = fieldsOf(spec).map((field, j) => compileLayoutField(field, `${at}/${fieldsKey(spec)}/${j}`, context, setup.catalog));
  return {
    name: spec.name,
    items: spec.each === undefined ? undefined : compileInputPointer(spec.each),
    when: spec.when ? compileCondition(spec.when) : undefined,
    writer: fields.length > 0 ? setup.makeWriter(spec, fields, at, context) : undefined,
    sums: fields.map((field, index) => ({ index, key: `${spec.name}.${field.name}` })).filter(({ key }) => setup.summed.has(key)),
    children: compileList(spec.records ?? [], `${at}/records`, setup, context),
  };
}

function writeList(nodes: readonly RecordNode[], scope: Scope, run: RenderRun): void {
  for (const node of nodes) {
    if (node.items) writeEach(node, node.items, scope, run);
    else writeInstance(node, scope, run);
  }
}

function writeEach(node: RecordNode, items: InputPointer, scope: Scope, run: RenderRun): void {
  const list = items.read(scope);
  if (isEmpty(list)) return;
  const base = items.describe(scope);
  if (!Array.isArray(list)) {
    run.problems.push({ target: `records ${node.name}`, source: base, message: `${quote(list)} is not a list` });
    return;
  }
  let position = 0;
  list.forEach((item: unknown, i) => {
    const element: Scope = { root: scope.root, current: item, index: position, parent: scope, sourceBase: `${base}/${i}`, targetBase: '' };
    if (writeInstance(node, element, run)) position++;
  });
}

/** Returns false when `when` skipped the record. */
function writeInstance(node: RecordNode, scope: Scope, run: RenderRun): boolean {
  if (node.when && !node.when(scope)) return false;
  if (node.writer) writeRecord(node, node.writer, scope, run);
  writeList(node.children, scope, run);
  return true;
}

function writeRecord(node: RecordNode, writer: RecordWriter, scope: Scope, run: RenderRun): void {
  const number = run.lines.length + 1;
  const label = recordLabel(number, node.name);
  const recordScope: Scope = { ...scope, targetBase: `${label} field ` };
  const values = writer.fields.map((field) => field.value(recordScope, run, run.tally));
  run.lines.push(writer.line(values, label, run));
  if (run.keepValues) run.records.push({ number, record: node.name, values: shownValues(writer.fields, values) });
  countRecord(run.tally, node.name);
  for (const { index, key } of node.sums) {
    const integer = values[index]?.integer;
    if (integer !== undefined) addToSum(run.tally, key, BigInt(integer));
  }
}

function shownValues(fields: readonly LayoutField[], values: FieldValues): Record<string, string | number> {
  const shown: Record<string, string | number> = {};
  fields.forEach((field, index) => {
    const value = values[index];
    if (!value) return;
    const integer = value.integer;
    const shownValue = typeof integer === 'number' ? integer : signedText(value);
    Object.defineProperty(shown, field.name, { value: shownValue, enumerable: true, writable: true, configurable: true });
  });
  return shown;
}
