/**
 * One record kind of a parse layout: which lines it reads (`match` on a slice or a
 * column; no match reads every line), the exact line length it expects, and its fields
 * added to the fields every record has. Reading a line gives a row, or the line's
 * problems, each naming the field by its target and saying where in the line the value
 * was (`columns 41-54: "20261341" is not a valid date or time`).
 */
import { reportCompileProblem, type CompileContext } from '../compile-context.js';
import { escapeSegment } from '../json-pointer.js';
import type { ParseRecordSpec, RecordMatchSpec } from '../mapping-file-types.js';
import { OMIT, rootScope, type Run } from '../scope.js';
import { isPlainObject } from '../values.js';
import type { LineView } from './line-view.js';
import { compileParseFields, rawTree, type ParseFields } from './parse-fields.js';
import type { ParsedLayout } from './parsed-layout.js';

export interface ParseRecord {
  readonly name: string;
  readonly expectLength: number | undefined;
  /** Header names the record reads, for its match and its fields (CSV). */
  readonly columnNames: readonly string[];
  matches(view: LineView): boolean;
  /** Adds the line's row, or its problems, to `out`. */
  read(view: LineView, line: number, out: ParsedLayout): void;
}

export function compileParseRecord(spec: ParseRecordSpec, at: string, shared: ParseFields, context: CompileContext): ParseRecord {
  const own = compileParseFields(spec.fields ?? {}, `${at}/fields`, context);
  reportSharedTargets(own, shared, `${at}/fields`, context);
  const labels = new Map([...shared.located, ...own.located].map(({ target, locator }) => [target, locator.label]));
  const located = [shared.located, own.located];
  const matchColumn = typeof spec.match?.column === 'string' ? [spec.match.column] : [];
  return {
    name: spec.name,
    expectLength: spec.expectLength,
    columnNames: [...matchColumn, ...own.columnNames],
    matches: compileMatch(spec.match),
    read: (view, line, out) => {
      const scope = rootScope(rawTree(located, view));
      const run: Run = { problems: [] };
      const value = merge(shared.build(scope, run), own.build(scope, run));
      for (const problem of run.problems) {
        const label = labels.get(problem.target);
        out.problems.push({ line, record: spec.name, field: problem.target, message: label ? `${label}: ${problem.message}` : problem.message });
      }
      if (run.problems.length === 0) out.rows.push({ line, record: spec.name, value });
    },
  };
}

function compileMatch(match: RecordMatchSpec | undefined): (view: LineView) => boolean {
  if (!match) return () => true;
  const { equals } = match;
  if (match.column !== undefined) {
    const column = match.column;
    return (view) => view.cell(column) === equals;
  }
  const start = match.start ?? 1;
  const length = match.length ?? equals.length;
  return (view) => view.slice(start, length) === equals;
}

function reportSharedTargets(own: ParseFields, shared: ParseFields, at: string, context: CompileContext): void {
  for (const target of own.targets) {
    const clash = shared.targets.find((other) => other === target || other.startsWith(`${target}/`) || target.startsWith(`${other}/`));
    if (clash !== undefined) {
      reportCompileProblem(context, `${at}/${escapeSegment(target)}`, `target ${target} overlaps ${clash} of the fields every record has (/fields)`);
    }
  }
}

/** The shared fields' object with the record's own added (objects merged key by key). */
function merge(shared: unknown, own: unknown): Record<string, unknown> {
  const a = shared === OMIT ? {} : shared;
  const b = own === OMIT ? {} : own;
  if (!isPlainObject(a) || !isPlainObject(b)) return isPlainObject(b) ? b : {};
  const out: Record<string, unknown> = { ...a };
  for (const [key, value] of Object.entries(b)) out[key] = isPlainObject(out[key]) && isPlainObject(value) ? merge(out[key], value) : value;
  return out;
}
