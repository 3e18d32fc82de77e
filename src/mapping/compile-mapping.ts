/**
 * compileMapping: validates a mapping document against the schema, compiles it once
 * (pointers parsed, pipes resolved to closures, value tables indexed, layouts checked)
 * and returns a CompiledMapping whose apply/render/parse only walk closures. Every
 * compile problem is collected and thrown together as a MappingFileError naming the file
 * and the JSON pointer. Documents (object, json, xml), render layouts (fixed-width, csv)
 * and parse layouts (`"direction": "parse"`) are compiled by their own modules.
 */
import { compileDocument } from './compile-document.js';
import { inputLabel } from './golden-inputs.js';
import type { CompileContext } from './compile-context.js';
import { compileParseLayout } from './layout/parse-layout.js';
import { compileRenderLayout } from './layout/render-layout.js';
import type { ParsedLayout } from './layout/parsed-layout.js';
import type { ApplyOptions, MappingBehaviour } from './mapping-behaviour.js';
import { MappingFileError } from './mapping-file-error.js';
import type {
  DocumentMappingFile, GoldenTestFileSpec, GoldenTestSpec, MappingDirection, MappingFile, OutputFormat, RenderLayoutFile,
} from './mapping-file-types.js';
import type { RenderedDocument } from './rendered-document.js';
import { compileGroup } from './target-tree.js';
import { validateMappingFile } from './validate-mapping-file.js';

export type { ApplyOptions } from './mapping-behaviour.js';
export type { RenderedDocument, RenderStats } from './rendered-document.js';

export interface CompileOptions {
  /** Shown in every problem; also where golden samples are looked up from. */
  readonly file?: string;
  /** Directory that relative paths in `tests` start from (default: the file's directory). */
  readonly baseDir?: string;
}

export interface CompiledMapping {
  readonly id: string;
  readonly version: string;
  readonly from: string;
  readonly to: string;
  readonly description: string | undefined;
  readonly format: OutputFormat;
  /** `parse` for layouts that read files; `render` for everything else. */
  readonly direction: MappingDirection;
  readonly file: string | undefined;
  readonly baseDir: string | undefined;
  readonly tests: readonly GoldenTestSpec[];
  /**
   * The output as an object (for xml mappings: the element tree; for render layouts:
   * `{ records }`, what each record held; for parse layouts: `{ rows, problems }` of a
   * Buffer or string). Throws MappingError listing every problem.
   */
  apply(input: unknown, options?: ApplyOptions): Record<string, unknown>;
  /** The output as text and bytes: JSON, XML, or the whole fixed-width or CSV file. */
  render(input: unknown, options?: ApplyOptions): RenderedDocument;
  /** Parse layouts only: reads a file (see parseWithLayout). */
  readonly parse?: (bytes: Buffer) => ParsedLayout;
}

export const INLINE_MAPPING = '<inline mapping>';

export function compileMapping(document: unknown, options: CompileOptions = {}): CompiledMapping {
  const file = options.file ?? INLINE_MAPPING;
  const mapping = validateMappingFile(document, file);
  const context: CompileContext = {
    file,
    maps: mapping.maps ?? {},
    insideEach: false,
    targetNames: mapping.format === 'xml' ? 'xml' : 'json',
    problems: [],
    compileGroup,
  };
  const behaviour = compileBehaviour(mapping, context);
  if (context.problems.length > 0) throw new MappingFileError(context.problems);
  return {
    id: mapping.id,
    version: mapping.version,
    from: mapping.from,
    to: mapping.to,
    description: mapping.description,
    format: mapping.format ?? 'object',
    direction: mapping.direction ?? 'render',
    file: options.file,
    baseDir: options.baseDir,
    tests: (mapping.tests ?? []).map(goldenTest),
    ...behaviour,
  };
}

function goldenTest(test: GoldenTestFileSpec): GoldenTestSpec {
  return { ...test, input: test.input ?? inputLabel(test), expect: test.expect ?? '' };
}

function compileBehaviour(mapping: MappingFile, context: CompileContext): MappingBehaviour {
  if (mapping.direction === 'parse') return compileParseLayout(mapping, context);
  if (isRenderLayout(mapping)) return compileRenderLayout(mapping, context);
  return compileDocument(mapping, context);
}

function isRenderLayout(mapping: DocumentMappingFile | RenderLayoutFile): mapping is RenderLayoutFile {
  return mapping.format === 'fixed-width' || mapping.format === 'csv';
}

/** Same as `compiled.render(input)`, for callers that prefer a function. */
export function renderMapping(compiled: CompiledMapping, input: unknown, options?: ApplyOptions): RenderedDocument {
  return compiled.render(input, options);
}

/**
 * Reads a fixed-width or CSV file with a parse layout. Never throws for bad data: every
 * problem is returned with its line (and record and field when known). Throws
 * MappingFileError when the mapping is not a parse layout.
 */
export function parseWithLayout(compiled: CompiledMapping, bytes: Buffer): ParsedLayout {
  if (!compiled.parse) {
    throw new MappingFileError([{
      file: compiled.file ?? INLINE_MAPPING, path: '/direction', message: `${compiled.id} is not a parse layout ("direction": "parse")`,
    }]);
  }
  return compiled.parse(bytes);
}
