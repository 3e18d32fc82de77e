/**
 * A fixed-width record: its fields placed by start and length, gaps and the rest of the
 * record (up to `recordLength`) filled with spaces. The layout is checked when it is
 * compiled: fields must not overlap, must end within the record length, a date or time
 * pattern must fit its field, and a pad character must be one the file can hold (not a
 * line break) that does not change a number. Each value is fitted (refused or cut),
 * checked for characters the file cannot hold, fitted again if transliteration made it
 * longer, then padded.
 */
import { reportCompileProblem, type CompileContext } from '../compile-context.js';
import type { Overflow, RenderRecordSpec } from '../mapping-file-types.js';
import { PipeRefusal } from '../pipes/pipe-errors.js';
import type { CleanText } from './character-policy.js';
import { characterCount, compileFixedCell, type FixedCell } from './fixed-cell.js';
import { patternWidth, type TypedValue } from './field-type.js';
import type { LayoutField } from './layout-field.js';
import type { RecordWriter } from './record-writer.js';
import type { RenderRun } from './render-run.js';
import { describeCharacter, type CharacterCheck } from './text-encoding.js';

export interface FixedOptions {
  readonly recordLength: number | undefined;
  readonly overflow: Overflow;
  readonly clean: CleanText;
  /** What the file cannot hold, for the pad characters. */
  readonly check: CharacterCheck;
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
  checkPadding(spec, placed, at, context, options.check);
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
    if (text === undefined) return cell.blank;
    // Transliteration can write more characters than it read (… → ..., ㍱ → hPa): what is
    // written must fit the field too, or the record grows (and padding throws a RangeError).
    const written = characterCount(text) > cell.width ? cell.fit({ ...value, text }) : { text };
    if (written.cutFrom !== undefined) run.warnings.push(`${where} truncated from ${written.cutFrom} to ${cell.width} characters`);
    return cell.pad(written.text, value.negative);
  } catch (error) {
    if (!(error instanceof PipeRefusal)) throw error;
    run.problems.push({ target: where, source: '', message: error.message });
    return cell.blank;
  }
}

/**
 * A pad character is written as it is, so it must be one the file can hold and not a line
 * break (which would split the record); and digits next to an integer change the number
 * (`42` left-aligned with `0` is `4200`): only right-aligned zeros are allowed.
 */
function checkPadding(spec: RenderRecordSpec, placed: readonly Placed[], at: string, context: CompileContext, check: CharacterCheck): void {
  for (const { index, field, cell } of placed) {
    if (field.spec.pad === undefined) continue;
    const where = `${at}/fields/${index}/pad`;
    const name = `record ${spec.name} field ${field.name}`;
    const bad = check.find(cell.padChar);
    if (bad !== undefined) reportCompileProblem(context, where, `${name}: the pad character ${describeCharacter(bad)} ${check.reason(bad)}`);
    if (field.type === 'integer' && /^[0-9]$/.test(cell.padChar) && !(cell.padChar === '0' && cell.align === 'right')) {
      reportCompileProblem(context, where, `${name}: padding an integer ${cell.align}-aligned with "${cell.padChar}" changes the number (use spaces, or 0 right-aligned)`);
    }
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
