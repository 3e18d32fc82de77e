/**
 * A small line diff: longest common subsequence over lines (after trimming the common
 * head and tail), printed as unified-style hunks with `-` for expected, `+` for actual
 * and a few lines of context, so only the region that differs is shown.
 */

export type DiffOp = ' ' | '-' | '+';

export interface DiffLine {
  readonly op: DiffOp;
  readonly text: string;
}

export function diffLines(expected: readonly string[], actual: readonly string[]): DiffLine[] {
  let head = 0;
  while (head < expected.length && head < actual.length && expected[head] === actual[head]) head++;
  let tail = 0;
  while (tail < expected.length - head && tail < actual.length - head
    && expected[expected.length - 1 - tail] === actual[actual.length - 1 - tail]) tail++;

  const middle = lcsDiff(expected.slice(head, expected.length - tail), actual.slice(head, actual.length - tail));
  const same = (from: number, to: number): DiffLine[] => expected.slice(from, to).map((text) => ({ op: ' ', text }));
  return [...same(0, head), ...middle, ...same(expected.length - tail, expected.length)];
}

/** Classic dynamic-programming LCS, walked forwards to emit the edit script. */
function lcsDiff(a: readonly string[], b: readonly string[]): DiffLine[] {
  const width = b.length + 1;
  const lengths = new Uint32Array((a.length + 1) * width);
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lengths[i * width + j] = a[i] === b[j]
        ? lengths[(i + 1) * width + j + 1]! + 1
        : Math.max(lengths[(i + 1) * width + j]!, lengths[i * width + j + 1]!);
    }
  }
  const out: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      out.push({ op: ' ', text: a[i]! });
      i++;
      j++;
    } else if (i < a.length && (j === b.length || lengths[(i + 1) * width + j]! >= lengths[i * width + j + 1]!)) {
      out.push({ op: '-', text: a[i]! });
      i++;
    } else {
      out.push({ op: '+', text: b[j]! });
      j++;
    }
  }
  return out;
}

/**
 * Only the changed regions with `context` unchanged lines around them, each region
 * introduced by `@@ line N @@` (N: first line of the region in the expected text).
 * Returns '' when the texts are equal.
 */
export function formatDiff(expected: string, actual: string, context = 3): string {
  const diff = diffLines(splitLines(expected), splitLines(actual));
  const changed = diff.map((line, index) => (line.op === ' ' ? -1 : index)).filter((index) => index >= 0);
  if (changed.length === 0) return '';
  const shown = new Set<number>();
  for (const index of changed) {
    for (let k = Math.max(0, index - context); k <= Math.min(diff.length - 1, index + context); k++) shown.add(k);
  }
  const out: string[] = [];
  let previous = -2;
  let expectedLine = 0;
  for (let index = 0; index < diff.length; index++) {
    const line = diff[index]!;
    if (line.op !== '+') expectedLine++;
    if (!shown.has(index)) continue;
    const at = line.op === '+' ? expectedLine + 1 : expectedLine;
    if (index !== previous + 1) out.push(`@@ line ${at} @@`);
    out.push(`${line.op} ${line.text}`);
    previous = index;
  }
  return out.join('\n');
}

function splitLines(text: string): string[] {
  return text.replace(/\r\n?/g, '\n').split('\n');
}
