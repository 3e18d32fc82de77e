/**
 * A fixed-width record: its fields placed by start and length, gaps and the rest of the
 * record (up to `recordLength`) filled with spaces. The layout is checked when it is
 * compiled: fields must not overlap, must end within the record length, and a date or
 * time pattern must fit its field. Each value is fitted (refused or cut), checked for
 * characters the file cannot hold, then padded.
 */
import { reportCompileProblem, type CompileContext } from '../compile-context.js';
import type { Overflow, RenderRecordSpec } from '../mapping-file-types.js';
import { PipeRefusal } from '../pipes/pipe-errors.js';
import type { CleanText } from './character-policy.js';
import { compileFixedCell, type FixedCell } from './fixed-cell.js';
import { patternWidth, type TypedValue } from './field-type.js';
import type { LayoutField } from './layout-field.js';
import type { RecordWriter } from './record-writer.js';
import type { RenderRun } from './render-run.js';

export interface FixedOptions {
  readonly recordLength: number | undefined;
  readonly overflow: Overflow;
  readonly clean: CleanText;
}

interface Placed {
  readonly index: number;
  readonly field: LayoutField;
  readonly start: number;
  readonly cell: FixedCell;
}

export function compileFixedWriter(
  spec: RenderRecordSpec, fields: readonly LayoutField[], at: string, context: CompileContext, options: FixedOptions,
): RecordWriter {
  const placed = fields
    .map((field, index) => ({ index, field, start: field.spec.start ?? 1, cell: compileFixedCell(field.spec, field.type, options.overflow) }))
    .sort((a, b) => a.start - b.start);
  checkPlacement(spec, placed, at, context, options.recordLength);
  const end = Math.max(options.recordLength ?? 0, ...placed.map(({ start, cell }) => start + cell.width - 1));
  return {
    fields,
    line: (values, label, run) => {
      let line = '';
      let cursor = 1;
      for (const { index, field, start, cell } of placed) {
        if (start > cursor) line += ' '.repeat(start - cursor);
        const value = values[index];
        line += value ? writeCell(cell, value, `${label} field ${field.name}`, run, options.clean) : cell.blank;
        cursor = start + cell.width;
      }
      return cursor <= end ? line + ' '.repeat(end - cursor + 1) : line;
    },
  };
}

function writeCell(cell: FixedCell, value: TypedValue, where: string, run: RenderRun, clean: CleanText): string {
  try {
    const fitted = cell.fit(value);
    if (fitted.cutFrom !== undefined) run.warnings.push(`${where} truncated from ${fitted.cutFrom} to ${cell.width} characters`);
    const text = clean(fitted.text, where, run);
    return text === undefined ? cell.blank : cell.pad(text, value.negative);
  } catch (error) {
    if (!(error instanceof PipeRefusal)) throw error;
    run.problems.push({ target: where, source: '', message: error.message });
    return cell.blank;
  }
}

function checkPlacement(spec: RenderRecordSpec, placed: readonly Placed[], at: string, context: CompileContext, recordLength: number | undefined): void {
  const columns = ({ start, cell }: Placed) => `columns ${start}-${start + cell.width - 1}`;
  const fieldAt = ({ index }: Placed) => `${at}/fields/${index}`;
  placed.forEach((current, i) => {
    const name = `record ${spec.name} field ${current.field.name} (${columns(current)})`;
    const previous = placed[i - 1];
    if (previous && previous.start + previous.cell.width > current.start) {
      reportCompileProblem(context, fieldAt(current), `${name} overlaps field ${previous.field.name} (${columns(previous)})`);
    }
    const last = current.start + current.cell.width - 1;
    if (recordLength !== undefined && last > recordLength) {
      reportCompileProblem(context, fieldAt(current), `${name} ends after the record length ${recordLength}`);
    }
    const width = patternWidth(current.field.spec);
    if (width !== undefined && width > current.cell.width) {
      reportCompileProblem(context, `${fieldAt(current)}/format`, `${name}: its format writes ${width} characters, the field holds ${current.cell.width}`);
    }
  });
}
