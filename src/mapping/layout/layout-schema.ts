/**
 * JSON Schema of the layout parts of a mapping file (merged into ../mapping-file-schema.ts):
 * the top-level layout options, render records with fixed-width fields or CSV columns,
 * parse records with slices or columns, and the rules that tie them to `format` and
 * `direction`. What a schema cannot say (overlapping fields, aggregate references,
 * record names used twice) is checked when the layout is compiled.
 */
import { exactlyOneSource, pipeStep, pointerList, sourcePointer, targetKeys } from '../schema-parts.js';

const LAYOUT_FORMATS = ['fixed-width', 'csv'] as const;

const recordName = {
  description: 'a record name such as O or order_line (letters, digits, _ and -)',
  type: 'string',
  pattern: '^[A-Za-z0-9_-]+$',
} as const;

const position = { type: 'integer', minimum: 1, maximum: 100000 } as const;
const columnRef = {
  description: 'a header name or a 1-based column number',
  anyOf: [{ type: 'string', minLength: 1 }, { type: 'integer', minimum: 1 }],
} as const;
const condition = { $ref: '#/$defs/condition' } as const;
const pipe = { type: 'array', items: pipeStep } as const;

const aggregate = {
  type: 'object',
  additionalProperties: false,
  properties: {
    count: { description: 'a record name, or * for every record', type: 'string', pattern: '^([A-Za-z0-9_-]+|\\*)$' },
    sum: { description: 'record.field, e.g. D.quantity', type: 'string', pattern: '^[A-Za-z0-9_-]+\\..+$' },
  },
  allOf: [{
    description: 'needs exactly one of count ("<record>") or sum ("<record>.<field>")',
    oneOf: [{ required: ['count'] }, { required: ['sum'] }],
  }],
} as const;

const VALUE_SOURCES = ['path', 'first', 'concat', 'const', 'aggregate'] as const;

/** What every render field has: a name, one source, the usual pipe/default/optional/when, and a type. */
const valueProperties = {
  name: { type: 'string', minLength: 1 },
  description: { type: 'string' },
  path: sourcePointer,
  first: pointerList,
  concat: pointerList,
  separator: { type: 'string' },
  const: true,
  aggregate,
  pipe,
  default: true,
  optional: { type: 'boolean' },
  when: condition,
  type: { enum: ['text', 'integer', 'date', 'time'] },
  format: { type: 'string', minLength: 1 },
  signed: { type: 'boolean' },
} as const;

const isNumeric = {
  anyOf: [{ required: ['type'], properties: { type: { const: 'integer' } } }, { required: ['aggregate'] }],
} as const;

const valueRules = {
  dependentRequired: { separator: ['concat'] },
  dependentSchemas: {
    format: {
      description: 'format is for "type": "date" or "time"',
      required: ['type'],
      properties: { type: { enum: ['date', 'time'] } },
    },
    signed: { required: ['type'], properties: { type: { const: 'integer' } } },
  },
  allOf: [exactlyOneSource(VALUE_SOURCES)],
} as const;

const fixedField = {
  type: 'object',
  additionalProperties: false,
  required: ['name', 'start', 'length'],
  properties: {
    ...valueProperties,
    start: { ...position, description: 'the first character of the field, 1-based' },
    length: position,
    align: { enum: ['left', 'right'] },
    pad: { type: 'string', minLength: 1, maxLength: 1 },
    overflow: { enum: ['error', 'truncate'] },
  },
  ...valueRules,
  if: isNumeric,
  then: { properties: { overflow: { const: 'error', description: 'a number is never truncated' } } },
} as const;

const csvColumn = {
  type: 'object',
  additionalProperties: false,
  required: ['name'],
  properties: valueProperties,
  ...valueRules,
} as const;

function renderRecord(kind: 'fields' | 'columns', item: string, self: string) {
  return {
    type: 'object',
    additionalProperties: false,
    required: ['name'],
    properties: {
      name: recordName,
      description: { type: 'string' },
      once: { enum: ['start', 'end'] },
      each: sourcePointer,
      when: condition,
      [kind]: { type: 'array', minItems: 1, items: { $ref: `#/$defs/${item}` } },
      records: { type: 'array', minItems: 1, items: { $ref: `#/$defs/${self}` } },
    },
    allOf: [
      {
        description: 'needs exactly one of once ("start" or "end") or each (a pointer to a list)',
        oneOf: [{ required: ['once'] }, { required: ['each'] }],
      },
      {
        description: `needs ${kind}, nested records or both`,
        anyOf: [{ required: [kind] }, { required: ['records'] }],
      },
    ],
  } as const;
}

const PARSE_SOURCES = { fixed: ['start', 'const'], csv: ['column', 'const'] } as const;

function parseField(kind: 'fixed' | 'csv') {
  const sources = PARSE_SOURCES[kind];
  const where = kind === 'fixed'
    ? { start: { ...position, description: 'the first character of the slice, 1-based' }, length: position }
    : { column: columnRef };
  return {
    type: 'object',
    additionalProperties: false,
    properties: {
      description: { type: 'string' },
      ...where,
      const: true,
      pipe,
      default: true,
      optional: { type: 'boolean' },
      when: condition,
    },
    dependentRequired: kind === 'fixed' ? { start: ['length'], length: ['start'] } : {},
    allOf: [{
      description: `needs exactly one source: ${kind === 'fixed' ? 'start and length (a slice)' : 'column'} or const (or only a pipe)`,
      oneOf: [
        ...sources.map((source) => ({ required: [source] })),
        { required: ['pipe'], not: { anyOf: sources.map((source) => ({ required: [source] })) } },
      ],
    }],
  } as const;
}

function parseFields(item: string) {
  return { type: 'object', propertyNames: targetKeys, additionalProperties: { $ref: `#/$defs/${item}` } } as const;
}

function parseRecord(kind: 'fixed' | 'csv') {
  const match = kind === 'fixed'
    ? { type: 'object', additionalProperties: false, required: ['start', 'length', 'equals'], properties: { start: position, length: position, equals: { type: 'string', minLength: 1 } } }
    : { type: 'object', additionalProperties: false, required: ['column', 'equals'], properties: { column: columnRef, equals: { type: 'string' } } };
  return {
    type: 'object',
    additionalProperties: false,
    required: ['name'],
    properties: {
      name: recordName,
      description: { type: 'string' },
      match,
      ...(kind === 'fixed' ? { expectLength: position } : {}),
      fields: parseFields(kind === 'fixed' ? 'fixedParseField' : 'csvParseField'),
    },
  } as const;
}

export const layoutDefs = {
  aggregate,
  fixedField,
  csvColumn,
  fixedRecord: renderRecord('fields', 'fixedField', 'fixedRecord'),
  csvRecord: renderRecord('columns', 'csvColumn', 'csvRecord'),
  fixedParseField: parseField('fixed'),
  csvParseField: parseField('csv'),
  fixedParseRecord: parseRecord('fixed'),
  csvParseRecord: parseRecord('csv'),
} as const;

/**
 * One character of the Basic Multilingual Plane: the CSV reader compares UTF-16 units, so
 * a character written as two (an emoji) would never be found and every row would be one cell.
 */
const csvCharacter = {
  type: 'string', minLength: 1, maxLength: 1, not: { enum: ['\n', '\r'] },
  allOf: [{ type: 'string', pattern: '^[\\u0000-\\uFFFF]$', description: 'a character up to U+FFFF (not an emoji)' }],
} as const;

const csvOptions = {
  type: 'object',
  additionalProperties: false,
  properties: {
    delimiter: { ...csvCharacter, description: 'must be one character other than a line break' },
    quote: { ...csvCharacter, description: 'must be one character other than a line break' },
    header: { type: 'boolean' },
    quoteAll: { type: 'boolean' },
  },
} as const;

/** Top-level properties of a layout mapping file. */
export const layoutTopLevel = {
  records: { type: 'array', minItems: 1 },
  recordLength: { ...position, description: 'every fixed-width record is padded to this many characters' },
  overflow: { enum: ['error', 'truncate'] },
  encoding: { enum: ['utf-8', 'latin1'] },
  unencodable: { enum: ['error', 'replace', 'transliterate'] },
  lineEnding: { enum: ['\n', '\r\n'] },
  finalNewline: { type: 'boolean' },
  csv: csvOptions,
} as const;

const isLayout = { required: ['format'], properties: { format: { enum: LAYOUT_FORMATS } } } as const;
const isParse = { required: ['direction'], properties: { direction: { const: 'parse' } } } as const;
const isRender = { not: isParse } as const;
const formatIs = (format: string) => ({ required: ['format'], properties: { format: { const: format } } }) as const;

function needsLayout(what: string, format?: string) {
  return {
    description: `${what} needs "format": ${format ? `"${format}"` : '"fixed-width" or "csv"'}`,
    required: ['format'],
    properties: { format: format ? { const: format, description: `for ${what}` } : { enum: LAYOUT_FORMATS, description: `for ${what}` } },
  } as const;
}

function needsRenderLayout(what: string, format?: string) {
  const layout = needsLayout(what, format);
  return {
    ...layout,
    properties: { ...layout.properties, direction: { const: 'render', description: `${what} is only for render layouts` } },
  } as const;
}

/** How layout keys depend on format and direction. */
export const layoutRules = {
  dependentSchemas: {
    records: needsLayout('records'),
    recordLength: needsRenderLayout('recordLength', 'fixed-width'),
    csv: needsLayout('a csv block', 'csv'),
    encoding: needsLayout('encoding'),
    overflow: needsRenderLayout('overflow'),
    unencodable: needsRenderLayout('unencodable'),
    lineEnding: needsRenderLayout('lineEnding'),
    finalNewline: needsRenderLayout('finalNewline'),
  },
  allOf: [
    { if: isParse, then: needsLayout('"direction": "parse"') },
    {
      if: isLayout,
      then: { required: ['records'] },
      else: { properties: { fields: { $ref: '#/$defs/fields' } } },
    },
    {
      if: { allOf: [formatIs('fixed-width'), isRender] },
      then: { properties: { fields: { $ref: '#/$defs/layoutFields' }, records: { type: 'array', items: { $ref: '#/$defs/fixedRecord' } } } },
    },
    {
      if: { allOf: [formatIs('csv'), isRender] },
      then: { properties: { fields: { $ref: '#/$defs/layoutFields' }, records: { type: 'array', items: { $ref: '#/$defs/csvRecord' } } } },
    },
    {
      if: { allOf: [formatIs('fixed-width'), isParse] },
      then: { properties: { fields: parseFields('fixedParseField'), records: { type: 'array', items: { $ref: '#/$defs/fixedParseRecord' } } } },
    },
    {
      if: { allOf: [formatIs('csv'), isParse] },
      then: { properties: { fields: parseFields('csvParseField'), records: { type: 'array', items: { $ref: '#/$defs/csvParseRecord' } } } },
    },
  ],
} as const;
