/**
 * Reads the lines of a fixed-width file with the records of a parse layout: blank lines
 * are skipped; a line whose bytes were not valid in the encoding, that no record matches,
 * or whose length is not the record's `expectLength` is a problem; any other line is read
 * by the first record that matches it.
 */
import { quote } from '../values.js';
import { fixedLineView, lineLength } from './line-view.js';
import type { ParseRecord } from './parse-record.js';
import type { ParsedLayout } from './parsed-layout.js';
import { splitLines } from './text-lines.js';

export function readFixedWidth(text: string, badLines: readonly number[], records: readonly ParseRecord[], encodingLabel: string): ParsedLayout {
  const out: ParsedLayout = { rows: [], problems: [] };
  const bad = new Set(badLines);
  for (const { number, text: line } of splitLines(text)) {
    if (bad.has(number)) {
      out.problems.push({ line: number, message: `the line is not valid ${encodingLabel}` });
      continue;
    }
    if (line.trim() === '') continue;
    const view = fixedLineView(line);
    const record = records.find((candidate) => candidate.matches(view));
    if (!record) {
      out.problems.push({ line: number, message: `no record matches this line (it starts ${quote(line.slice(0, 12))})` });
      continue;
    }
    const length = lineLength(line);
    if (record.expectLength !== undefined && length !== record.expectLength) {
      out.problems.push({ line: number, record: record.name, message: `the line is ${length} characters long, the record has ${record.expectLength}` });
      continue;
    }
    record.read(view, number, out);
  }
  return out;
}
