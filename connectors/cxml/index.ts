/**
 * cXML purchase orders (B2B): buyers' procurement systems (Ariba-style) POST cXML 1.2
 * OrderRequests, authenticated by the trading partner's shared secret; each is recorded
 * before the synchronous cXML Response, once per payloadID. Status goes back as cXML
 * documents: a ConfirmationRequest when the OMS confirms, backorders or rejects, a
 * ShipNoticeRequest per shipment. See docs/b2b.md.
 */
import { defineConnector } from '../../src/sdk/index.js';
import { configSchema, type CxmlConfig } from './config.js';
import { parseStoredOrder } from './order-data.js';
import { checkPartners } from './partners.js';
import { payloadHost } from './payload-id.js';
import { receiveOrderRequest } from './receive-order-request.js';
import { sendNotice } from './send-notice.js';

export default defineConnector<CxmlConfig>({
  id: 'cxml',
  title: 'cXML purchase orders (B2B)',
  description: 'Purchase orders from buyers\' procurement systems as cXML 1.2 OrderRequests (shared-secret credentials, synchronous cXML Response, one order per payloadID); confirmations and ship notices back as cXML.',
  version: '1.0.0',
  roles: ['push', 'notify'],
  configSchema,
  exampleConfig: {
    supplier: { identity: 'AN01000000001', domain: 'NetworkID' },
    partners: [{
      identity: 'AN01000000087', domain: 'NetworkID', name: 'Acme Industrial',
      sharedSecret: { env: 'CXML_ACME_SHARED_SECRET' }, postUrl: 'https://procurement.acme.example/cxml/inbound',
    }],
    timeoutMs: 10000,
  },
  create({ config, log }) {
    checkPartners(config);
    const host = payloadHost(config.supplier);
    return {
      receive: (request, intake) => receiveOrderRequest({ config, host, log }, request, intake),
      parse: (raw) => parseStoredOrder(raw),
      notify: (notice) => sendNotice({ config, host }, notice),
      // Each confirmation and ship notice is a document of its own: none is dropped because a newer one went first.
      notices: 'every-change',
      async check() {
        const posting = config.partners.filter((partner) => partner.postUrl).length;
        return { ok: true, detail: `${config.partners.length} trading partner(s), ${posting} taking status documents` };
      },
    };
  },
});
