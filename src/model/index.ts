/** Public model: canonical order types, schema, ids, money, status and state machine. */
export * from './order.js';
export * from './status.js';
export * from './ids.js';
export * from './money.js';
export { orderSchema } from './order-schema.js';
export { validateCanonicalOrder, describeErrors, type ValidationResult } from './validate.js';
export * from './state-machine.js';
export * from './order-change.js';
export * from './payment-ledger.js';
