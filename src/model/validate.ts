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
