/**
 * Public API of the mapping engine: compile or load a mapping file, apply or render it,
 * read files with parse layouts, run its golden tests and report them, name a version
 * (`id@version`) and digest, keep and compile again its text. Everything else in this
 * folder is internal.
 */
export {
  compileMapping, renderMapping, parseWithLayout, INLINE_MAPPING,
  type CompiledMapping, type CompileOptions, type ApplyOptions, type RenderedDocument, type RenderStats,
} from './compile-mapping.js';
export type { ParsedLayout, ParsedRow, ParseProblem } from './layout/parsed-layout.js';
export type { WrittenRecord } from './layout/render-run.js';
export { loadMapping, clearMappingCache } from './load-mapping.js';
export { MappingError, describeProblem, type MappingProblem } from './mapping-error.js';
export { MappingFileError, formatMappingFileProblem, type MappingFileProblem } from './mapping-file-error.js';
export { mappingFileSchema } from './mapping-file-schema.js';
export type {
  MappingFile, FieldSpec, FieldsSpec, ConditionSpec, PipeStep, OutputFormat, XmlOptions, GoldenTestSpec, GoldenTestFileSpec,
  DocumentMappingFile, RenderLayoutFile, ParseLayoutFile, RenderRecordSpec, LayoutFieldSpec, ParseRecordSpec,
  ParseFieldSpec, ParseFieldsSpec, AggregateSpec, CsvOptions, LayoutEncoding, LayoutFormat, MappingDirection,
} from './mapping-file-types.js';
export { runGoldenTests, type GoldenResult } from './golden-tests.js';
export { formatGoldenReport } from './golden-report.js';
export { formatDiff, diffLines, type DiffLine } from './line-diff.js';
export { parseMappingRef, refText, sameRef, type MappingRef } from './mapping-ref.js';
export { mappingDigest, shortDigest } from './mapping-digest.js';
export { readMappingSource, compileMappingText, type MappingSource, type MappingTextFormat } from './mapping-source.js';
export { versionOfRecord, recordedAs } from './version-of-record.js';
export { PIPE_NAMES, describePipes, type PipeDoc } from './pipes/pipe-registry.js';
