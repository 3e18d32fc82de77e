/**
 * Validation of canonical orders against the JSON Schema, compiled once.
 * Errors come back as short sentences naming the field, for review queues and API answers.
 */
import { Ajv2020, type ErrorObject } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { orderSchema } from './order-schema.js';
import type { CanonicalOrder } from './order.js';

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;

const ajv = new Ajv2020({ allErrors: true, strict: true });
addFormats(ajv);
const validateOrderSchema = ajv.compile<CanonicalOrder>(orderSchema);

export type ValidationResult = { ok: true; order: CanonicalOrder } | { ok: false; errors: string[] };

export function validateCanonicalOrder(candidate: unknown): ValidationResult {
  if (validateOrderSchema(candidate)) return { ok: true, order: candidate };
  return { ok: false, errors: describeErrors(validateOrderSchema.errors ?? []) };
}

/** "/lines/0/quantity must be >= 1" style messages, one per problem. */
export function describeErrors(errors: ErrorObject[]): string[] {
  return errors.map((e) => {
    const where = e.instancePath || '/';
    if (e.keyword === 'additionalProperties') {
      return `${where} has an unknown field "${String(e.params.additionalProperty)}"`;
    }
    if (e.keyword === 'required') return `${where} is missing "${String(e.params.missingProperty)}"`;
    return `${where} ${e.message ?? 'is invalid'}`;
  });
}

/** One schema problem of a candidate order: the pointer of the field concerned and what is wrong with it. */
export interface SchemaProblem {
  pointer: string;
  message: string;
}

/** The candidate's schema problems, each at the pointer of the field itself (a missing or unknown field's own pointer). */
export function canonicalSchemaProblems(candidate: unknown): SchemaProblem[] {
  if (validateOrderSchema(candidate)) return [];
  return (validateOrderSchema.errors ?? []).map(schemaProblem);
}

function schemaProblem(e: ErrorObject): SchemaProblem {
  if (e.keyword === 'additionalProperties') return { pointer: childPointer(e.instancePath, e.params.additionalProperty), message: 'is not a field of the canonical order' };
  if (e.keyword === 'required') return { pointer: childPointer(e.instancePath, e.params.missingProperty), message: 'is required but missing' };
  return { pointer: e.instancePath || '/', message: e.message ?? 'is invalid' };
}

function childPointer(parent: string, name: unknown): string {
  return `${parent}/${String(name).replace(/~/g, '~0').replace(/\//g, '~1')}`;
}
