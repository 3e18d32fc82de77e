/**
 * TypeScript view of a mapping file, as guaranteed by ./mapping-file-schema.ts.
 * Only documents that passed the schema are typed as MappingFile.
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

export type OutputFormat = 'object' | 'json' | 'xml';

export interface XmlOptions {
  readonly root: string;
  readonly declaration?: boolean;
  readonly attributes?: Readonly<Record<string, string | number | boolean>>;
  readonly indent?: number;
}

export interface GoldenTestSpec {
  readonly name?: string;
  /** Input sample, relative to the mapping file. */
  readonly input: string;
  /** Expected output (JSON, or the exact text for xml), relative to the mapping file. */
  readonly expect: string;
  /** Extra data the mapping sees under the reserved root key `$context`. */
  readonly context?: Readonly<Record<string, unknown>>;
}

export interface MappingFile {
  readonly $schema?: string;
  readonly id: string;
  readonly version: string;
  readonly from: string;
  readonly to: string;
  readonly description?: string;
  readonly format?: OutputFormat;
  readonly xml?: XmlOptions;
  /** Named value tables for the `map` pipe; `"*"` is the fallback entry. */
  readonly maps?: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  readonly fields: FieldsSpec;
  readonly tests?: readonly GoldenTestSpec[];
}
