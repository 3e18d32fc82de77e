/**
 * A new tracking event as a test or the control API describes it: read from JSON,
 * checked (a known code, a real timestamp and date, a location with city and country)
 * and completed with the code's description and the time now.
 */
import { asObject, FieldError, optionalString, requiredString, type JsonObject } from '../shared/json-fields.js';
import { parseIsoDate } from './business-days.js';
import { EVENT_CODES, EVENT_DESCRIPTIONS, isEventCode } from './event-codes.js';
import { ProblemError } from './problem.js';
import type { EventCode, EventLocation, NewEvent } from './types.js';

/** A new event with every field but the location and estimate filled in. */
export interface CheckedEvent {
  code: EventCode;
  description: string;
  occurredAt: string;
  location?: EventLocation;
  estimatedDeliveryDate?: string;
}

/** `{ code, occurredAt?, location?, estimatedDeliveryDate?, description? }` from a control-API body. */
export function readNewEvent(body: JsonObject): NewEvent {
  const code = requiredString(body, 'code').toUpperCase();
  if (!isEventCode(code)) throw new FieldError(`code must be one of ${EVENT_CODES.join(', ')}`);
  const event: NewEvent = { code };
  const occurredAt = optionalString(body, 'occurredAt');
  const estimatedDeliveryDate = optionalString(body, 'estimatedDeliveryDate');
  const description = optionalString(body, 'description');
  if (occurredAt !== undefined) event.occurredAt = occurredAt;
  if (estimatedDeliveryDate !== undefined) event.estimatedDeliveryDate = estimatedDeliveryDate;
  if (description !== undefined) event.description = description;
  if (body['location'] !== undefined && body['location'] !== null) event.location = readLocation(asObject(body['location']));
  return event;
}

/** Checks what a caller sent (typed callers included) and fills in description and time; 400 INVALID_EVENT otherwise. */
export function checkEvent(event: NewEvent, now: Date): CheckedEvent {
  if (!isEventCode(event.code)) throw invalid(`code must be one of ${EVENT_CODES.join(', ')}`);
  const checked: CheckedEvent = {
    code: event.code,
    description: event.description?.trim() || EVENT_DESCRIPTIONS[event.code],
    occurredAt: checkedTimestamp(event.occurredAt, now),
  };
  if (event.location) checked.location = checkedLocation(event.location);
  if (event.estimatedDeliveryDate !== undefined) {
    if (!parseIsoDate(event.estimatedDeliveryDate)) throw invalid('estimatedDeliveryDate must be a date YYYY-MM-DD');
    checked.estimatedDeliveryDate = event.estimatedDeliveryDate;
  }
  return checked;
}

function checkedTimestamp(occurredAt: string | undefined, now: Date): string {
  if (occurredAt === undefined) return now.toISOString();
  const time = Date.parse(occurredAt);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(occurredAt) || Number.isNaN(time)) throw invalid('occurredAt must be an ISO 8601 timestamp, e.g. 2025-01-08T14:30:00Z');
  return new Date(time).toISOString();
}

function readLocation(fields: JsonObject): EventLocation {
  const location: EventLocation = { city: requiredString(fields, 'city'), country: requiredString(fields, 'country') };
  const region = optionalString(fields, 'region');
  const postalCode = optionalString(fields, 'postalCode');
  if (region) location.region = region;
  if (postalCode) location.postalCode = postalCode;
  return location;
}

function checkedLocation(location: EventLocation): EventLocation {
  if (!location.city?.trim()) throw invalid('location.city is required');
  if (!/^[A-Za-z]{2}$/.test(location.country ?? '')) throw invalid('location.country must be a two-letter code');
  return { ...location, city: location.city.trim(), country: location.country.toUpperCase() };
}

function invalid(detail: string): ProblemError {
  return new ProblemError(400, 'INVALID_EVENT', detail);
}
