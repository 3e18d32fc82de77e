/**
 * Small JSON Schema pieces shared by the mapping-file schema and the layout schema:
 * input and target pointers, pointer lists and pipe steps.
 */

/** RFC 6901 pointer with at least one segment; `__proto__` is never a target. */
export const TARGET_POINTER = '^(/([^~]|~[01])*)+$';
/**
 * RFC 6901 pointer into the input; a leading `$` reads from the document root, a leading
 * `^` from the enclosing element (`^^` two levels up).
 */
export const SOURCE_POINTER = '^(\\$|\\^+)?(/([^~]|~[01])*)*$';

export const sourcePointer = {
  description: 'a JSON pointer such as /customer/email (or $/currency to read from the document root)',
  type: 'string',
  pattern: SOURCE_POINTER,
} as const;

export const pointerList = { type: 'array', minItems: 1, items: sourcePointer } as const;

export const pipeStep = {
  description: 'must be a pipe name or a one-key object { "name": argument }',
  anyOf: [
    { type: 'string', minLength: 1 },
    { type: 'object', minProperties: 1, maxProperties: 1 },
  ],
} as const;

/** Keys of a `fields` object: target pointers, never `__proto__`. */
export const targetKeys = {
  description: 'a target JSON pointer such as /customer/email (never __proto__)',
  pattern: TARGET_POINTER,
  not: { pattern: '(^|/)__proto__(/|$)' },
} as const;

/** Schema fragment: a field spec names exactly one of `sources`, or only a pipe (such as lineNumber). */
export function exactlyOneSource(sources: readonly string[]) {
  return {
    description: `needs exactly one source: ${sources.slice(0, -1).join(', ')} or ${sources.at(-1)} (or only a pipe such as lineNumber)`,
    oneOf: [
      ...sources.map((source) => ({ required: [source] })),
      { required: ['pipe'], not: { anyOf: sources.map((source) => ({ required: [source] })) } },
    ],
  };
}
