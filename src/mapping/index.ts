/**
 * Public API of the mapping engine: compile or load a mapping file, apply or render it,
 * run its golden tests and report them. Everything else in this folder is internal.
 */
export {
  compileMapping, renderMapping, INLINE_MAPPING,
  type CompiledMapping, type CompileOptions, type ApplyOptions, type RenderedDocument,
} from './compile-mapping.js';
export { loadMapping, clearMappingCache } from './load-mapping.js';
export { MappingError, describeProblem, type MappingProblem } from './mapping-error.js';
export { MappingFileError, formatMappingFileProblem, type MappingFileProblem } from './mapping-file-error.js';
export { mappingFileSchema } from './mapping-file-schema.js';
export type {
  MappingFile, FieldSpec, FieldsSpec, ConditionSpec, PipeStep, OutputFormat, XmlOptions, GoldenTestSpec,
} from './mapping-file-types.js';
export { runGoldenTests, type GoldenResult } from './golden-tests.js';
export { formatGoldenReport } from './golden-report.js';
export { formatDiff, diffLines, type DiffLine } from './line-diff.js';
export { PIPE_NAMES } from './pipes/pipe-registry.js';
