/**
 * The OpenAPI 3.1 description of the hub's HTTP interface (probes, inbound channel
 * routes, the JSON API, metrics and queue health), as a typed object, and the route
 * module that serves it at `GET /openapi.json`. Errors are RFC 9457 problem details.
 * Keep it beside api-routes.ts: a unit test fails when a route is missing here.
 */
import { Hono } from 'hono';

export type TypeName = 'object' | 'array' | 'string' | 'integer' | 'number' | 'boolean' | 'null';

export interface SchemaObject {
  type?: TypeName | TypeName[];
  description?: string;
  format?: string;
  enum?: string[];
  properties?: Record<string, SchemaObject>;
  required?: string[];
  items?: SchemaObject;
  additionalProperties?: boolean | SchemaObject;
  $ref?: string;
}

export interface ParameterObject {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  description?: string;
  schema: SchemaObject;
}

export interface MediaTypeObject {
  schema: SchemaObject;
}

export interface ResponseObject {
  description: string;
  content?: Record<string, MediaTypeObject>;
}

export interface OperationObject {
  operationId: string;
  summary: string;
  description?: string;
  tags: string[];
  parameters?: Array<ParameterObject | { $ref: string }>;
  requestBody?: { required: boolean; content: Record<string, MediaTypeObject> };
  responses: Record<string, ResponseObject>;
  security?: Array<Record<string, string[]>>;
}

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
export type PathItemObject = Partial<Record<Method, OperationObject>>;

export interface OpenApiDocument {
  openapi: '3.1.0';
  info: { title: string; version: string; description: string };
  servers: Array<{ url: string }>;
  tags: Array<{ name: string; description: string }>;
  paths: Record<string, PathItemObject>;
  components: {
    securitySchemes: Record<string, { type: 'http' | 'apiKey'; scheme?: string; in?: 'cookie' | 'header'; name?: string; description: string }>;
    parameters: Record<string, ParameterObject>;
    schemas: Record<string, SchemaObject>;
  };
  security: Array<Record<string, string[]>>;
}

const ref = (name: string): SchemaObject => ({ $ref: `#/components/schemas/${name}` });
const str = (description?: string): SchemaObject => (description ? { type: 'string', description } : { type: 'string' });
const int = (description?: string): SchemaObject => (description ? { type: 'integer', description } : { type: 'integer' });
const obj = (properties: Record<string, SchemaObject>, required: string[] = []): SchemaObject => ({ type: 'object', properties, required });
const list = (items: SchemaObject): SchemaObject => ({ type: 'array', items });

const json = (schema: SchemaObject, description: string): ResponseObject => ({ description, content: { 'application/json': { schema } } });
const problem = (description: string): ResponseObject => ({ description, content: { 'application/problem+json': { schema: ref('Problem') } } });
const path = (name: string, description: string): ParameterObject => ({ name, in: 'path', required: true, description, schema: str() });
const query = (name: string, description: string, schema: SchemaObject = str()): ParameterObject => ({ name, in: 'query', description, schema });

/** Answers every authenticated API route may give besides its own. */
const API_ERRORS: Record<string, ResponseObject> = {
  '401': problem('Not signed in: no valid API token or session cookie'),
  '403': problem('Signed in, but the role lacks the permission this route needs (or the CSRF token is missing)'),
  '503': problem('Redis is unreachable; try again shortly'),
};

const CSRF = { $ref: '#/components/parameters/csrfToken' };
const limit = (fallback: number) => query('limit', `How many at most (default ${fallback})`, int());
const FAILURE_FILTER = ['instance', 'stage', 'errorKind', 'errorCode'].map((name) => query(name, `Only dead letters with this ${name}`))
  .concat([query('since', 'Only dead letters from this ISO time on'), query('until', 'Only dead letters up to this ISO time')]);

/** An API operation: authenticated, with the permission it needs in its description. */
function api(operation: Omit<OperationObject, 'tags'> & { tag: string; permission: string; unsafe?: boolean }): OperationObject {
  const { tag, permission, unsafe, ...rest } = operation;
  return {
    ...rest,
    tags: [tag],
    description: `${rest.description ? `${rest.description}\n\n` : ''}Needs the permission \`${permission}\`.`,
    parameters: [...(rest.parameters ?? []), ...(unsafe ? [CSRF] : [])],
    responses: { ...rest.responses, ...API_ERRORS },
  };
}

const PUBLIC: Array<Record<string, string[]>> = [];

const paths: Record<string, PathItemObject> = {
  '/healthz': {
    get: {
      operationId: 'healthz', summary: 'Liveness: the process answers', tags: ['probes'], security: PUBLIC,
      responses: { '200': json(obj({ status: { type: 'string', enum: ['ok'] } }, ['status']), 'Alive') },
    },
  },
  '/readyz': {
    get: {
      operationId: 'readyz', summary: 'Readiness: Redis answers, is durable, and workers run; each check says why', tags: ['probes'], security: PUBLIC,
      responses: { '200': json(ref('Readiness'), 'Ready'), '503': json(ref('Readiness'), 'Not ready, with the failing checks') },
    },
  },
  '/metrics': {
    get: {
      operationId: 'metrics', summary: 'Prometheus metrics of this process', tags: ['observability'], security: PUBLIC,
      description: 'Text exposition format 0.0.4. See docs/operations.md for the metrics and example alert rules.',
      responses: {
        '200': { description: 'Metrics', content: { 'text/plain; version=0.0.4; charset=utf-8': { schema: str() } } },
        '404': problem('Metrics are not enabled in this process'),
      },
    },
  },
  '/openapi.json': {
    get: {
      operationId: 'openapi', summary: 'This document', tags: ['observability'], security: PUBLIC,
      responses: { '200': json({ type: 'object' }, 'The OpenAPI 3.1 document') },
    },
  },
  '/in/{instance}': {
    post: inbound('inbound', 'Hand a push from a channel (webhook, callback) to a connector instance'),
  },
  '/in/{instance}/{path}': {
    post: inbound('inboundPath', 'The same, with a sub-path the connector interprets (e.g. /status)'),
  },
  '/api/orders': {
    get: api({
      operationId: 'findOrders', summary: 'Find orders by confirmation code, e-mail, phone, or source and channel reference', tag: 'orders', permission: 'orders:read',
      description: 'Give exactly one of: confirmation; email; phone; source+ref. Searching by e-mail or phone needs orders:read-pii.',
      parameters: [
        query('confirmation', 'Confirmation code, as spoken or typed (case and separators do not matter)'),
        query('email', 'Customer e-mail (needs orders:read-pii)'),
        query('phone', 'Customer phone in E.164 (needs orders:read-pii)'),
        query('source', 'Connector instance id (with ref)'),
        query('ref', 'The channel\'s own order id (with source)'),
      ],
      responses: { '200': json(obj({ orders: list(ref('OrderSummary')) }, ['orders']), 'Matching orders'), '400': problem('No search key given') },
    }),
  },
  '/api/orders/{id}': {
    get: api({
      operationId: 'getOrder', summary: 'One order: canonical data, status, raw envelope reference and whole timeline', tag: 'orders', permission: 'orders:read',
      description: 'Personal data is masked unless the role has orders:read-pii.',
      parameters: [path('id', 'Hub order id (ULID)')],
      responses: { '200': json(ref('Order'), 'The order'), '404': problem('No such order') },
    }),
  },
  '/api/orders/{id}/raw': {
    get: api({
      operationId: 'getOrderRaw', summary: 'The exact bytes the channel sent, with their content type', tag: 'orders', permission: 'orders:read-pii',
      parameters: [path('id', 'Hub order id')],
      responses: { '200': { description: 'The raw envelope body', content: { '*/*': { schema: { type: 'string', format: 'binary' } } } }, '404': problem('No raw envelope') },
    }),
  },
  '/api/targets': {
    get: api({
      operationId: 'listTargets', summary: 'Each target: queue counts, pause state, circuit breaker, dead letters', tag: 'targets', permission: 'targets:read',
      responses: { '200': json(obj({ targets: list({ type: 'object' }) }, ['targets']), 'Targets') },
    }),
  },
  '/api/alerts': {
    get: api({
      operationId: 'listAlerts', summary: 'Each alert rule with its state (firing since, last notice sent)', tag: 'targets', permission: 'targets:read',
      responses: { '200': json(obj({ alerts: list({ type: 'object' }) }, ['alerts']), 'Alert rules and their state') },
    }),
  },
  '/api/targets/{id}/batches': {
    get: api({
      operationId: 'listBatches', summary: 'Recent batches of a batching (flat-file) target', tag: 'targets', permission: 'targets:read',
      parameters: [path('id', 'Target instance id'), limit(50)],
      responses: { '200': json(obj({ batches: list(ref('Batch')) }, ['batches']), 'Batches, newest first'), '404': problem('No batching target with this id') },
    }),
  },
  '/api/targets/{id}/batches/{batchId}/upload': {
    post: api({
      operationId: 'rerunUpload', summary: 'Re-run the upload of a sealed batch (force=true re-sends an uploaded file)', tag: 'targets', permission: 'targets:manage', unsafe: true,
      parameters: [path('id', 'Target instance id'), path('batchId', 'Batch id'), query('force', 'Re-send even if already uploaded', { type: 'string', enum: ['true', 'false'] })],
      responses: {
        '202': json(obj({ batchId: str(), queued: { type: 'boolean' } }, ['batchId', 'queued']), 'Upload queued'),
        '404': problem('No such target or batch'), '409': problem('The batch is still open'),
      },
    }),
  },
  '/api/targets/{id}/pause': {
    post: api({
      operationId: 'pauseTarget', summary: 'Hold a target\'s delivery queue', tag: 'targets', permission: 'targets:manage', unsafe: true,
      parameters: [path('id', 'Target instance id')],
      responses: { '200': json(ref('PauseState'), 'Paused'), '404': problem('No delivery target with this id') },
    }),
  },
  '/api/targets/{id}/resume': {
    post: api({
      operationId: 'resumeTarget', summary: 'Release a held delivery queue', tag: 'targets', permission: 'targets:manage', unsafe: true,
      parameters: [path('id', 'Target instance id')],
      responses: { '200': json(ref('PauseState'), 'Resumed'), '404': problem('No delivery target with this id') },
    }),
  },
  '/api/queues': {
    get: api({
      operationId: 'listQueues', summary: 'Health of every queue: counts, throughput, latency, oldest job, breaker, status and the rule behind it', tag: 'observability', permission: 'targets:read',
      responses: { '200': json(obj({ queues: list(ref('QueueHealth')) }, ['queues']), 'One entry per queue of the topology') },
    }),
  },
  '/api/orders/{id}/review/accept': {
    post: api({
      operationId: 'acceptReviewed', summary: 'Accept an order in review, optionally with corrected fields (OCR forms); it is judged again and delivered only if it now passes', tag: 'failures', permission: 'failures:replay', unsafe: true,
      parameters: [path('id', 'Hub order id')],
      requestBody: { required: false, content: { 'application/json': { schema: obj({ corrections: { type: 'object', additionalProperties: { type: 'string' }, description: 'field name → corrected text' } }) } } },
      responses: {
        '200': json(obj({ outcome: str(), target: str() }, ['outcome']), 'Accepted and routed'),
        '422': json(obj({ outcome: str(), reasons: list(str()) }, ['outcome', 'reasons']), 'Still doubtful: stays in review with these reasons'),
        '404': problem('No such order'), '409': problem('Not in review, or the connector cannot take corrections'),
      },
    }),
  },
  '/api/orders/{id}/review/reject': {
    post: api({
      operationId: 'rejectReviewed', summary: 'Reject an order in review, saying why (the customer is told)', tag: 'failures', permission: 'failures:replay', unsafe: true,
      parameters: [path('id', 'Hub order id')],
      requestBody: { required: true, content: { 'application/json': { schema: obj({ reason: str() }, ['reason']) } } },
      responses: { '200': json(obj({ outcome: str() }, ['outcome']), 'Rejected'), '400': problem('No reason given'), '404': problem('No such order'), '409': problem('Not in review') },
    }),
  },
  '/api/availability': {
    get: api({
      operationId: 'availability', summary: 'Units available now per SKU and DC (what the OMS last reported, less orders in flight), the restock date when none, in-stock alternatives', tag: 'orders', permission: 'stock:read',
      parameters: [
        query('sku', 'A SKU; repeat for several (up to 200)'), query('skus', 'Several SKUs, comma-separated'),
        query('store', 'A pickup store (routing.stores): each item then also says what the store has and what the DCs nearest to it have'),
      ],
      responses: { '200': json(obj({ items: list(ref('Availability')) }, ['items']), 'Availability per SKU asked'), '400': problem('No SKU, or too many; or a store that is not configured') },
    }),
  },
  '/api/orders/lookup/{confirmation}': {
    get: api({
      operationId: 'lookupOrder', summary: 'An order by its confirmation code as a customer may see it (state, lines, pickup store, shipments), without personal data; kiosks call it signed (docs/kiosks.md)', tag: 'orders', permission: 'orders:lookup',
      parameters: [path('confirmation', 'The code on the receipt')],
      responses: { '200': json({ type: 'object' }, 'The order\'s state, lines and shipments'), '404': problem('No order has this code, or it is not a code') },
    }),
  },
  '/api/orders/{id}/shipments': {
    get: api({
      operationId: 'orderShipments', summary: 'The labels the hub booked for an order and its shipments, each parcel with its carrier status, expected date, exception and newest events', tag: 'orders', permission: 'orders:read',
      parameters: [path('id', 'Hub order id')],
      responses: { '200': json(obj({ bookings: list({ type: 'object' }), shipments: list({ type: 'object' }) }, ['bookings', 'shipments']), 'Bookings and shipments'), '404': problem('No such order') },
    }),
    post: api({
      operationId: 'bookShipment', summary: 'Book parcels with a carrier instance (labels kept for printing); once per idempotent request, never a unit twice (docs/carriers.md)', tag: 'orders', permission: 'shipments:manage', unsafe: true,
      parameters: [path('id', 'Hub order id')],
      requestBody: { required: true, content: { 'application/json': { schema: obj({ instance: str('A carrier instance (ship role)'), service: str(), labelFormat: str('PDF or ZPL'), parcels: list(obj({ lines: list(obj({ lineId: str(), quantity: int() }, ['lineId', 'quantity'])), weightGrams: int() })) }, ['instance']) } } },
      responses: { '201': json({ type: 'object' }, 'The booking: carrier shipment id and each parcel\'s tracking number'), '400': problem('Not a carrier instance, or a bad parcel'), '404': problem('No such order'), '409': problem('Nothing left to ship, too many units, or the order cannot ship') },
    }),
  },
  '/api/orders/{id}/labels/{trackingNumber}': {
    get: api({
      operationId: 'parcelLabel', summary: 'A booked parcel\'s label, to print again (PDF or ZPL)', tag: 'orders', permission: 'shipments:manage',
      parameters: [path('id', 'Hub order id'), path('trackingNumber', 'The parcel\'s tracking number')],
      responses: { '200': { description: 'The label', content: { 'application/pdf': { schema: str() }, 'application/x-zpl': { schema: str() } } }, '404': problem('No label for this parcel of this order') },
    }),
  },
  '/api/orders/{id}/shipments/{shipmentId}/void': {
    post: api({
      operationId: 'voidShipment', summary: 'Void a booking\'s labels, until a parcel is with the carrier', tag: 'orders', permission: 'shipments:manage', unsafe: true,
      parameters: [path('id', 'Hub order id'), path('shipmentId', 'The carrier\'s shipment id')],
      responses: { '200': json({ type: 'object' }, 'The booking, voided'), '404': problem('No such order'), '409': problem('A parcel is already with the carrier') },
    }),
  },
  '/api/watch': {
    get: api({
      operationId: 'watchList', summary: 'Orders with a parcel in an exception (address problem, damage, delay, returned), with what the carrier said and its expected date', tag: 'orders', permission: 'orders:read',
      responses: { '200': json(obj({ orders: list({ type: 'object' }) }, ['orders']), 'The watch list, oldest first') },
    }),
  },
  '/api/devices': {
    get: api({
      operationId: 'listDevices', summary: 'Registered devices (kiosks) with their keys\' state and the highest contiguous order number each holds; never a secret', tag: 'devices', permission: 'devices:read',
      responses: { '200': json(obj({ devices: list({ type: 'object' }) }, ['devices']), 'Every device') },
    }),
    post: api({
      operationId: 'registerDevice', summary: 'Register a kiosk with its store; the answer shows its key\'s secret once', tag: 'devices', permission: 'devices:manage', unsafe: true,
      requestBody: { required: true, content: { 'application/json': { schema: obj({ id: str('1-40 letters, digits, _ and -'), store: str(), label: str() }, ['id', 'store']) } } },
      responses: { '201': json(obj({ device: { type: 'object' }, key: obj({ keyId: str(), secret: str() }, ['keyId', 'secret']) }, ['device', 'key']), 'Registered'), '400': problem('A bad id or store'), '409': problem('The id is taken'), '503': problem('devices.keySecret is not configured') },
    }),
  },
  '/api/devices/{id}': {
    get: api({
      operationId: 'getDevice', summary: 'One device', tag: 'devices', permission: 'devices:read',
      parameters: [path('id', 'Device id')],
      responses: { '200': json({ type: 'object' }, 'The device'), '404': problem('No such device') },
    }),
  },
  '/api/devices/{id}/keys': {
    post: api({
      operationId: 'rotateDeviceKey', summary: 'A new key for the device (secret shown once); its other keys keep working for the overlap', tag: 'devices', permission: 'devices:manage', unsafe: true,
      parameters: [path('id', 'Device id')],
      requestBody: { required: false, content: { 'application/json': { schema: obj({ overlapSeconds: int('Default devices.overlapSeconds') }) } } },
      responses: { '201': json(obj({ device: { type: 'object' }, key: obj({ keyId: str(), secret: str() }, ['keyId', 'secret']) }, ['device', 'key']), 'The new key'), '404': problem('No such device'), '409': problem('The device is revoked') },
    }),
  },
  '/api/devices/{id}/keys/{keyId}/revoke': {
    post: api({
      operationId: 'revokeDeviceKey', summary: 'The key stops working at once', tag: 'devices', permission: 'devices:manage', unsafe: true,
      parameters: [path('id', 'Device id'), path('keyId', 'Key id')],
      responses: { '200': json({ type: 'object' }, 'The device'), '404': problem('No such device') },
    }),
  },
  '/api/devices/{id}/revoke': {
    post: api({
      operationId: 'revokeDevice', summary: 'Every key of the device stops working at once, for good', tag: 'devices', permission: 'devices:manage', unsafe: true,
      parameters: [path('id', 'Device id')],
      responses: { '200': json({ type: 'object' }, 'The device'), '404': problem('No such device') },
    }),
  },
  '/api/customers': {
    get: api({
      operationId: 'findCustomers', summary: 'Find a customer by phone, e-mail, confirmation code, order number or the start of the name (docs/customers.md)', tag: 'orders', permission: 'orders:read-pii',
      parameters: [query('q', 'What the caller said: 2 to 200 characters')],
      responses: { '200': json(obj({ query: { type: 'object' }, customers: list(ref('CustomerCard')) }, ['query', 'customers']), 'At most 20 customers'), '400': problem('No or too long a question') },
    }),
  },
  '/api/customers/{id}': {
    get: api({
      operationId: 'getCustomer', summary: 'One customer: their card, their last 50 orders from every channel with live state, shipments and notices, and agents\' notes', tag: 'orders', permission: 'orders:read-pii',
      parameters: [path('id', 'Customer id')],
      responses: { '200': json(obj({ customer: ref('CustomerCard'), orders: list({ type: 'object' }), notes: list({ type: 'object' }) }, ['customer', 'orders', 'notes']), 'The customer'), '404': problem('No such customer') },
    }),
  },
  '/api/customers/{id}/notes': {
    post: api({
      operationId: 'addCustomerNote', summary: 'An agent\'s note on a customer (and on the timeline of the order it names)', tag: 'orders', permission: 'orders:read-pii', unsafe: true,
      parameters: [path('id', 'Customer id')],
      requestBody: { required: true, content: { 'application/json': { schema: obj({ text: str(), hubOrderId: str() }, ['text']) } } },
      responses: { '201': json(obj({ at: str(), author: str(), text: str() }, ['at', 'author', 'text']), 'The note'), '400': problem('No text, or too long'), '404': problem('No such customer, or the order is not theirs') },
    }),
  },
  '/api/cti/calls': {
    post: api({
      operationId: 'screenPop', summary: 'The phone system says who is calling for which agent; the hub finds the customer by the number (docs/customers.md)', tag: 'orders', permission: 'calls:pop', unsafe: true,
      requestBody: { required: true, content: { 'application/json': { schema: obj({ phone: str(), agent: str(), callId: str() }, ['phone', 'agent']) } } },
      responses: { '201': json(ref('ScreenPop'), 'The pop, kept for the agent'), '400': problem('No phone or agent') },
    }),
  },
  '/api/desk/orders': {
    post: api({
      operationId: 'keyOrder', summary: 'An order keyed by an agent: checked (catalog, address, token never a card number), priced from the catalog, captured as a phone order (docs/agent-desk.md)', tag: 'orders', permission: 'orders:change', unsafe: true,
      requestBody: { required: true, content: { 'application/json': { schema: obj({ nonce: str(), customer: { type: 'object' }, shipTo: { type: 'object' }, lines: list(obj({ sku: str(), quantity: int() }, ['sku'])), payment: obj({ token: str(), lastFour: str() }, ['token']) }, ['nonce', 'shipTo', 'lines']) } } },
      responses: {
        '202': json(obj({ hubOrderId: str(), confirmation: str(), duplicate: { type: 'boolean' } }, ['hubOrderId', 'confirmation', 'duplicate']), 'Captured'),
        '200': json(obj({ hubOrderId: str(), confirmation: str(), duplicate: { type: 'boolean' } }, ['hubOrderId', 'confirmation', 'duplicate']), 'The same nonce again: the order placed the first time'),
        '400': problem('Not an order document'), '422': problem('ORDER_NOT_READY: every problem, in words the agent can act on'),
      },
    }),
  },
  '/api/desk/calls': {
    get: api({
      operationId: 'deskCalls', summary: 'The signed-in agent\'s screen pops, newest first (the last 20, for an hour)', tag: 'orders', permission: 'orders:read-pii',
      responses: { '200': json(obj({ calls: list(ref('ScreenPop')) }, ['calls']), 'The pops') },
    }),
  },
  '/api/suggestions': {
    get: api({
      operationId: 'suggestions', summary: 'Items often bought with these (from the hub\'s own orders), in stock now, with the discount rule', tag: 'orders', permission: 'stock:read',
      parameters: [query('sku', 'A SKU; repeat for several (up to 200)'), query('skus', 'Several SKUs, comma-separated')],
      responses: { '200': json(obj({ boughtWith: list(str()), items: list(ref('Suggestion')) }, ['boughtWith', 'items']), 'Suggestions, best first'), '400': problem('No SKU, or too many') },
    }),
  },
  '/api/orders/{id}/changes': {
    get: api({
      operationId: 'listChanges', summary: 'The changes asked of an order, oldest first, with their state and the OMS\'s reason', tag: 'orders', permission: 'orders:read',
      parameters: [path('id', 'Hub order id')],
      responses: { '200': json(obj({ hubOrderId: str(), changes: list(ref('ChangeRecord')) }, ['hubOrderId', 'changes']), 'The changes'), '404': problem('No such order') },
    }),
    post: api({
      operationId: 'requestChange', summary: 'Change or cancel an order: judged against stock and what has shipped, then forwarded to the OMS (docs/changes.md)', tag: 'orders', permission: 'orders:change', unsafe: true,
      parameters: [path('id', 'Hub order id')],
      requestBody: { required: true, content: { 'application/json': { schema: obj({ via: str('The channel the customer used'), operations: list({ type: 'object' }) }, ['operations']) } } },
      responses: {
        '202': json(obj({ changeId: str(), state: str(), summary: str(), operations: list({ type: 'object' }), totals: { type: 'object' }, href: str() }, ['changeId', 'state', 'summary']), 'Recorded; on its way to the OMS'),
        '400': problem('Not a valid change request'), '404': problem('No such order'),
        '409': problem('NOT_CHANGEABLE or SHIPPED: the order or a line it touches can no longer change'),
        '422': problem('OUT_OF_STOCK (with stock and alternatives), NO_SUCH_LINE, NOTHING_TO_CHANGE, INVALID_RESULT'),
      },
    }),
  },
  '/api/filed': {
    get: api({
      operationId: 'listFiled', summary: 'Inbound items that are not orders (bounces, auto-replies, bulk mail, spam), newest first, with the reason', tag: 'failures', permission: 'failures:read',
      parameters: [limit(100)],
      responses: { '200': json(obj({ filed: list(ref('FiledItem')) }, ['filed']), 'Filed items') },
    }),
  },
  '/api/filed/{id}/raw': {
    get: api({
      operationId: 'getFiledRaw', summary: 'The original bytes of a filed item (the whole e-mail)', tag: 'failures', permission: 'orders:read-pii',
      parameters: [path('id', 'Filed item id')],
      responses: { '200': { description: 'The original bytes', content: { '*/*': { schema: { type: 'string', format: 'binary' } } } }, '404': problem('No such filed item') },
    }),
  },
  '/api/dead-letters': {
    get: api({
      operationId: 'listDeadLetters', summary: 'Jobs that failed for good, newest first, with what to do', tag: 'failures', permission: 'failures:read',
      parameters: [...FAILURE_FILTER, limit(500)],
      responses: { '200': json(obj({ deadLetters: list(ref('DeadLetter')) }, ['deadLetters']), 'Dead letters') },
    }),
  },
  '/api/dead-letters/replay': {
    post: api({
      operationId: 'replayMatching', summary: 'Replay every matching dead letter (dryRun=true previews what would happen)', tag: 'failures', permission: 'failures:replay', unsafe: true,
      parameters: [...FAILURE_FILTER, query('dryRun', 'Only preview', { type: 'string', enum: ['true', 'false'] })],
      responses: { '200': json({ type: 'object', description: '{ preview: { count, items } } on a dry run, else { replayed: ReplayResult[] }' }, 'Preview or replay results') },
    }),
  },
  '/api/dead-letters/{id}/preview': {
    get: api({
      operationId: 'previewDeadLetterVersions', summary: 'A delivery dead letter rendered with the mapping version it met and with the one loaded now, and their line diff', tag: 'failures', permission: 'failures:read',
      description: 'Nothing is sent or stored. Without `orders:read-pii` the order is masked before it is rendered (`masked: true`).',
      parameters: [path('id', 'Dead letter id (<queue>.<order id>)')],
      responses: {
        '200': json(ref('VersionPreview'), 'Both renders and the diff'),
        '404': problem('No such dead letter'),
        '409': problem('The dead letter does not concern a mapping version (code NOT_MAPPING_VERSIONED): not an order\'s delivery rendered by an outbound mapping, or the order is gone'),
      },
    }),
  },
  '/api/dead-letters/{id}/replay': {
    post: api({
      operationId: 'replayDeadLetter', summary: 'Replay one dead letter, with the mapping loaded now or pinned to a mapping version', tag: 'failures', permission: 'failures:replay', unsafe: true,
      description: 'Without a body the job runs with the mapping loaded now. `{ "mapping": "<id>@<version>" }` pins it: the worker renders with exactly that version from the mapping archive (one of `choices` of the preview). The delivery ledger keeps an order from being delivered twice either way.',
      parameters: [path('id', 'Dead letter id (<queue>.<order id>)')],
      requestBody: { required: false, content: { 'application/json': { schema: obj({ mapping: str('The mapping version to render with, `<mapping id>@<version>`') }) } } },
      responses: {
        '202': json(ref('ReplayResult'), 'Re-queued'),
        '400': problem('The body is not { "mapping": "<id>@<version>" } (BAD_REPLAY_BODY, BAD_MAPPING_REF)'),
        '404': problem('No such dead letter'),
        '409': problem('A version was chosen for a dead letter that concerns no mapping version (NOT_MAPPING_VERSIONED)'),
        '422': problem('The version is not in the mapping archive (MAPPING_VERSION_NOT_ARCHIVED), or the mapping is not the target\'s (MAPPING_NOT_OF_TARGET); the detail says which versions are kept'),
      },
    }),
  },
  '/api/dead-letters/{id}/discard': {
    post: api({
      operationId: 'discardDeadLetter', summary: 'Discard one dead letter, saying why', tag: 'failures', permission: 'failures:replay', unsafe: true,
      parameters: [path('id', 'Dead letter id')],
      requestBody: { required: true, content: { 'application/json': { schema: obj({ reason: str('Why (at least 3 characters)') }, ['reason']) } } },
      responses: { '200': json(obj({ discarded: str() }, ['discarded']), 'Discarded'), '400': problem('No reason given'), '404': problem('No such dead letter') },
    }),
  },
  '/api/acknowledgements': {
    get: api({
      operationId: 'listAcknowledgements', summary: 'Sent documents still waiting for the trading partner\'s acknowledgement (X12 997), soonest due first', tag: 'failures', permission: 'failures:read',
      parameters: [query('state', 'overdue: only those past their due time', { type: 'string', enum: ['overdue', 'awaiting'] }), limit(200)],
      responses: { '200': json(obj({ acknowledgements: list({ type: 'object' }) }, ['acknowledgements']), 'Awaited acknowledgements, each with overdue true or false') },
    }),
  },
  '/api/acknowledgements/{instance}/{key}': {
    get: api({
      operationId: 'getAcknowledgement', summary: 'One sent document and what its acknowledgement said', tag: 'failures', permission: 'failures:read',
      parameters: [path('instance', 'Connector instance id'), path('key', 'Document key (<partner>:<group control number>)')],
      responses: { '200': json({ type: 'object' }, 'The document: state awaiting, accepted, accepted-with-errors, partially-accepted, rejected or dismissed'), '404': problem('Not kept') },
    }),
  },
  '/api/acknowledgements/{instance}/{key}/dismiss': {
    post: api({
      operationId: 'dismissAcknowledgement', summary: 'Stop waiting for a document\'s acknowledgement (the partner confirmed another way)', tag: 'failures', permission: 'failures:replay', unsafe: true,
      parameters: [path('instance', 'Connector instance id'), path('key', 'Document key')],
      responses: { '200': json({ type: 'object' }, 'Dismissed'), '404': problem('Nothing waiting under this key') },
    }),
  },
  '/api/review': {
    get: api({
      operationId: 'reviewQueue', summary: 'Orders waiting for review, oldest first, with the reasons', tag: 'orders', permission: 'orders:read',
      parameters: [limit(200)],
      responses: { '200': json(obj({ orders: list(obj({ hubOrderId: str(), since: str(), reasons: list(str()), source: str() })) }, ['orders']), 'Orders needing review') },
    }),
  },
  '/api/audit': {
    get: api({
      operationId: 'auditLog', summary: 'Who did what, newest first', tag: 'audit', permission: 'audit:read',
      parameters: [limit(100)],
      responses: { '200': json(obj({ entries: list(obj({ at: str(), actor: str(), action: str(), subject: str(), detail: { type: 'object' } }, ['at', 'actor', 'action', 'subject'])) }, ['entries']), 'Audit entries') },
    }),
  },
};

function inbound(operationId: string, summary: string): OperationObject {
  return {
    operationId, summary, tags: ['inbound'], security: PUBLIC,
    description: 'Any method is accepted and passed to the connector, which verifies the request (e.g. a webhook signature). '
      + 'An order is captured durably before the answer.',
    parameters: [path('instance', 'Connector instance id'), ...(operationId === 'inboundPath' ? [path('path', 'Sub-path for the connector')] : [])],
    requestBody: { required: true, content: { '*/*': { schema: { type: 'string', format: 'binary' } } } },
    responses: {
      '200': json({ type: 'object', description: 'A duplicate order ({ status, hubOrderId, confirmation, duplicate: true }), applied status events ({ results }), or the connector\'s own reply' }, 'Duplicate, status events applied, or connector reply'),
      '202': json(ref('Capture'), 'Order captured'),
      '401': problem('The request could not be verified'),
      '404': problem('No inbound instance at this path, or a status event for an unknown order'),
      '413': problem('Body larger than the configured limit'),
      '503': problem('The order was not recorded; retry with the same payload'),
    },
  };
}

const schemas: Record<string, SchemaObject> = {
  Problem: obj({
    type: str(), title: str(), status: int(), detail: str(), code: str('Machine-readable error code'), hint: str('What a person can do about it'),
  }, ['type', 'title', 'status']),
  Readiness: obj({
    status: { type: 'string', enum: ['ready', 'not ready'] },
    checks: { type: 'object', additionalProperties: obj({ ok: { type: 'boolean' }, detail: str() }, ['ok', 'detail']) },
  }, ['status', 'checks']),
  Capture: obj({
    status: { type: 'string', enum: ['received'] }, hubOrderId: str(), confirmation: str('Short code a person can read over the phone'), duplicate: { type: 'boolean' },
  }, ['status', 'hubOrderId', 'confirmation', 'duplicate']),
  OrderSummary: obj({
    hubOrderId: str(), confirmation: str(), channel: str(), source: str(), externalId: str(), state: str(), createdAt: str(),
  }, ['hubOrderId', 'confirmation', 'state']),
  Order: obj({
    hubOrderId: str(), confirmation: str(), channel: str(), source: str(), externalId: str(), createdAt: str(), state: str(),
    status: { type: 'object' }, order: { type: ['object', 'null'], description: 'Canonical order; null until normalized' },
    flags: list(obj({ code: str('CARD_NUMBER_MASKED: a card number arrived with the order and was masked'), summary: str(), at: str(), paths: list(str()) }, ['code', 'summary', 'at'])),
    candidate: { type: 'object', description: 'What normalize made of an order needing review' },
    raw: { type: ['object', 'null'] }, timeline: list({ type: 'object' }),
  }, ['hubOrderId', 'confirmation', 'state', 'timeline']),
  Batch: obj({
    batchId: str(), target: str(), state: { type: 'string', enum: ['open', 'sealed', 'uploaded'] }, count: int(), createdAt: str(),
    fileName: str(), checksum: str(), uploadedAt: str(), orders: list(str()),
  }, ['batchId', 'target', 'state', 'count']),
  PauseState: obj({ target: str(), paused: { type: 'boolean' } }, ['target', 'paused']),
  DeadLetter: obj({
    id: str(), orderId: str(), stage: { type: 'string', enum: ['normalize', 'deliver', 'notify'] }, instance: str(), queue: str(), jobName: str(),
    errorKind: str(), errorCode: str(), message: str(), hint: str(), attempts: int(), at: str(),
    mapping: obj({ id: str(), version: str() }, ['id', 'version']),
  }, ['id', 'orderId', 'stage', 'instance', 'errorKind', 'message', 'hint']),
  VersionRender: obj({
    ref: str('<mapping id>@<version>'), id: str(), version: str(),
    outcome: { type: 'string', enum: ['rendered', 'failed', 'unavailable'], description: 'rendered: the payload the target would get; failed: the mapping refused the order; unavailable: the version is not in the mapping archive' },
    contentType: str(), body: str(), error: str(), text: str('What the diff compares: the body, or the error'),
  }, ['ref', 'id', 'version', 'outcome', 'text']),
  VersionPreview: obj({
    id: str(), orderId: str(), instance: str(), errorCode: str(), message: str(),
    old: { type: ['object', 'null'], description: 'The version the failed delivery rendered with (a VersionRender); null for dead letters from before versions were recorded' },
    current: ref('VersionRender'), same: { type: 'boolean', description: 'Old and current are the same version' },
    diff: str('Unified-style line diff, - old and + current; empty when both render the same'), masked: { type: 'boolean' },
    choices: list(str('A version a replay may be pinned to')),
  }, ['id', 'orderId', 'instance', 'old', 'current', 'same', 'diff', 'masked', 'choices']),
  Availability: obj({
    sku: str(), available: int(), byDc: { type: 'object', additionalProperties: { type: 'integer' } },
    availableByDc: { type: 'object', additionalProperties: { type: 'integer' } }, reserved: int(),
    expectedDate: str('When more is expected, when none is available'), known: { type: 'boolean' },
    alternatives: list(obj({ sku: str(), available: int() }, ['sku', 'available'])),
    store: obj({ id: str(), available: int() }, ['id', 'available']),
    nearby: list(obj({ dc: str(), available: int(), distanceKm: { type: ['integer', 'null'] } }, ['dc', 'available', 'distanceKm'])),
  }, ['sku', 'available', 'byDc', 'reserved', 'known', 'alternatives']),
  ScreenPop: obj({ callId: str(), at: str(), agent: str(), caller: str(), customer: ref('CustomerCard') }, ['callId', 'at', 'agent', 'caller']),
  CustomerCard: obj({
    id: str(), name: str(), email: str(), phone: str(), account: str(), lastOrderAt: str(), lastChannel: str(), orders: int(),
  }, ['id', 'orders']),
  Suggestion: obj({
    sku: str(), boughtWith: list(str()), orders: int(), support: { type: 'number' }, available: int(),
    discount: obj({ percent: { type: 'number' }, code: str() }, ['percent']),
  }, ['sku', 'boughtWith', 'orders', 'support', 'available']),
  ChangeRecord: obj({
    changeId: str(), seq: int(), state: { type: 'string', enum: ['queued', 'sent', 'accepted', 'refused'] }, summary: str(),
    operations: list({ type: 'object' }), requestedAt: str(), requestedBy: str(), via: str(), target: str(), settledAt: str(), reason: str(),
  }, ['changeId', 'seq', 'state', 'summary', 'operations', 'requestedAt', 'requestedBy', 'via']),
  FiledItem: obj({
    id: str(), source: str('The connector instance it arrived on'), kind: str('bounce, auto-reply, bulk, spam, too-large, …'),
    reason: str('Why it is not an order (no full addresses)'), contentType: str(), at: str(),
    meta: { type: 'object', additionalProperties: { type: 'string' } }, hubOrderId: str('The order it concerns (a bounced notice)'),
  }, ['id', 'source', 'kind', 'reason', 'at']),
  ReplayResult: obj({ id: str(), orderId: str(), queue: str(), jobId: str(), mapping: str('The mapping version the replay is pinned to, when it is') }, ['id', 'orderId', 'queue', 'jobId']),
  QueueHealth: obj({
    queue: str(), stage: { type: 'string', enum: ['normalize', 'deliver', 'notify', 'payment', 'poll'] }, instance: str(),
    status: { type: 'string', enum: ['healthy', 'degraded', 'failing'] }, rule: str('The rule that decided the status'),
    counts: obj({ waiting: int(), active: int(), delayed: int(), failed: int() }), paused: { type: 'boolean' },
    completedPerMinute: obj({ lastMinute: { type: 'number' }, lastHour: { type: 'number' } }),
    errorRate15m: { type: ['number', 'null'] }, attempts15m: { type: 'number' },
    latencyMs: obj({ p50: { type: ['number', 'null'] }, p95: { type: ['number', 'null'] }, samples: int() }),
    oldestWaitingSeconds: { type: ['integer', 'null'] }, deadLetters: int(),
    target: { type: 'object', description: 'Deliver and notify queues: { circuit, openUntil, lastSuccessAt, lastError }; null otherwise' },
  }, ['queue', 'stage', 'instance', 'status', 'rule', 'counts']),
};

export const openApiDocument: OpenApiDocument = {
  openapi: '3.1.0',
  info: {
    title: 'Order hub API',
    version: '0.1.0',
    description: 'Multichannel order-integration hub: inbound channel routes, the JSON API for orders, targets, failures and audit, '
      + 'probes and observability. Errors are RFC 9457 problem details (application/problem+json) with a `code` and a `hint`.',
  },
  servers: [{ url: '/' }],
  tags: [
    { name: 'probes', description: 'Liveness and readiness' },
    { name: 'inbound', description: 'Channels push orders and status events here' },
    { name: 'orders', description: 'Orders, their timelines and the review queue' },
    { name: 'targets', description: 'Delivery targets, batches, pause and resume' },
    { name: 'failures', description: 'Dead letters, replay and discard' },
    { name: 'audit', description: 'Operator actions' },
    { name: 'devices', description: 'In-store kiosks: registration, keys, rotation and revocation (docs/kiosks.md)' },
    { name: 'observability', description: 'Metrics, queue health, this document' },
  ],
  paths,
  components: {
    securitySchemes: {
      bearerAuth: { type: 'http', scheme: 'bearer', description: 'API token: `Authorization: Bearer <token>`' },
      cookieAuth: {
        type: 'apiKey', in: 'cookie', name: 'hub_session',
        description: 'Session cookie set by signing in. Unsafe methods (POST, PUT, PATCH, DELETE) also need the X-CSRF-Token header.',
      },
    },
    parameters: {
      csrfToken: {
        name: 'X-CSRF-Token', in: 'header', required: false, schema: str(),
        description: 'Required with a session cookie on unsafe methods; not needed with a bearer token.',
      },
    },
    schemas,
  },
  security: [{ bearerAuth: [] }, { cookieAuth: [] }],
};

/** `GET /openapi.json`: the document above. */
export function openApiRoutes(): Hono {
  const app = new Hono();
  app.get('/openapi.json', (c) => c.json(openApiDocument));
  return app;
}
