/**
 * `GET /admin/devices`: the registered kiosks with their keys and what their numbered
 * orders hold; for `devices:manage`, forms to register a device, rotate its key, revoke
 * a key or the device. The same actions and audit entries as the JSON API
 * (src/http/device-routes.ts), secrets never audited. Register and rotate answer with
 * the page itself, showing the new key's secret once (`Cache-Control: no-store`); the
 * revocations redirect back with a notice. A refusal (taken id, bad id, devices not
 * configured) is a message on the page.
 */
import { Hono, type Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { can } from '../auth/roles.js';
import type { HubRuntime } from '../pipeline/runtime.js';
import type { AdminEnv } from './admin-env.js';
import { Notice } from './components.js';
import { DevicesTable, NotConfiguredNotice, RegisterForm, type ManageForms, type RegisterValues } from './devices-view.js';
import { readForm } from './form.js';
import { IssuedKeyCard, type Issued } from './issued-key-card.js';
import { hoursText, overlapFromHours } from './overlap-hours.js';
import { refusalOf } from './refusal.js';
import { render } from './render.js';
import { requirePage } from './session.js';

type Ctx = Context<AdminEnv>;

/** What one rendering of the page shows besides the list. */
interface PageState {
  notice?: string;
  error?: string;
  issued?: Issued;
  /** The register form's values to show again after a refusal. */
  registering?: RegisterValues;
}

export function devicesRoutes(runtime: HubRuntime): Hono<AdminEnv> {
  const app = new Hono<AdminEnv>();
  const devices = runtime.devices;
  const actor = (c: Ctx) => c.get('principal').name;

  app.get('/', requirePage('devices:read'), (c) => devicesPage(c, runtime, { ...optional('notice', c.req.query('notice')) }));

  app.post('/', requirePage('devices:manage'), async (c) => {
    const form = await readForm(c);
    const registering = { id: form.id ?? '', store: form.store ?? '', label: form.label ?? '' };
    if (!registering.id || !registering.store) return devicesPage(c, runtime, { error: 'Give the device\'s id and its store.', registering }, 400);
    const outcome = await refusalOf(() => devices.register(registering));
    if (!outcome.ok) return devicesPage(c, runtime, { error: outcome.message, registering }, outcome.status);
    await runtime.audit.record(actor(c), 'register device', registering.id, { store: registering.store, keyId: outcome.value.key.keyId });
    return issuedKeyPage(c, runtime, { ...outcome.value, cause: 'registered' }, 201);
  });

  app.post('/:id/rotate', requirePage('devices:manage'), async (c) => {
    const id = c.req.param('id');
    const overlap = overlapFromHours((await readForm(c)).overlapHours);
    if (!overlap.ok) return devicesPage(c, runtime, { error: overlap.problem }, 400);
    const outcome = await refusalOf(() => devices.rotate(id, overlap.seconds));
    if (!outcome.ok) return devicesPage(c, runtime, { error: outcome.message }, outcome.status);
    if (!outcome.value) return noSuchDevice(c, runtime, id);
    const { device, key } = outcome.value;
    await runtime.audit.record(actor(c), 'rotate device key', device.id, { keyId: key.keyId, ...optional('overlapSeconds', overlap.seconds) });
    return issuedKeyPage(c, runtime, { device, key, cause: 'rotated' }, 201);
  });

  app.post('/:id/keys/:keyId/revoke', requirePage('devices:manage'), async (c) => {
    const keyId = c.req.param('keyId');
    const device = await devices.revokeKey(c.req.param('id'), keyId);
    if (!device) return noSuchDevice(c, runtime, c.req.param('id'));
    await runtime.audit.record(actor(c), 'revoke device key', device.id, { keyId });
    return backToList(c, `Key ${keyId} of ${device.id} revoked: it signs nothing any more.`);
  });

  app.post('/:id/revoke', requirePage('devices:manage'), async (c) => {
    const id = c.req.param('id');
    if ((await readForm(c)).confirm !== 'yes') return backToList(c, `Tick the box to confirm that ${id} is to be revoked.`);
    const device = await devices.revoke(id);
    if (!device) return noSuchDevice(c, runtime, id);
    await runtime.audit.record(actor(c), 'revoke device', device.id);
    return backToList(c, `Device ${device.id} revoked: none of its keys signs any more.`);
  });
  return app;
}

async function devicesPage(c: Ctx, runtime: HubRuntime, state: PageState, status: ContentfulStatusCode = 200) {
  const now = new Date();
  const configured = runtime.devices.configured;
  const manage: ManageForms | undefined = configured && can(c.get('principal').role, 'devices:manage')
    ? { csrf: c.get('csrf'), overlapHours: hoursText(runtime.config.devices.overlapSeconds) }
    : undefined;
  const devices = await runtime.devices.list();
  return render(c, 'Devices', (
    <>
      <h1>Devices</h1>
      {state.issued ? <IssuedKeyCard issued={state.issued} now={now} /> : null}
      <Notice text={state.notice} />
      <Notice text={state.error} error />
      {configured ? null : <NotConfiguredNotice />}
      {manage ? <RegisterForm csrf={manage.csrf} values={state.registering} /> : null}
      <DevicesTable devices={devices} now={now} manage={manage} />
    </>
  ), { status });
}

/** The page with the new key's secret: answered directly, and kept out of every cache. */
function issuedKeyPage(c: Ctx, runtime: HubRuntime, issued: Issued, status: ContentfulStatusCode) {
  c.header('Cache-Control', 'no-store');
  return devicesPage(c, runtime, { issued }, status);
}

function noSuchDevice(c: Ctx, runtime: HubRuntime, id: string) {
  return devicesPage(c, runtime, { error: `No device ${id}: it may have been typed wrong, or never registered.` }, 404);
}

function backToList(c: Ctx, notice: string): Response {
  return c.redirect(`/admin/devices?notice=${encodeURIComponent(notice)}`, 303);
}

/** `{ [key]: value }` when the value is a non-empty string or a number, else nothing. */
function optional<K extends string, V extends string | number>(key: K, value: V | undefined): Partial<Record<K, V>> {
  return value === undefined || value === '' ? {} : ({ [key]: value } as Record<K, V>);
}
