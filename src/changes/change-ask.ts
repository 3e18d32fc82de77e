/**
 * What a channel asks to change, as it says it (API, agent desk, kiosk, e-mail): lines by
 * their canonical id or 1-based number, new lines with their SKU and price. Checked against
 * a JSON Schema here; whether the change is allowed is judge-change.ts's business.
 */
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { AskedChange } from '../model/order-change.js';
import { describeErrors } from '../model/validate.js';
import { BadInputError } from '../sdk/errors/index.js';

export type { AskedChange as AskedOp, LineRef } from '../model/order-change.js';

export interface ChangeAsk {
  operations: AskedChange[];
}

const lineRef = {
  oneOf: [
    { required: ['lineId'], not: { required: ['lineNumber'] } },
    { required: ['lineNumber'], not: { required: ['lineId'] } },
  ],
} as const;
const lineRefProps = { lineId: { type: 'string', minLength: 1 }, lineNumber: { type: 'integer', minimum: 1 } } as const;
const sku = { type: 'string', minLength: 1, maxLength: 64 } as const;
const money = { type: 'integer', minimum: 0 } as const;
const description = { type: 'string', minLength: 1, maxLength: 200 } as const;

const operationSchema = {
  type: 'object',
  required: ['op'],
  properties: { op: { enum: ['set_quantity', 'change_sku', 'add_line', 'change_address', 'cancel_line', 'cancel_order'] } },
  allOf: [
    {
      if: { properties: { op: { const: 'set_quantity' } } },
      then: { ...lineRef, required: ['quantity'], additionalProperties: false, properties: { op: {}, ...lineRefProps, quantity: { type: 'integer', minimum: 1, maximum: 9999 } } },
    },
    {
      if: { properties: { op: { const: 'change_sku' } } },
      then: { ...lineRef, required: ['sku'], additionalProperties: false, properties: { op: {}, ...lineRefProps, sku, unitPrice: money, description } },
    },
    {
      if: { properties: { op: { const: 'add_line' } } },
      then: {
        required: ['sku', 'quantity', 'unitPrice'], additionalProperties: false,
        properties: { op: {}, sku, quantity: { type: 'integer', minimum: 1, maximum: 9999 }, unitPrice: money, description },
      },
    },
    {
      if: { properties: { op: { const: 'change_address' } } },
      then: { required: ['shipTo'], additionalProperties: false, properties: { op: {}, shipTo: { type: 'object' } } },
    },
    {
      if: { properties: { op: { const: 'cancel_line' } } },
      then: { ...lineRef, additionalProperties: false, properties: { op: {}, ...lineRefProps } },
    },
    {
      if: { properties: { op: { const: 'cancel_order' } } },
      then: { additionalProperties: false, properties: { op: {}, reason: { type: 'string', maxLength: 500 } } },
    },
  ],
} as const;

const askSchema = {
  type: 'object',
  required: ['operations'],
  additionalProperties: false,
  properties: { operations: { type: 'array', minItems: 1, maxItems: 50, items: operationSchema } },
} as const;

const ajv = new Ajv2020({ allErrors: true, strict: false });
const validateAsk = ajv.compile<ChangeAsk>(askSchema);

/** The body as a change ask, or a `BadInputError` naming every problem. */
export function readChangeAsk(body: unknown): ChangeAsk {
  if (validateAsk(body)) return body;
  const problems = describeErrors((validateAsk.errors ?? []).filter((e) => e.keyword !== 'if'));
  throw new BadInputError(`the change request is not valid: ${problems.join('; ')}`, {
    code: 'BAD_CHANGE_REQUEST', hint: 'see docs/changes.md for the operations and their fields',
  });
}
