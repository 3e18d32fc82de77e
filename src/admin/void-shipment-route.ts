/**
 * `POST /admin/orders/:id/shipments/:shipmentId/void` (`shipments:manage`): the order
 * page's Void button. Voids a booked shipment's labels as the API does
 * (src/carriers/void-shipment.ts: same checks, same audit entry, the session's user as
 * the actor) and redirects back to the order page with a notice; a refusal (a parcel
 * already with the carrier, an unknown booking) or a carrier that did not answer comes
 * back as an error message there.
 */
import { Hono, type Context } from 'hono';
import { voidShipment } from '../carriers/void-shipment.js';
import type { HubRuntime } from '../pipeline/runtime.js';
import { BadInputError } from '../sdk/errors/index.js';
import type { AdminEnv } from './admin-env.js';
import { requirePage } from './session.js';

export function voidShipmentRoutes(runtime: HubRuntime): Hono<AdminEnv> {
  const app = new Hono<AdminEnv>();
  app.post('/:id/shipments/:shipmentId/void', requirePage('shipments:manage'), async (c) => {
    const orderId = c.req.param('id');
    const shipmentId = c.req.param('shipmentId');
    try {
      await voidShipment(runtime, orderId, shipmentId, c.get('principal').name);
      return backToOrder(c, orderId, `Labels of shipment ${shipmentId} voided.`);
    } catch (error) {
      if (!(error instanceof Error)) throw error;
      runtime.log.warn({ err: error, orderId, shipmentId }, 'console void of a shipment failed');
      return backToOrder(c, orderId, refusalText(shipmentId, error), true);
    }
  });
  return app;
}

function refusalText(shipmentId: string, error: Error): string {
  if (error instanceof BadInputError) return `Shipment ${shipmentId} not voided: ${error.message}.`;
  return `The carrier did not void shipment ${shipmentId} (${error.message}); try again shortly.`;
}

function backToOrder(c: Context<AdminEnv>, orderId: string, notice: string, error = false): Response {
  return c.redirect(`/admin/orders/${encodeURIComponent(orderId)}?${error ? 'error=1&' : ''}notice=${encodeURIComponent(notice)}`, 303);
}
