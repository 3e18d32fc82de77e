/**
 * Adds a golden test to a mapping file's text without touching the rest of it: the new
 * `{ name, input, expect }` goes at the end of the top-level `tests` array (a `tests`
 * array is added before the closing brace when the file has none), indented like its
 * neighbours. An integrator's own layout (one-line fields, grouping, key order) stays as
 * they wrote it. Undefined when the text is not shaped so that this can be done safely;
 * the caller then writes the whole document.
 */

interface Located {
  /** Index of the top-level object's closing brace. */
  objectEnd: number;
  /** The top-level `tests` array: its `[`, its `]`, and whether it holds anything. */
  tests?: { open: number; close: number; empty: boolean };
}

export function insertGoldenTest(text: string, test: Record<string, string>): string | undefined {
  const located = locate(text);
  if (!located) return undefined;
  const indent = indentOfTopLevelKeys(text);
  if (located.tests) {
    const { open, close, empty } = located.tests;
    const item = indentBlock(JSON.stringify(test, null, indent), indent + indent);
    if (empty) return `${text.slice(0, open + 1)}\n${item}\n${indent}${text.slice(close)}`;
    const before = text.slice(0, close).replace(/\s*$/, '');
    return `${before},\n${item}\n${indent}${text.slice(close)}`;
  }
  const before = text.slice(0, located.objectEnd).replace(/\s*$/, '');
  const block = `${indent}"tests": [\n${indentBlock(JSON.stringify(test, null, indent), indent + indent)}\n${indent}]`;
  return `${before},\n${block}\n${text.slice(located.objectEnd)}`;
}

/** Walks the JSON text once, outside strings, to find the top-level object's end and its `tests` array. */
function locate(text: string): Located | undefined {
  let depth = 0;
  let inString = false;
  let lastKey: string | undefined;
  let keyStart = -1;
  let tests: Located['tests'];
  let testsOpen = -1;
  let testsHasItem = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') {
        inString = false;
        if (depth === 1 && keyStart >= 0) lastKey = JSON.parse(text.slice(keyStart, i + 1)) as string;
      }
      continue;
    }
    if (c === '"') {
      inString = true;
      keyStart = depth === 1 && isKeyPosition(text, i) ? i : -1;
      if (testsOpen >= 0 && depth === 2) testsHasItem = true;
      continue;
    }
    if (c === '{' || c === '[') {
      if (depth === 1 && c === '[' && lastKey === 'tests') testsOpen = i;
      else if (testsOpen >= 0 && depth === 2) testsHasItem = true;
      depth++;
    } else if (c === '}' || c === ']') {
      depth--;
      if (depth === 1 && c === ']' && testsOpen >= 0 && !tests) tests = { open: testsOpen, close: i, empty: !testsHasItem };
      if (depth === 0) return text.slice(i + 1).trim() === '' ? { objectEnd: i, ...(tests ? { tests } : {}) } : undefined;
    } else if (testsOpen >= 0 && depth === 2 && !tests && /[0-9tfn-]/.test(c)) {
      testsHasItem = true;
    }
  }
  return undefined;
}

/** A string at depth 1 is a key when the last non-blank character before it is `{` or `,`. */
function isKeyPosition(text: string, at: number): boolean {
  for (let i = at - 1; i >= 0; i--) {
    const c = text[i]!;
    if (c === ' ' || c === '\n' || c === '\r' || c === '\t') continue;
    return c === '{' || c === ',';
  }
  return false;
}

function indentOfTopLevelKeys(text: string): string {
  return /\n([ \t]+)"/.exec(text)?.[1] ?? '  ';
}

function indentBlock(block: string, indent: string): string {
  return block.split('\n').map((line) => `${indent}${line}`).join('\n');
}
