/**
 * compileMapping: validates a mapping document against the schema, compiles every field
 * once (pointers parsed, pipes resolved to closures, value tables indexed) and returns a
 * CompiledMapping whose apply() only walks closures. Every compile problem is collected
 * and thrown together as a MappingFileError naming the file and the JSON pointer.
 */
import type { CompileContext } from './compile-context.js';
import { MappingError } from './mapping-error.js';
import { MappingFileError } from './mapping-file-error.js';
import type { GoldenTestSpec, MappingFile, OutputFormat } from './mapping-file-types.js';
import { OMIT, rootScope, type Run } from './scope.js';
import { compileGroup } from './target-tree.js';
import { validateMappingFile } from './validate-mapping-file.js';
import { isPlainObject } from './values.js';
import { createXmlRenderer, XML_CONTENT_TYPE } from './xml-render.js';

export interface CompileOptions {
  /** Shown in every problem; also where golden samples are looked up from. */
  readonly file?: string;
  /** Directory that relative paths in `tests` start from (default: the file's directory). */
  readonly baseDir?: string;
}

export interface ApplyOptions {
  /** Merged into a plain-object input under the reserved root key `$context` (read it with `$/$context/...`). */
  readonly context?: Readonly<Record<string, unknown>>;
}

export interface RenderedDocument {
  readonly body: string;
  readonly contentType: string;
}

export interface CompiledMapping {
  readonly id: string;
  readonly version: string;
  readonly from: string;
  readonly to: string;
  readonly description: string | undefined;
  readonly format: OutputFormat;
  readonly file: string | undefined;
  readonly baseDir: string | undefined;
  readonly tests: readonly GoldenTestSpec[];
  /** The output as an object (for xml mappings: the element tree). Throws MappingError listing every problem. */
  apply(input: unknown, options?: ApplyOptions): Record<string, unknown>;
  /** The output as text: JSON for object/json mappings, XML for xml mappings. */
  render(input: unknown, options?: ApplyOptions): RenderedDocument;
}

export const INLINE_MAPPING = '<inline mapping>';

export function compileMapping(document: unknown, options: CompileOptions = {}): CompiledMapping {
  const file = options.file ?? INLINE_MAPPING;
  const mapping = validateMappingFile(document, file);
  const format = mapping.format ?? 'object';
  const context: CompileContext = {
    file,
    maps: mapping.maps ?? {},
    insideEach: false,
    targetNames: format === 'xml' ? 'xml' : 'json',
    problems: [],
    compileGroup,
  };
  const build = compileGroup(mapping.fields, '/fields', context);
  if (context.problems.length > 0) throw new MappingFileError(context.problems);

  const apply = (input: unknown, applyOptions?: ApplyOptions): Record<string, unknown> => {
    const run: Run = { problems: [] };
    const output = build(rootScope(withContext(input, applyOptions?.context)), run);
    if (run.problems.length > 0) throw new MappingError(mapping.id, run.problems);
    return output === OMIT || !isPlainObject(output) ? {} : output;
  };
  return {
    id: mapping.id,
    version: mapping.version,
    from: mapping.from,
    to: mapping.to,
    description: mapping.description,
    format,
    file: options.file,
    baseDir: options.baseDir,
    tests: mapping.tests ?? [],
    apply,
    render: createRender(mapping, apply),
  };
}

function withContext(input: unknown, context: ApplyOptions['context']): unknown {
  if (context === undefined || !isPlainObject(input)) return input;
  return { ...input, $context: context };
}

type Apply = CompiledMapping['apply'];

function createRender(mapping: MappingFile, apply: Apply): CompiledMapping['render'] {
  if (mapping.format === 'xml' && mapping.xml) {
    const toXml = createXmlRenderer(mapping.xml);
    return (input, options) => ({ body: toXml(apply(input, options)), contentType: XML_CONTENT_TYPE });
  }
  return (input, options) => ({ body: JSON.stringify(apply(input, options)), contentType: 'application/json' });
}

/** Same as `compiled.render(input)`, for callers that prefer a function. */
export function renderMapping(compiled: CompiledMapping, input: unknown, options?: ApplyOptions): RenderedDocument {
  return compiled.render(input, options);
}
