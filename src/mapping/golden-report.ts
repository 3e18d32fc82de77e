/**
 * formatGoldenReport: one line per golden test (PASS/FAIL, mapping, sample), and under
 * each failure either the mapping error or a line diff of expected (-) against actual (+),
 * limited to the regions that differ. Ends with a count.
 */
import type { GoldenResult } from './golden-tests.js';
import { formatDiff } from './line-diff.js';

export function formatGoldenReport(results: readonly GoldenResult[]): string {
  const lines: string[] = [];
  for (const result of results) {
    lines.push(`${result.passed ? 'PASS' : 'FAIL'} ${result.mappingId}  ${result.name} → ${result.expect}`);
    if (!result.passed) lines.push(...indent(failureDetail(result)));
  }
  const failed = results.filter((result) => !result.passed).length;
  lines.push(`golden samples of ${results[0]?.mappingId ?? "mapping"}: ${results.length - failed} of ${results.length} pass`);
  return lines.join('\n');
}

function failureDetail(result: GoldenResult): string[] {
  if (result.error !== undefined) return result.error.split('\n');
  const diff = formatDiff(result.expectedText ?? '', result.actualText ?? '');
  return ['--- expected', '+++ actual', ...diff.split('\n')];
}

function indent(lines: readonly string[]): string[] {
  return lines.map((line) => `    ${line}`);
}
