/**
 * The console's Devices page over plain HTTP against a real Redis and hub: an admin
 * registers a kiosk and sees its key's secret once (in the answer to the form, never in
 * a URL, a redirect or the list; not cached), then rotates, revokes a key and revokes
 * the device, each audited without a secret; refusals (taken id, bad id, missing store,
 * bad overlap) are messages on the page; the list shows what a device's orders hold; an
 * operator sees the list without forms and is refused every action; an agent has no
 * Devices page; a hub without `devices.keySecret` says how to set it and shows no forms.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Credentials } from '../../src/auth/credentials.js';
import type { Role } from '../../src/auth/roles.js';
import { deriveDeviceSecret } from '../../src/devices/device-keys.js';
import { consolePage, formPost, logInOverHttp, type ConsoleSession } from '../support/console-http.js';
import { startTestHub, type TestHub } from '../support/hub.js';
import { startWorld, type World } from '../support/world.js';

const DEVICE_SECRET = 'devices-page-key-secret-0123456789abcdef';
const PASSWORD = 'devices page password 2024';

let world: World;
let unconfigured: TestHub;

beforeAll(async () => {
  process.env.TEST_DEVICES_PAGE_KEY_SECRET = DEVICE_SECRET;
  world = await startWorld({ hub: { extra: { devices: { keySecret: { env: 'TEST_DEVICES_PAGE_KEY_SECRET' }, overlapSeconds: 7200 } } } });
  unconfigured = await startTestHub({ redisUrl: world.redis.url, omsUrl: world.oms.url, workers: false });
  for (const hub of [world.hub, unconfigured]) {
    const credentials = new Credentials(hub.hub.runtime.redis, hub.prefix);
    for (const role of ['admin', 'operator', 'agent'] as const) await credentials.addUser(`dee-${role}`, role, PASSWORD);
  }
}, 60_000);

afterAll(async () => {
  await unconfigured?.stop();
  await world?.stop();
});

function logIn(role: Role, hub: TestHub = world.hub): Promise<ConsoleSession> {
  return logInOverHttp(hub.url, `dee-${role}`, PASSWORD);
}

function get(session: ConsoleSession, path = '/admin/devices', hub: TestHub = world.hub): Promise<Response> {
  return consolePage(hub.url, path, { headers: { cookie: session.cookie } });
}

function post(session: ConsoleSession, path: string, fields: Record<string, string> = {}, hub: TestHub = world.hub): Promise<Response> {
  return consolePage(hub.url, path, formPost({ csrf: session.csrf, ...fields }, session.cookie));
}

/** The `<tr>` of one device on the page. */
function rowOf(html: string, id: string): string {
  const row = new RegExp(`<tr data-device="${id}"[\\s\\S]*?</tr>`).exec(html)?.[0];
  if (!row) throw new Error(`no row for ${id}`);
  return row;
}

function shownKey(html: string): { keyId: string; secret: string } {
  const keyId = /data-key-id[^>]*>([^<]+)</.exec(html)?.[1];
  const secret = /data-secret[^>]*>([^<]+)</.exec(html)?.[1];
  if (!keyId || !secret) throw new Error('no key shown on the page');
  return { keyId, secret };
}

function keyStates(row: string): Record<string, string> {
  return Object.fromEntries([...row.matchAll(/data-key="([^"]+)" data-key-state="([^"]+)"/g)].map((m) => [m[1]!, m[2]!]));
}

async function auditText(): Promise<string> {
  return JSON.stringify(await world.hub.hub.runtime.audit.list(50));
}

describe('the Devices page', () => {
  it('registers a kiosk and shows its secret once, in the answer only', async () => {
    const admin = await logIn('admin');
    const empty = await (await get(admin)).text();
    expect(empty).toContain('href="/admin/devices"');
    expect(empty).toContain('No devices registered yet');
    expect(empty).toContain('action="/admin/devices"');

    const answer = await post(admin, '/admin/devices', { id: 'kiosk-s01-1', store: 'S01', label: 'by the entrance' });
    expect(answer.status).toBe(201);
    expect(answer.headers.get('location')).toBeNull();
    expect(answer.headers.get('cache-control')).toBe('no-store');
    expect(answer.headers.getSetCookie()).toEqual([]);
    const html = await answer.text();
    expect(html).toContain('Install this key on the kiosk now; it is not shown again.');
    const key = shownKey(html);
    expect(key.keyId).toMatch(/^kiosk-s01-1\./);
    expect(key.secret).toBe(deriveDeviceSecret(DEVICE_SECRET, key.keyId));

    const list = await get(admin);
    expect(list.headers.get('cache-control')).toBeNull();
    const listed = await list.text();
    expect(listed).not.toContain(key.secret);
    expect(listed).not.toContain('data-secret');
    const row = rowOf(listed, 'kiosk-s01-1');
    expect(row).toContain('S01');
    expect(row).toContain('by the entrance');
    expect(row).toContain('active');
    expect(keyStates(row)).toEqual({ [key.keyId]: 'current' });
    expect(row).toContain('no orders yet');
    expect(row).toMatch(/name="overlapHours"[^>]*value="2"/); // the configured overlap, 7200 s, in hours

    const audit = await auditText();
    expect(audit).toContain('register device');
    expect(audit).toContain(key.keyId);
    expect(audit).not.toContain(key.secret);
  });

  it('shows a taken id, a bad id and a missing store as messages, keeping what was typed', async () => {
    const admin = await logIn('admin');
    await post(admin, '/admin/devices', { id: 'kiosk-taken', store: 'S02' });
    const taken = await post(admin, '/admin/devices', { id: 'kiosk-taken', store: 'S02', label: 'second try' });
    expect(taken.status).toBe(409);
    const takenHtml = await taken.text();
    expect(takenHtml).toContain('Device kiosk-taken is already registered: rotate its key instead, or choose another id.');
    expect(takenHtml).toContain('value="second try"');
    expect(takenHtml).not.toContain('data-secret');

    const bad = await post(admin, '/admin/devices', { id: 'kiosk 1!', store: 'S01' });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('is not allowed: use 1–40 letters, digits, _ and -');
    const missing = await post(admin, '/admin/devices', { id: 'kiosk-nostore', store: '' });
    expect(missing.status).toBe(400);
    expect(await missing.text()).toContain('Give the device&#39;s id and its store.');
    expect(rowOf(await (await get(admin)).text(), 'kiosk-taken')).not.toContain('second try');
  });

  it('rotates a key (the old one retiring after the overlap), revokes a key and then the device', async () => {
    const admin = await logIn('admin');
    const first = shownKey(await (await post(admin, '/admin/devices', { id: 'kiosk-s03-1', store: 'S03' })).text());

    const badOverlap = await post(admin, '/admin/devices/kiosk-s03-1/rotate', { overlapHours: '-1' });
    expect(badOverlap.status).toBe(400);
    expect(await badOverlap.text()).toContain('The overlap must be a number of hours from 0 to 720');

    const rotated = await post(admin, '/admin/devices/kiosk-s03-1/rotate', { overlapHours: '1.5' });
    expect(rotated.status).toBe(201);
    expect(rotated.headers.get('cache-control')).toBe('no-store');
    const rotatedHtml = await rotated.text();
    const second = shownKey(rotatedHtml);
    expect(second.keyId).not.toBe(first.keyId);
    expect(second.secret).toBe(deriveDeviceSecret(DEVICE_SECRET, second.keyId));
    expect(rotatedHtml).toContain('The previous key keeps working until');
    const states = keyStates(rowOf(rotatedHtml, 'kiosk-s03-1'));
    expect(states).toEqual({ [first.keyId]: 'retiring', [second.keyId]: 'current' });
    const stored = await world.hub.hub.runtime.devices.get('kiosk-s03-1');
    const retiresIn = Date.parse(stored!.keys[0]!.retiresAt!) - Date.now();
    expect(retiresIn).toBeGreaterThan(5300_000);
    expect(retiresIn).toBeLessThanOrEqual(5400_000);

    const revokedKey = await post(admin, `/admin/devices/kiosk-s03-1/keys/${encodeURIComponent(first.keyId)}/revoke`);
    expect(revokedKey.status).toBe(303);
    const notice = revokedKey.headers.get('location')!;
    expect(notice).toMatch(/^\/admin\/devices\?notice=/);
    const afterKey = await (await get(admin, notice)).text();
    expect(afterKey).toContain(`Key ${first.keyId} of kiosk-s03-1 revoked`);
    expect(keyStates(rowOf(afterKey, 'kiosk-s03-1'))).toEqual({ [first.keyId]: 'revoked', [second.keyId]: 'current' });

    const unconfirmed = await post(admin, '/admin/devices/kiosk-s03-1/revoke');
    expect(unconfirmed.status).toBe(303);
    expect((await world.hub.hub.runtime.devices.get('kiosk-s03-1'))!.revokedAt).toBeUndefined();
    const revoked = await post(admin, '/admin/devices/kiosk-s03-1/revoke', { confirm: 'yes' });
    expect(revoked.status).toBe(303);
    const afterDevice = await (await get(admin, revoked.headers.get('location')!)).text();
    expect(afterDevice).toContain('Device kiosk-s03-1 revoked');
    const row = rowOf(afterDevice, 'kiosk-s03-1');
    expect(row).toContain('data-status="revoked"');
    expect(row).not.toContain('<form');

    const again = await post(admin, '/admin/devices/kiosk-s03-1/rotate', { overlapHours: '1' });
    expect(again.status).toBe(409);
    expect(await again.text()).toContain('Device kiosk-s03-1 is revoked');
    const unknown = await post(admin, '/admin/devices/nobody/rotate');
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toContain('No device nobody');

    const audit = await world.hub.hub.runtime.audit.list(50);
    const mine = audit.filter((e) => e.subject === 'kiosk-s03-1').map((e) => [e.action, e.detail]);
    expect(mine).toEqual(expect.arrayContaining([
      ['register device', { store: 'S03', keyId: first.keyId }],
      ['rotate device key', { keyId: second.keyId, overlapSeconds: 5400 }],
      ['revoke device key', { keyId: first.keyId }],
      ['revoke device', undefined],
    ]));
    const text = JSON.stringify(audit);
    for (const secret of [first.secret, second.secret]) expect(text).not.toContain(secret);
  });

  it('shows what a device\'s numbered orders hold: up to a gap, beyond it, and the last upload', async () => {
    const admin = await logIn('admin');
    await post(admin, '/admin/devices', { id: 'kiosk-s04-1', store: 'S04' });
    await world.hub.hub.runtime.devices.hold('kiosk-s04-1', [1, 2, 3, 5, 6]);
    const row = rowOf(await (await get(admin)).text(), 'kiosk-s04-1');
    expect(row).toContain('holds 1–3');
    expect(row).toContain('+2 beyond a gap (highest 6)');
    expect(row).toMatch(/last upload <time datetime="\d{4}-/);
  });

  it('shows an operator the list without forms and refuses every action with a 403', async () => {
    const operator = await logIn('operator');
    const response = await get(operator);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('href="/admin/devices"');
    expect(html).toContain('data-device="kiosk-s01-1"');
    expect(html).not.toMatch(/<form[^>]*action="\/admin\/devices/);
    const device = await world.hub.hub.runtime.devices.get('kiosk-s01-1');
    const keyId = device!.keys[0]!.keyId;
    for (const [path, fields] of [
      ['/admin/devices', { id: 'kiosk-op', store: 'S01' }],
      ['/admin/devices/kiosk-s01-1/rotate', { overlapHours: '1' }],
      [`/admin/devices/kiosk-s01-1/keys/${encodeURIComponent(keyId)}/revoke`, {}],
      ['/admin/devices/kiosk-s01-1/revoke', { confirm: 'yes' }],
    ] as const) {
      const refused = await post(operator, path, fields);
      expect(refused.status, path).toBe(403);
      expect(await refused.text()).toContain('may not devices:manage');
    }
    const after = await world.hub.hub.runtime.devices.get('kiosk-s01-1');
    expect(after).toEqual(device);
    expect(await world.hub.hub.runtime.devices.get('kiosk-op')).toBeUndefined();
  });

  it('refuses a form post without the session\'s CSRF token and gives an agent no Devices page', async () => {
    const admin = await logIn('admin');
    const forged = await consolePage(world.hub.url, '/admin/devices', formPost({ id: 'kiosk-forged', store: 'S01' }, admin.cookie));
    expect(forged.status).toBe(403);
    expect(await world.hub.hub.runtime.devices.get('kiosk-forged')).toBeUndefined();
    const agent = await logIn('agent');
    const page = await get(agent);
    expect(page.status).toBe(403);
    expect(await page.text()).not.toContain('href="/admin/devices"');
  });

  it('says how to set devices.keySecret on a hub without it, with no forms, and refuses a register post', async () => {
    const admin = await logIn('admin', unconfigured);
    const html = await (await get(admin, '/admin/devices', unconfigured)).text();
    expect(html).toContain('data-devices-not-configured');
    expect(html).toContain('devices.keySecret');
    expect(html).not.toMatch(/<form[^>]*action="\/admin\/devices/);
    const refused = await post(admin, '/admin/devices', { id: 'kiosk-x', store: 'S01' }, unconfigured);
    expect(refused.status).toBe(503);
    const text = await refused.text();
    expect(text).toContain('Devices are not set up on this hub: set devices.keySecret');
    expect(text).not.toContain('data-secret');
  });
});
