/**
 * The control API under `/_sim/` (no auth) that tests and a person with curl use to
 * drive the carrier: append an event to a parcel or advance it one scripted step, set
 * faults, and look at shipments, the request log and webhook deliveries.
 */
import { Hono, type Context } from 'hono';
import { asObject, FieldError, type JsonObject } from '../shared/json-fields.js';
import { readNewEvent } from './new-event.js';
import { ProblemError } from './problem.js';
import type { CarrierSim, FaultSettings, WebhookFaults } from './types.js';

export type CarrierControls = Omit<CarrierSim, 'url' | 'apiKey' | 'format' | 'close'>;

export function createControlApi(sim: CarrierControls): Hono {
  const api = new Hono();

  api.get('/shipments', (c) => c.json({ shipments: sim.shipments() }));
  api.get('/requests', (c) => c.json({ requests: sim.requests() }));
  api.get('/webhooks', (c) => c.json({ webhooks: sim.webhooks() }));
  api.get('/faults', (c) => c.json({ faults: sim.faults() }));

  api.post('/parcels/:trackingNumber/events', async (c) => {
    const trackingNumber = c.req.param('trackingNumber');
    const event = sim.addEvent(trackingNumber, readNewEvent(await readBody(c)));
    return c.json({ event, tracking: sim.tracking(trackingNumber) }, 201);
  });

  api.post('/parcels/:trackingNumber/advance', (c) => {
    const trackingNumber = c.req.param('trackingNumber');
    const event = sim.advance(trackingNumber);
    if (!event) throw new ProblemError(409, 'NO_NEXT_STEP', `parcel ${trackingNumber} moves no further (delivered, returned or voided)`);
    return c.json({ event, tracking: sim.tracking(trackingNumber) }, 201);
  });

  api.post('/faults', async (c) => c.json({ faults: sim.setFaults(readFaultSettings(await readBody(c))) }));

  return api;
}

async function readBody(c: Context): Promise<JsonObject> {
  const text = await c.req.text();
  if (text.trim() === '') return {};
  try {
    return asObject(JSON.parse(text));
  } catch (error) {
    throw error instanceof FieldError ? error : new FieldError('body must be JSON');
  }
}

/** The JSON fields as they come; `CarrierFaults` checks the values. */
function readFaultSettings(body: JsonObject): FaultSettings {
  const settings: FaultSettings = {};
  if ('rateLimit' in body) settings.rateLimit = nullableObject(body, 'rateLimit') as FaultSettings['rateLimit'];
  if ('outage' in body) settings.outage = nullableObject(body, 'outage') as FaultSettings['outage'];
  if ('webhook' in body) settings.webhook = nullableObject(body, 'webhook') as WebhookFaults | null;
  return settings;
}

function nullableObject(body: JsonObject, key: string): JsonObject | null {
  const value = body[key];
  if (value === null) return null;
  try {
    return asObject(value);
  } catch {
    throw new FieldError(`${key} must be an object or null`);
  }
}
