/**
 * What each kind of compiled mapping does (document, render layout, parse layout), as
 * the compiler assembles it into a CompiledMapping; and the `$context` apply option.
 */
import type { ParsedLayout } from './layout/parsed-layout.js';
import type { RenderedDocument } from './rendered-document.js';
import { isPlainObject } from './values.js';

export interface ApplyOptions {
  /** Merged into a plain-object input under the reserved root key `$context` (read it with `$/$context/...`). */
  readonly context?: Readonly<Record<string, unknown>>;
}

export interface MappingBehaviour {
  apply(input: unknown, options?: ApplyOptions): Record<string, unknown>;
  render(input: unknown, options?: ApplyOptions): RenderedDocument;
  /** Only parse layouts read files. */
  readonly parse?: (bytes: Buffer) => ParsedLayout;
}

export function withContext(input: unknown, context: ApplyOptions['context']): unknown {
  if (context === undefined || !isPlainObject(input)) return input;
  return { ...input, $context: context };
}
