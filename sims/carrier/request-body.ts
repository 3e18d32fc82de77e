/**
 * Reading the JSON bodies of the carrier API: an object or a 400, addresses (a bad
 * one is 422 ADDRESS_INVALID, naming the field), parcels and the fields of a rate or
 * shipment request. Anything else malformed is a `FieldError` (400 INVALID_REQUEST).
 */
import type { Context } from 'hono';
import { asObject, FieldError, optionalString, requiredString, type JsonObject } from '../shared/json-fields.js';
import { ProblemError } from './problem.js';
import { SERVICE_LEVELS } from './rates.js';
import type { Address, LabelFormat, ParcelSpec, RateRequest, ServiceLevel, ShipmentRequest } from './types.js';

const MAX_BODY_CHARS = 64 * 1024;
const MAX_PARCELS = 20;
/** 68 kg: heavier goes by freight. */
const MAX_WEIGHT_GRAMS = 68_000;

export async function readJsonObject(c: Context): Promise<JsonObject> {
  const text = await c.req.text();
  if (text.length > MAX_BODY_CHARS) throw new ProblemError(413, 'BODY_TOO_LARGE', `the body is larger than ${MAX_BODY_CHARS} characters`);
  try {
    return asObject(JSON.parse(text));
  } catch {
    throw new ProblemError(400, 'INVALID_JSON', 'the body must be a JSON object (Content-Type: application/json)');
  }
}

export function readRateRequest(body: JsonObject): RateRequest {
  return { shipFrom: readAddress(body, 'shipFrom'), shipTo: readAddress(body, 'shipTo'), parcels: readParcels(body) };
}

export function readShipmentRequest(body: JsonObject): ShipmentRequest {
  const reference = requiredString(body, 'reference');
  if (reference.length > 100) throw new FieldError('reference must be at most 100 characters');
  return { ...readRateRequest(body), reference, service: readService(body), labelFormat: readLabelFormat(body) };
}

/** An address; a missing postal code or a country that is not two letters is 422 ADDRESS_INVALID. */
export function readAddress(body: JsonObject, key: string): Address {
  if (body[key] === undefined || body[key] === null) throw new FieldError(`${key} is required`);
  const fields = objectAt(body[key], `${key} must be an address object`);
  const field = (name: string): string | undefined => {
    const value = fields[name];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'string') throw invalidAddress(`${key}.${name} must be a string`);
    return value.trim();
  };
  const required = (name: string): string => {
    const value = field(name);
    if (!value) throw invalidAddress(`${key}.${name} is required`);
    return value;
  };
  const address: Address = { name: required('name'), line1: required('line1'), city: required('city'), postalCode: required('postalCode'), country: required('country') };
  if (!/^[A-Za-z]{2}$/.test(address.country)) throw invalidAddress(`${key}.country must be an ISO 3166 two-letter code, e.g. US`);
  address.country = address.country.toUpperCase();
  const line2 = field('line2');
  const region = field('region');
  if (line2) address.line2 = line2;
  if (region) address.region = region;
  return address;
}

export function readParcels(body: JsonObject): ParcelSpec[] {
  const parcels = body['parcels'];
  if (!Array.isArray(parcels) || parcels.length === 0) throw new FieldError('parcels must be a non-empty array of { weightGrams, lengthCm?, widthCm?, heightCm? }');
  if (parcels.length > MAX_PARCELS) throw new FieldError(`a shipment has at most ${MAX_PARCELS} parcels`);
  return parcels.map((item: unknown, index) => readParcel(objectAt(item, `parcels[${index}] must be an object`), index));
}

function readParcel(fields: JsonObject, index: number): ParcelSpec {
  const weightGrams = fields['weightGrams'];
  if (typeof weightGrams !== 'number' || !Number.isInteger(weightGrams) || weightGrams <= 0) {
    throw new FieldError(`parcels[${index}].weightGrams must be a whole number of grams > 0`);
  }
  if (weightGrams > MAX_WEIGHT_GRAMS) {
    throw new ProblemError(422, 'PARCEL_TOO_HEAVY', `parcels[${index}] weighs ${weightGrams} g: at most ${MAX_WEIGHT_GRAMS} g per parcel`);
  }
  const parcel: ParcelSpec = { weightGrams };
  for (const key of ['lengthCm', 'widthCm', 'heightCm'] as const) {
    const value = fields[key];
    if (value === undefined || value === null) continue;
    if (typeof value !== 'number' || !(value > 0) || value > 300) throw new FieldError(`parcels[${index}].${key} must be a number of centimetres, > 0 and ≤ 300`);
    parcel[key] = value;
  }
  return parcel;
}

function readService(body: JsonObject): ServiceLevel {
  const service = requiredString(body, 'service');
  const known = SERVICE_LEVELS.find((candidate) => candidate === service);
  if (!known) throw new FieldError(`service must be one of ${SERVICE_LEVELS.join(', ')}`);
  return known;
}

function readLabelFormat(body: JsonObject): LabelFormat {
  const format = optionalString(body, 'labelFormat') ?? 'PDF';
  if (format !== 'PDF' && format !== 'ZPL') throw new FieldError('labelFormat must be PDF or ZPL');
  return format;
}

function objectAt(value: unknown, message: string): JsonObject {
  try {
    return asObject(value);
  } catch {
    throw new FieldError(message);
  }
}

function invalidAddress(detail: string): ProblemError {
  return new ProblemError(422, 'ADDRESS_INVALID', detail);
}
