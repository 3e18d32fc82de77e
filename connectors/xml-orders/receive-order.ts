/**
 * One XML order POSTed to `/in/<instance>`: authenticate the exact bytes, then parse
 * them with the safe parser at the door (so malformed XML, DOCTYPE/entity bombs and
 * other documents are a 400 with nothing stored), and key the order by its `<OrderId>`
 * so the same order sent again is answered as a duplicate.
 */
import { BadInputError, type InboundRequest, type InboundResult } from '../../src/sdk/index.js';
import { authenticate } from './authenticate.js';
import type { XmlOrdersConfig } from './config.js';
import { xmlOrderId } from './order-id.js';
import { parseXmlOrder } from './parse-order.js';

export const ORDER_CONTENT_TYPE = 'application/xml';

export function receiveOrder(config: XmlOrdersConfig, request: InboundRequest, now = Date.now()): InboundResult {
  if (request.method !== 'POST') {
    throw new BadInputError('orders must be POSTed', { code: 'METHOD', status: 405, hint: 'POST the <Order> document to /in/<instance>' });
  }
  if (request.path !== '' && request.path !== '/') {
    throw new BadInputError(`nothing is served at ${request.path.slice(0, 60)}`, {
      code: 'NOT_FOUND', status: 404, hint: 'POST orders to /in/<instance> itself, without a sub-path',
    });
  }
  authenticate(config, request, now);
  const data = parseXmlOrder(request.body);
  const id = xmlOrderId(data);
  return {
    kind: 'order',
    envelope: { dedupKey: `order:${id}`, externalId: id, contentType: ORDER_CONTENT_TYPE, body: request.body, meta: { via: 'xml-post' }, data },
  };
}
