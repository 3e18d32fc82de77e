/**
 * Orders keyed by call-centre agents on the hub's own desk (`/admin/desk/orders/new`):
 * the desk captures them through this instance, so they take the same path as every
 * channel's orders (capture, dedup, mapping, validation, routing) with the instance's
 * channel (`phone`) and mapping (`mappings/desk-order-to-canonical.json`). Nothing to
 * reach outside the hub; the data is the desk form's JSON.
 */
import { defineConnector, parseJsonBody } from '../../src/sdk/index.js';

export default defineConnector<Record<string, never>>({
  id: 'agent-desk',
  title: 'Agent desk (orders keyed by agents)',
  description: 'Orders that call-centre agents key on the hub\'s desk pages, as JSON, with the agent as their author.',
  version: '1.0.0',
  roles: ['keyed'],
  configSchema: { type: 'object', additionalProperties: false, properties: {} },
  exampleConfig: {},
  create() {
    return {
      parse: (raw) => parseJsonBody(raw.body),
      async check() {
        return { ok: true, detail: 'orders come from the hub\'s own desk: nothing to reach' };
      },
    };
  },
});
