/**
 * The console's watch list and the parcels on the order page, over plain HTTP against a
 * real Redis and hub: an order whose parcel the carrier reports in an exception (applied
 * through the hub's status intake) is on `/admin/watch` with what the carrier said and
 * its new date, counted in the navigation; its order page highlights the exception and
 * shows the parcel's newest tracking events; once the carrier reports the parcel moving
 * again, the list is empty and the page shows no exception. A Void for a booking the
 * order does not have is an error message on the order page; roles without
 * `shipments:manage` are refused it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Credentials } from '../../src/auth/credentials.js';
import type { Role } from '../../src/auth/roles.js';
import { makeShopifyOrder } from '../../sims/storefront/index.js';
import { consolePage, formPost, logInOverHttp, type ConsoleSession } from '../support/console-http.js';
import { eventually } from '../support/hub.js';
import { EXCEPTION, EXPECTED_DATE, moveOn, shipAndHoldUp } from '../support/parcel-events.js';
import { getJson, startWorld, type World } from '../support/world.js';

const PASSWORD = 'watch page password 2024';
const TRACKING = '1Z999AA10123456784';
const UPS_PAGE = `https://www.ups.com/track?tracknum=${TRACKING}`;

let world: World;
let order: { id: string; confirmation: string };

beforeAll(async () => {
  world = await startWorld();
  const credentials = new Credentials(world.hub.hub.runtime.redis, world.hub.prefix);
  for (const role of ['operator', 'integrator'] as const) await credentials.addUser(`wes-${role}`, role, PASSWORD);
  const sent = await world.store.sendOrderWebhook(world.webhookUrl, makeShopifyOrder(7301));
  const { hubOrderId: id, confirmation } = sent.body as { hubOrderId: string; confirmation: string };
  await eventually(async () => ((await getJson<{ state: string }>(`${world.hub.url}/api/orders/${id}`)).body.state === 'sent' ? true : undefined), 15_000, 'order sent');
  order = { id, confirmation };
}, 60_000);

afterAll(async () => {
  await world?.stop();
});

function logIn(role: Role): Promise<ConsoleSession> {
  return logInOverHttp(world.hub.url, `wes-${role}`, PASSWORD);
}

async function html(session: ConsoleSession, path: string): Promise<string> {
  const response = await consolePage(world.hub.url, path, { headers: { cookie: session.cookie } });
  expect(response.status, path).toBe(200);
  return response.text();
}

/** The `<section>` of one parcel on the order page. */
function parcelOf(page: string, trackingNumber: string): string {
  const section = new RegExp(`<section class="card parcel" data-parcel="${trackingNumber}"[\\s\\S]*?</section>`).exec(page)?.[0];
  if (!section) throw new Error(`no parcel ${trackingNumber} on the page`);
  return section;
}

describe('the watch list', () => {
  it('is empty while no parcel is in trouble', async () => {
    const page = await html(await logIn('integrator'), '/admin/watch');
    expect(page).toContain('No parcel needs attention.');
    expect(page).toContain('<a href="/admin/watch" aria-current="page">Watch list</a>');
  });

  it('lists an order whose parcel the carrier reports in an exception, and its page shows it', async () => {
    await shipAndHoldUp(world.hub.hub.runtime, order.id, TRACKING);
    const session = await logIn('integrator');
    const page = await html(session, '/admin/watch');
    expect(page).not.toContain('No parcel needs attention.');
    const row = new RegExp(`<tr data-watched="${order.id}">[\\s\\S]*?</tr>`).exec(page)?.[0] ?? '';
    expect(row).toContain(`<a href="/admin/orders/${order.id}">${order.confirmation}</a>`);
    expect(row).toContain('<td rowspan="1">shipped</td>');
    expect(row).toContain('<td>UPS</td>');
    expect(row).toContain(`<a href="${UPS_PAGE}" rel="noopener noreferrer">${TRACKING}</a>`);
    expect(row).toContain(`<strong>${EXCEPTION.description}</strong><span class="muted"> (${EXCEPTION.code})</span>`);
    expect(row).toContain(`<td>${EXPECTED_DATE}</td>`);
    expect(page).toContain('<span class="count" data-watch-count="true">1</span>');

    const parcel = parcelOf(await html(session, `/admin/orders/${order.id}`), TRACKING);
    expect(parcel).toContain('<strong data-parcel-status="true">exception</strong>');
    expect(parcel).toMatch(new RegExp(`data-exception="true"><strong>Exception:</strong> ${EXCEPTION.description} \\(${EXCEPTION.code}\\)`));
    expect(parcel).toContain(`<dd data-expected="true">${EXPECTED_DATE}</dd>`);
    expect(parcel).toContain(`<a href="${UPS_PAGE}" rel="noopener noreferrer">${TRACKING}</a>`);
    const events = /<table data-tracking-events="true">[\s\S]*?<\/table>/.exec(parcel)?.[0] ?? '';
    expect(events).toContain(`<td>exception</td><td>${EXCEPTION.description}<span class="muted"> (${EXCEPTION.code})</span></td><td>Portland, OR</td>`);
  });

  it('lets the order go once the carrier reports the parcel moving again', async () => {
    await moveOn(world.hub.hub.runtime, TRACKING);
    const session = await logIn('operator');
    const page = await html(session, '/admin/watch');
    expect(page).toContain('No parcel needs attention.');
    expect(page).not.toContain('data-watch-count');

    const parcel = parcelOf(await html(session, `/admin/orders/${order.id}`), TRACKING);
    expect(parcel).not.toContain('data-exception');
    expect(parcel).toContain('<strong data-parcel-status="true">in transit</strong>');
    expect(parcel).toContain(`<dd data-expected="true">${EXPECTED_DATE}</dd>`);
    // The newest event first, the exception still in the history.
    const events = /<table data-tracking-events="true">[\s\S]*?<\/table>/.exec(parcel)?.[0] ?? '';
    expect(events.indexOf('Address corrected, on its way')).toBeGreaterThan(0);
    expect(events.indexOf('Address corrected, on its way')).toBeLessThan(events.indexOf(EXCEPTION.description));
  });
});

describe('voiding from the order page', () => {
  it('shows a refusal as an error message on the order page', async () => {
    const session = await logIn('operator');
    const response = await consolePage(world.hub.url, `/admin/orders/${order.id}/shipments/NO-SUCH-BOOKING/void`, formPost({ csrf: session.csrf }, session.cookie));
    expect(response.status).toBe(303);
    const location = response.headers.get('location') ?? '';
    expect(location).toMatch(new RegExp(`^/admin/orders/${order.id}\\?error=1&notice=`));
    const page = await html(session, location);
    expect(page).toContain('<p class="notice error" role="status">Shipment NO-SUCH-BOOKING not voided: no shipment NO-SUCH-BOOKING was booked for this order.</p>');
  });

  it('refuses it without the session\'s CSRF token, and to a role without shipments:manage', async () => {
    const operator = await logIn('operator');
    const path = `/admin/orders/${order.id}/shipments/NO-SUCH-BOOKING/void`;
    expect((await consolePage(world.hub.url, path, formPost({}, operator.cookie))).status).toBe(403);
    const integrator = await logIn('integrator');
    const refused = await consolePage(world.hub.url, path, formPost({ csrf: integrator.csrf }, integrator.cookie));
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain('may not shipments:manage');
  });
});
