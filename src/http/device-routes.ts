/**
 * Devices over the API: register a kiosk with its store (the answer shows its key's
 * secret, once), list them with what their numbered orders hold, rotate a key (the old
 * one keeps working for the overlap), revoke a key or the whole device. Every change is
 * audited; secrets never are.
 */
import { Hono, type Context } from 'hono';
import { requirePermission, type AuthVariables } from '../auth/middleware.js';
import type { Device } from '../devices/device-record.js';
import type { HubRuntime } from '../pipeline/runtime.js';
import { problem } from './problem.js';

type Ctx = Context<{ Variables: AuthVariables }>;

export function deviceRoutes(runtime: HubRuntime): Hono<{ Variables: AuthVariables }> {
  const app = new Hono<{ Variables: AuthVariables }>();
  const devices = runtime.devices;
  const actor = (c: Ctx) => c.get('principal')!.name;

  app.get('/devices', requirePermission('devices:read'), async (c) => c.json({ devices: await devices.list() }));

  app.get('/devices/:id', requirePermission('devices:read'), async (c) => {
    const device = await devices.get(c.req.param('id'));
    return device ? c.json(device) : notFound(c);
  });

  app.post('/devices', requirePermission('devices:manage'), async (c) => {
    const body = await jsonBody(c);
    const id = typeof body.id === 'string' ? body.id.trim() : '';
    const store = typeof body.store === 'string' ? body.store.trim() : '';
    if (!id || !store) return problem(c, { status: 400, title: 'Bad request', code: 'MISSING_FIELD', detail: 'give the device\'s id and its store', hint: '{"id": "kiosk-s01-1", "store": "S01", "label": "by the entrance"}' });
    const issued = await devices.register({ id, store, ...(typeof body.label === 'string' ? { label: body.label } : {}) });
    await runtime.audit.record(actor(c), 'register device', id, { store, keyId: issued.key.keyId });
    return c.json(issued, 201);
  });

  app.post('/devices/:id/keys', requirePermission('devices:manage'), async (c) => {
    const body = await jsonBody(c);
    const overlap = typeof body.overlapSeconds === 'number' && Number.isInteger(body.overlapSeconds) && body.overlapSeconds >= 0 ? body.overlapSeconds : undefined;
    const issued = await devices.rotate(c.req.param('id'), overlap);
    if (!issued) return notFound(c);
    await runtime.audit.record(actor(c), 'rotate device key', issued.device.id, { keyId: issued.key.keyId, ...(overlap !== undefined ? { overlapSeconds: overlap } : {}) });
    return c.json(issued, 201);
  });

  app.post('/devices/:id/keys/:keyId/revoke', requirePermission('devices:manage'), async (c) => {
    const device = await devices.revokeKey(c.req.param('id'), c.req.param('keyId'));
    if (!device) return notFound(c);
    await runtime.audit.record(actor(c), 'revoke device key', device.id, { keyId: c.req.param('keyId') });
    return c.json(device);
  });

  app.post('/devices/:id/revoke', requirePermission('devices:manage'), async (c) => {
    const device: Device | undefined = await devices.revoke(c.req.param('id'));
    if (!device) return notFound(c);
    await runtime.audit.record(actor(c), 'revoke device', device.id);
    return c.json(device);
  });
  return app;
}

function notFound(c: Ctx): Response {
  return problem(c, { status: 404, title: 'Not found', code: 'UNKNOWN_DEVICE', detail: `no device ${c.req.param('id')}`, hint: 'list the registered devices with GET /api/devices' });
}

async function jsonBody(c: Ctx): Promise<Record<string, unknown>> {
  const text = await c.req.text();
  if (!text.trim()) return {};
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? value as Record<string, unknown> : {};
  } catch {
    return {};
  }
}
