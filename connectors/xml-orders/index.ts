/**
 * XML order intake: systems that POST one order as an `<Order>` XML document over
 * HTTP (a B2B portal, a legacy storefront, a call-centre system), signed with a
 * shared secret. Orders in only; nothing is sent back but the hub's answer.
 */
import { defineConnector } from '../../src/sdk/index.js';
import { configSchema, type XmlOrdersConfig } from './config.js';
import { parseXmlOrder } from './parse-order.js';
import { receiveOrder } from './receive-order.js';

export default defineConnector<XmlOrdersConfig>({
  id: 'xml-orders',
  title: 'XML order intake',
  description: 'Orders POSTed one at a time as signed <Order> XML documents (Order XML v1), keyed by the sender\'s order id.',
  version: '1.0.0',
  roles: ['push'],
  configSchema,
  exampleConfig: { secret: { env: 'XML_ORDERS_SECRET' }, toleranceSeconds: 300 },
  create({ config }) {
    return {
      receive: async (request) => receiveOrder(config, request),
      parse: (raw) => parseXmlOrder(raw.body),
      async check() {
        return { ok: true, detail: 'push only: nothing to reach' };
      },
    };
  },
});
