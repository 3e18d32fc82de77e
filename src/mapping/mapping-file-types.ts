/**
 * TypeScript view of a mapping file, as guaranteed by ./mapping-file-schema.ts.
 * Only documents that passed the schema are typed as MappingFile. Three kinds share the
 * header (id, version, from, to, maps, tests): documents (object, json, xml: `fields`
 * build one object), render layouts (fixed-width, csv: `records` write a whole file) and
 * parse layouts (`"direction": "parse"`: `records` read a file into rows).
 */

/** A pipe step: a name (`"trim"`) or a one-key object with its argument (`{ "map": "shipVia" }`). */
export type PipeStep = string | Readonly<Record<string, unknown>>;

/** A condition on the input, for `when` (omit a field) and `filter` (skip an element). */
export interface ConditionSpec {
  readonly path?: string;
  readonly exists?: boolean;
  readonly equals?: unknown;
  readonly in?: readonly unknown[];
  readonly notEmpty?: boolean;
  readonly all?: readonly ConditionSpec[];
  readonly any?: readonly ConditionSpec[];
  readonly not?: ConditionSpec;
}

/** One target field. Exactly one source (path, first, concat, const, each, with) or a pipe alone. */
export interface FieldSpec {
  readonly description?: string;
  readonly path?: string;
  readonly first?: readonly string[];
  readonly concat?: readonly string[];
  readonly separator?: string;
  readonly const?: unknown;
  readonly each?: string;
  readonly with?: string;
  readonly filter?: ConditionSpec;
  readonly fields?: FieldsSpec;
  readonly pipe?: readonly PipeStep[];
  readonly default?: unknown;
  readonly optional?: boolean;
  readonly when?: ConditionSpec;
}

/** Target JSON pointer → field spec, in output order. */
export type FieldsSpec = Readonly<Record<string, FieldSpec>>;

export type DocumentFormat = 'object' | 'json' | 'xml';
export type LayoutFormat = 'fixed-width' | 'csv';
export type OutputFormat = DocumentFormat | LayoutFormat;
export type MappingDirection = 'render' | 'parse';

export interface XmlOptions {
  readonly root: string;
  readonly declaration?: boolean;
  readonly attributes?: Readonly<Record<string, string | number | boolean>>;
  readonly indent?: number;
}

/** The `batch` of a layout's input: `{ batch, orders }`. */
export interface BatchSpec {
  readonly id: string;
  readonly createdAt: string;
}

/** A golden test as written in the file. */
export interface GoldenTestFileSpec {
  readonly name?: string;
  /** Input sample, relative to the mapping file (or `orders` with `batch`). */
  readonly input?: string;
  /** Order samples that make up a batch input `{ batch, orders }`, relative to the mapping file. */
  readonly orders?: readonly string[];
  readonly batch?: BatchSpec;
  /** Expected output (JSON, the exact text for xml, the exact bytes for layouts), relative to the mapping file. */
  readonly expect?: string;
  /** Instead of `expect`: the input must be refused with an error containing this text. */
  readonly expectError?: string;
  /** Extra data the mapping sees under the reserved root key `$context`. */
  readonly context?: Readonly<Record<string, unknown>>;
}

/** A golden test of a compiled mapping: `input` and `expect` always set ('' where the file gives none). */
export interface GoldenTestSpec extends GoldenTestFileSpec {
  /** The input sample; for a batch test, a label naming its order samples. */
  readonly input: string;
  /** The expected sample; '' for a test with `expectError`. */
  readonly expect: string;
}

export type LayoutEncoding = 'utf-8' | 'latin1';
export type FieldType = 'text' | 'integer' | 'date' | 'time';
export type Overflow = 'error' | 'truncate';

/** Aggregate over the records written so far: `{ count: "D" }` or `{ sum: "D.quantity" }`. */
export interface AggregateSpec {
  readonly count?: string;
  readonly sum?: string;
}

/** A field of a render layout: a fixed-width field (start, length) or a CSV column. */
export interface LayoutFieldSpec extends Omit<FieldSpec, 'each' | 'with' | 'filter' | 'fields'> {
  readonly name: string;
  readonly start?: number;
  readonly length?: number;
  readonly aggregate?: AggregateSpec;
  readonly type?: FieldType;
  /** Date pattern for date and time fields (YYYY MM DD HH mm ss SSS). */
  readonly format?: string;
  readonly align?: 'left' | 'right';
  readonly pad?: string;
  readonly overflow?: Overflow;
  readonly signed?: boolean;
}

/** A record kind of a render layout: written once (at the start or the end) or once per element of a list. */
export interface RenderRecordSpec {
  readonly name: string;
  readonly description?: string;
  readonly once?: 'start' | 'end';
  readonly each?: string;
  readonly when?: ConditionSpec;
  /** Fixed-width fields. */
  readonly fields?: readonly LayoutFieldSpec[];
  /** CSV columns. */
  readonly columns?: readonly LayoutFieldSpec[];
  readonly records?: readonly RenderRecordSpec[];
}

/** A field of a parse layout: a slice of the line (start, length) or a CSV column, then the usual pipe. */
export interface ParseFieldSpec extends Omit<FieldSpec, 'path' | 'first' | 'concat' | 'each' | 'with' | 'filter' | 'fields' | 'separator'> {
  readonly start?: number;
  readonly length?: number;
  /** A header name, or a 1-based column number. */
  readonly column?: string | number;
}

export type ParseFieldsSpec = Readonly<Record<string, ParseFieldSpec>>;

/** Which lines a parse record reads: a slice (fixed width) or a column (CSV) equal to a value. */
export interface RecordMatchSpec {
  readonly start?: number;
  readonly length?: number;
  readonly column?: string | number;
  readonly equals: string;
}

export interface ParseRecordSpec {
  readonly name: string;
  readonly description?: string;
  readonly match?: RecordMatchSpec;
  /** The exact length of a line of this record, in characters (fixed width). */
  readonly expectLength?: number;
  readonly fields?: ParseFieldsSpec;
}

export interface CsvOptions {
  readonly delimiter?: string;
  readonly quote?: string;
  readonly header?: boolean;
  readonly quoteAll?: boolean;
}

interface MappingFileHeader {
  readonly $schema?: string;
  readonly id: string;
  readonly version: string;
  readonly from: string;
  readonly to: string;
  readonly description?: string;
  /** Named value tables for the `map` pipe; `"*"` is the fallback entry. */
  readonly maps?: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  readonly tests?: readonly GoldenTestFileSpec[];
}

/** object, json or xml: the fields build one object (for xml, the element tree). */
export interface DocumentMappingFile extends MappingFileHeader {
  readonly direction?: 'render';
  readonly format?: DocumentFormat;
  readonly xml?: XmlOptions;
  readonly fields: FieldsSpec;
}

/** fixed-width or csv, written from `{ batch, orders }` (or any input) record by record. */
export interface RenderLayoutFile extends MappingFileHeader {
  readonly direction?: 'render';
  readonly format: LayoutFormat;
  /** Values added to the input root once, before the records are written (often `{}`). */
  readonly fields: FieldsSpec;
  readonly records: readonly RenderRecordSpec[];
  readonly recordLength?: number;
  readonly overflow?: Overflow;
  readonly encoding?: LayoutEncoding;
  readonly unencodable?: 'error' | 'replace' | 'transliterate';
  readonly lineEnding?: '\n' | '\r\n';
  readonly finalNewline?: boolean;
  readonly csv?: CsvOptions;
}

/** fixed-width or csv, read into one object per line. */
export interface ParseLayoutFile extends MappingFileHeader {
  readonly direction: 'parse';
  readonly format: LayoutFormat;
  /** Fields every record has (often `{}`); a record's own fields are added to them. */
  readonly fields: ParseFieldsSpec;
  readonly records: readonly ParseRecordSpec[];
  readonly encoding?: LayoutEncoding;
  readonly csv?: CsvOptions;
}

export type MappingFile = DocumentMappingFile | RenderLayoutFile | ParseLayoutFile;
