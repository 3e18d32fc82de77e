/**
 * Markdown pieces of the generated reference docs: tables whose cells are escaped (a `|`
 * or a line break in a description never breaks a row), inline code, and the banner that
 * says a file is generated.
 */

export function table(headers: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  const line = (cells: readonly string[]) => `| ${cells.map(cell).join(' | ')} |`;
  return [line(headers), line(headers.map(() => '---')), ...rows.map(line)].join('\n');
}

export function code(text: string): string {
  const fence = text.includes('`') ? '``' : '`';
  const pad = fence === '``' ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

export function generatedBanner(): string {
  return '<!-- Generated from the code by scripts/docs/generate-reference.ts (npm run docs:reference): do not edit by hand. -->';
}

function cell(text: string): string {
  return text.replace(/\r?\n/g, ' ').replace(/\|/g, '\\|');
}
