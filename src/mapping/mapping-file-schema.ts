/**
 * JSON Schema (draft 2020-12) of a mapping file. It is the only check of a file's
 * shape: the compiler trusts what passes it and only adds what a schema cannot say
 * (pipe names and their arguments, table names, conflicting targets, overlapping
 * fixed-width fields, aggregate references). The layout parts (records, fixed-width
 * fields, CSV columns, parse fields) live in ./layout/layout-schema.ts.
 * Editors can use it for completion: point `$schema` at an export of this constant.
 */
import { layoutDefs, layoutRules, layoutTopLevel } from './layout/layout-schema.js';
import { exactlyOneSource, pipeStep, pointerList, sourcePointer, targetKeys } from './schema-parts.js';

const condition = {
  description: 'a condition: { path, exists | equals | in | notEmpty } or { all | any | not }',
  type: 'object',
  additionalProperties: false,
  properties: {
    path: sourcePointer,
    exists: { type: 'boolean' },
    equals: true,
    in: { type: 'array' },
    notEmpty: { type: 'boolean' },
    all: { type: 'array', minItems: 1, items: { $ref: '#/$defs/condition' } },
    any: { type: 'array', minItems: 1, items: { $ref: '#/$defs/condition' } },
    not: { $ref: '#/$defs/condition' },
  },
  dependentRequired: { exists: ['path'], equals: ['path'], in: ['path'], notEmpty: ['path'] },
  allOf: [{
    description: 'needs exactly one of exists, equals, in, notEmpty, all, any or not',
    oneOf: [
      { required: ['exists'] }, { required: ['equals'] }, { required: ['in'] }, { required: ['notEmpty'] },
      { required: ['all'] }, { required: ['any'] }, { required: ['not'] },
    ],
  }],
} as const;

const SOURCES = ['path', 'first', 'concat', 'const', 'each', 'with'] as const;


const fieldSpec = {
  type: 'object',
  additionalProperties: false,
  properties: {
    description: { type: 'string' },
    path: sourcePointer,
    first: pointerList,
    concat: pointerList,
    separator: { type: 'string' },
    const: true,
    each: sourcePointer,
    with: sourcePointer,
    filter: { $ref: '#/$defs/condition' },
    fields: { $ref: '#/$defs/fields' },
    pipe: { type: 'array', items: pipeStep },
    default: true,
    optional: { type: 'boolean' },
    when: { $ref: '#/$defs/condition' },
  },
  dependentRequired: { each: ['fields'], with: ['fields'], filter: ['each'], separator: ['concat'] },
  dependentSchemas: {
    fields: {
      description: 'fields need each (a repeated group) or with (a nested group)',
      anyOf: [{ required: ['each'] }, { required: ['with'] }],
    },
  },
  allOf: [exactlyOneSource(SOURCES)],
} as const;

const fields = {
  type: 'object',
  minProperties: 1,
  propertyNames: targetKeys,
  additionalProperties: { $ref: '#/$defs/fieldSpec' },
} as const;

/** The top-level fields of a render layout: values added to the input root, often none. */
const layoutFields = { ...fields, minProperties: 0 } as const;

const goldenTest = {
  type: 'object',
  additionalProperties: false,
  properties: {
    name: { type: 'string' },
    input: { type: 'string', minLength: 1 },
    orders: { type: 'array', minItems: 0, items: { type: 'string', minLength: 1 } },
    batch: {
      type: 'object',
      additionalProperties: false,
      required: ['id', 'createdAt'],
      properties: { id: { type: 'string', minLength: 1 }, createdAt: { type: 'string', minLength: 1 } },
    },
    expect: { type: 'string', minLength: 1 },
    expectError: { type: 'string', minLength: 1 },
    context: { type: 'object' },
  },
  dependentRequired: { orders: ['batch'], batch: ['orders'] },
  allOf: [
    {
      description: 'needs exactly one input: input (a sample file) or orders with batch',
      oneOf: [{ required: ['input'] }, { required: ['orders'] }],
    },
    {
      description: 'needs exactly one of expect (the expected output) or expectError (text of the expected refusal)',
      oneOf: [{ required: ['expect'] }, { required: ['expectError'] }],
    },
  ],
} as const;

const xmlOptions = {
  type: 'object',
  additionalProperties: false,
  required: ['root'],
  properties: {
    root: { type: 'string', pattern: '^[A-Za-z_][A-Za-z0-9._:-]*$' },
    declaration: { type: 'boolean' },
    attributes: { type: 'object', additionalProperties: { type: ['string', 'number', 'boolean'] } },
    indent: { type: 'integer', minimum: 0, maximum: 8 },
  },
} as const;

export const mappingFileSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'urn:order-hub:mapping-file@1',
  title: 'Mapping file',
  type: 'object',
  additionalProperties: false,
  required: ['id', 'version', 'from', 'to', 'fields'],
  properties: {
    $schema: { type: 'string' },
    id: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9._/-]*$', maxLength: 200 },
    version: { type: 'string', minLength: 1, maxLength: 50 },
    from: { type: 'string', minLength: 1 },
    to: { type: 'string', minLength: 1 },
    description: { type: 'string' },
    direction: { enum: ['render', 'parse'] },
    format: { enum: ['object', 'json', 'xml', 'fixed-width', 'csv'] },
    xml: xmlOptions,
    maps: {
      type: 'object',
      propertyNames: { pattern: '^[A-Za-z_][A-Za-z0-9_.-]*$' },
      additionalProperties: { type: 'object' },
    },
    fields: { type: 'object' },
    ...layoutTopLevel,
    tests: { type: 'array', items: goldenTest },
  },
  dependentSchemas: {
    xml: {
      description: 'an xml block needs "format": "xml"',
      required: ['format'],
      properties: { format: { const: 'xml' } },
    },
    ...layoutRules.dependentSchemas,
  },
  if: { required: ['format'], properties: { format: { const: 'xml' } } },
  then: { required: ['xml'] },
  allOf: layoutRules.allOf,
  $defs: { condition, fieldSpec, fields, layoutFields, ...layoutDefs },
} as const;
