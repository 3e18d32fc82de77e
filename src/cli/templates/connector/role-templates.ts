/**
 * Templates of a new connector's role stubs, one file per role: each exports the
 * function the connector's `create` wires in, says in its header what that role must do,
 * and throws the "not written yet" error until it does.
 */
import type { ConnectorSpec, ScaffoldRole } from './connector-spec.js';

export interface RoleTemplate {
  /** The stub's file name in the connector's folder. */
  file: string;
  /** The instance property `create` returns for the role, as TypeScript source. */
  wiring: string;
  /** Names `index.ts` imports from the stub. */
  importName: string;
  source(spec: ConnectorSpec): string;
}

interface RoleShape {
  file: string;
  fn: string;
  /** The role's method name on the instance, as docs/connectors.md calls it. */
  method: string;
  params: string;
  sdkTypes: string[];
  returns: string;
  wiring: string;
  todo: string[];
}

const SHAPES: Record<ScaffoldRole, RoleShape> = {
  push: {
    file: 'receive-request.ts', fn: 'receiveRequest', method: 'receive',
    params: 'request: InboundRequest', sdkTypes: ['InboundRequest', 'InboundResult'], returns: 'Promise<InboundResult>',
    wiring: 'receive: async (request) => receiveRequest(config, request),',
    todo: [
      'Check the signature over the exact bytes (verifyHmacSha256, in constant time) and the',
      'timestamp against config.toleranceSeconds; throw UnauthorizedError when they fail.',
      'Parse the body (parseJsonBody or parseXmlSafely: BadInputError on bad input) and return',
      "{ kind: 'order', envelope: { dedupKey, externalId, contentType, body: request.body, data } }:",
      "the dedupKey is the sender's own order id, the same every time this order is seen.",
    ],
  },
  pull: {
    file: 'poll-orders.ts', fn: 'pollOrders', method: 'poll.run',
    params: 'cursor: string | undefined', sdkTypes: ['PollResult'], returns: 'Promise<PollResult>',
    wiring: 'poll: { intervalMs: config.intervalMs, run: (cursor) => pollOrders(config, cursor) },',
    todo: [
      'Ask config.url for what is new since the cursor (httpRequest, raiseForStatus) and return',
      '{ orders, cursor, more }: the hub records the orders first, then saves the cursor.',
    ],
  },
  deliver: {
    file: 'deliver-order.ts', fn: 'deliverOrder', method: 'deliver',
    params: 'delivery: Delivery', sdkTypes: ['Delivery', 'DeliveryResult'], returns: 'Promise<DeliveryResult>',
    wiring: 'deliver: (delivery) => deliverOrder(config, delivery),',
    todo: [
      'Send delivery.payload (the order rendered by the instance\'s outbound mapping) to config.url',
      'with delivery.idempotencyKey, the same on every attempt; return { externalRef }, the',
      "target's own order number. raiseForStatus makes 5xx/429 transient and 4xx permanent.",
    ],
  },
  notify: {
    file: 'notify-channel.ts', fn: 'notifyChannel', method: 'notify',
    params: 'notice: Notice', sdkTypes: ['Notice'], returns: 'Promise<void>',
    wiring: 'notify: (notice) => notifyChannel(config, notice),',
    todo: [
      "Tell the channel about notice.state (notice.status has the lines and shipments) with",
      'notice.idempotencyKey, so a repeated notice is dropped by the receiver.',
    ],
  },
};

export function roleTemplate(role: ScaffoldRole): RoleTemplate {
  const shape = SHAPES[role];
  return { file: shape.file, wiring: shape.wiring, importName: shape.fn, source: (spec) => roleSource(spec, shape) };
}

function roleSource(spec: ConnectorSpec, shape: RoleShape): string {
  const configType = `${spec.typeName}Config`;
  return `/**
 * ${spec.title}: ${shape.method}. Not written yet.
${shape.todo.map((line) => ` * ${line}`).join('\n')}
 */
import type { ${shape.sdkTypes.join(', ')} } from '${spec.sdkImport}';
import type { ${configType} } from './config.js';
import { notWrittenYet } from './not-written-yet.js';

export async function ${shape.fn}(config: ${configType}, ${shape.params}): ${shape.returns} {
  throw notWrittenYet('${shape.method}', '${shape.file}');
}
`;
}
