/**
 * `POST /admin/orders/:id/shipments` (`shipments:manage`): the order page's "Book a
 * label". Books as the API does (src/carriers/book-shipment.ts: every unit not yet shipped
 * or booked, in one parcel; same checks, same audit entry, the session's user as the
 * actor) and goes back to the order page, where the label can be printed; a refusal or a
 * carrier that did not answer comes back as an error message there.
 */
import { Hono, type Context } from 'hono';
import { bookShipment } from '../carriers/book-shipment.js';
import type { HubRuntime } from '../pipeline/runtime.js';
import { BadInputError, isHubError } from '../sdk/errors/index.js';
import type { AdminEnv } from './admin-env.js';
import { readForm } from './form.js';
import { requirePage } from './session.js';

export function bookLabelRoutes(runtime: HubRuntime): Hono<AdminEnv> {
  const app = new Hono<AdminEnv>();
  app.post('/:id/shipments', requirePage('shipments:manage'), async (c) => {
    const orderId = c.req.param('id');
    const form = await readForm(c);
    const labelFormat = form.labelFormat === 'ZPL' ? 'ZPL' : 'PDF';
    try {
      const booking = await bookShipment(runtime, orderId, {
        instance: form.instance ?? '', labelFormat, ...(form.service ? { service: form.service } : {}),
      }, c.get('principal').name);
      return backToOrder(c, orderId, `Booked with ${booking.carrier}: ${booking.parcels.map((p) => p.trackingNumber).join(', ')}. Print the label below.`);
    } catch (error) {
      if (!(error instanceof Error)) throw error;
      runtime.log.warn({ err: error, orderId }, 'console booking of a label failed');
      return backToOrder(c, orderId, refusalText(error), true);
    }
  });
  return app;
}

function refusalText(error: Error): string {
  if (error instanceof BadInputError || (isHubError(error) && error.kind === 'permanent')) return `No label booked: ${error.message}.`;
  return `The carrier did not answer (${error.message}); nothing was booked twice, try again shortly.`;
}

function backToOrder(c: Context<AdminEnv>, orderId: string, notice: string, error = false): Response {
  return c.redirect(`/admin/orders/${encodeURIComponent(orderId)}?${error ? 'error=1&' : ''}notice=${encodeURIComponent(notice)}`, 303);
}
