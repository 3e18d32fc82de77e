/**
 * Reading loosely-typed JSON request bodies of the simulators' control APIs
 * without `any`: each reader returns the typed field or throws a FieldError.
 */

export type JsonObject = Record<string, unknown>;

export class FieldError extends Error {}

export function asObject(value: unknown): JsonObject {
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as JsonObject;
  throw new FieldError('body must be a JSON object');
}

export function optionalString(body: JsonObject, key: string): string | undefined {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new FieldError(`${key} must be a string`);
  return value;
}

export function requiredString(body: JsonObject, key: string): string {
  const value = optionalString(body, key);
  if (value === undefined || value === '') throw new FieldError(`${key} is required`);
  return value;
}

export function optionalInteger(body: JsonObject, key: string): number | undefined {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value)) throw new FieldError(`${key} must be an integer`);
  return value;
}

export function optionalBoolean(body: JsonObject, key: string): boolean | undefined {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean') throw new FieldError(`${key} must be a boolean`);
  return value;
}
