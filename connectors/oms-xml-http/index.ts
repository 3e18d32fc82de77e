/**
 * Legacy OMS over XML/HTTP: delivers rendered orders with an idempotency key, takes
 * signed status callbacks at `/in/<instance>/status`, and can poll the status feed.
 */
import {
  BadInputError, UnauthorizedError, defineConnector, httpRequest, raiseForStatus, verifyHmacSha256,
  type InboundRequest, type InboundResult,
} from '../../src/sdk/index.js';
import { configSchema, type OmsXmlConfig } from './config.js';
import { postOrder } from './post-order.js';
import { requestChange } from './request-change.js';
import { parseStatusCallback, parseStatusFeed } from './status-xml.js';
import { parseStockUpdate } from './stock-xml.js';

export default defineConnector<OmsXmlConfig>({
  id: 'oms-xml-http',
  title: 'Legacy OMS (XML over HTTP)',
  description: 'Delivers orders and change requests as XML with idempotency keys; receives status by signed callback or by polling a status feed.',
  version: '1.0.0',
  roles: ['deliver', 'change', 'status', 'push', 'pull'],
  configSchema,
  exampleConfig: { url: 'http://127.0.0.1:9101', callbackSecret: { env: 'OMS_CALLBACK_SECRET' } },
  create({ config }) {
    const poll = config.statusPoll;
    return {
      deliver: (delivery) => postOrder(config, delivery),
      requestChange: (request) => requestChange(config, request),
      receive: async (request) => receiveStatus(config, request),
      ...(poll ? { poll: { intervalMs: poll.intervalMs, run: (cursor: string | undefined) => pollStatusFeed(config, poll.pageSize, cursor) } } : {}),
      async check() {
        const response = await httpRequest(`${config.url.replace(/\/$/, '')}/healthz`, { timeoutMs: config.timeoutMs });
        return { ok: response.status === 200, detail: `OMS answered HTTP ${response.status}` };
      },
    };
  },
});

function receiveStatus(config: OmsXmlConfig, request: InboundRequest): InboundResult {
  if (!['/status', '/stock'].includes(request.path) || request.method !== 'POST') {
    throw new BadInputError('status callbacks are POSTed to /status, stock updates to /stock', { code: 'NOT_FOUND', status: 404 });
  }
  if (!config.callbackSecret) throw new UnauthorizedError('this instance takes no callbacks (no callbackSecret set)', { code: 'NO_SECRET' });
  const signature = request.headers['x-oms-signature']?.replace(/^sha256=/, '');
  if (!signature) throw new UnauthorizedError('missing X-OMS-Signature header', { code: 'MISSING_SIGNATURE' });
  if (!verifyHmacSha256(config.callbackSecret, request.body, signature, 'hex')) {
    throw new UnauthorizedError('X-OMS-Signature does not match the body', { code: 'BAD_SIGNATURE' });
  }
  if (request.path === '/stock') return { kind: 'stock', update: parseStockUpdate(request.body) };
  return { kind: 'status', events: parseStatusCallback(request.body) };
}

async function pollStatusFeed(config: OmsXmlConfig, pageSize: number, cursor: string | undefined) {
  const url = `${config.url.replace(/\/$/, '')}/status-feed?after=${encodeURIComponent(cursor ?? '0')}&limit=${pageSize}`;
  const response = await httpRequest(url, { timeoutMs: config.timeoutMs });
  raiseForStatus(response, 'OMS status feed');
  const { events, lastSequence } = parseStatusFeed(response.body);
  return { events, ...(lastSequence !== undefined ? { cursor: String(lastSequence) } : {}), more: events.length === pageSize };
}
