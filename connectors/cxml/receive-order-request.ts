/**
 * One cXML document POSTed to `/in/<instance>`: read it safely, authenticate the
 * trading partner, and record the OrderRequest through the intake before answering, so
 * the buyer's 200 means the order is durable. Every answer is a cXML Response:
 *   200  a new order, or the same payloadID again (one order, the same answer);
 *   400  not readable, or authenticated but no order we can take (then it is filed, secret removed);
 *   401  the credentials do not check out (nothing stored);
 *   500  the hub could not record it: the buyer sends it again.
 */
import {
  BadInputError, NeedsReviewError, UnauthorizedError,
  type EnvelopeIn, type InboundRequest, type InboundResult, type Intake, type Logger,
} from '../../src/sdk/index.js';
import type { CxmlConfig, CxmlPartner } from './config.js';
import { authenticate } from './credentials.js';
import { orderData, type CxmlOrderData } from './order-data.js';
import { orderRequestFacts, type OrderRequestFacts } from './order-request.js';
import { readCxml, type XmlElement } from './read-cxml.js';
import { STORED_CONTENT_TYPE, withoutSharedSecrets } from './redact-secrets.js';
import { fileUnusable } from './file-unusable.js';
import { cxmlReply, refusalText, type ResponseStatus } from './response.js';

export interface CxmlReceiver {
  config: CxmlConfig;
  /** The `@host` of the payloadIDs of our answers. */
  host: string;
  log: Logger;
}

const XML_CONTENT_TYPE = /^\s*(?:text|application)\/xml\s*(?:;|$)/i;

export async function receiveOrderRequest(receiver: CxmlReceiver, request: InboundRequest, intake: Intake): Promise<InboundResult> {
  const wrongRoute = routeProblem(request);
  if (wrongRoute) return cxmlReply(receiver.host, wrongRoute);
  let root: XmlElement;
  let partner: CxmlPartner;
  try {
    root = readCxml(request.body);
    partner = authenticate(receiver.config, root);
  } catch (error) {
    return refused(receiver, error);
  }
  const stored = withoutSharedSecrets(request.body);
  let facts: OrderRequestFacts;
  try {
    facts = orderRequestFacts(root);
  } catch (error) {
    if (!(error instanceof BadInputError)) throw error;
    return fileUnusable(receiver, { root, partner, stored, error }, intake);
  }
  return recordOrder(receiver, envelopeFor(root, partner, facts, stored), intake);
}

function routeProblem(request: InboundRequest): ResponseStatus | undefined {
  if (request.path !== '' && request.path !== '/') {
    return { code: 404, detail: `nothing is served at ${request.path.slice(0, 60)}: POST cXML documents to the instance URL itself` };
  }
  if (request.method !== 'POST') return { code: 405, detail: 'cXML documents must be POSTed' };
  if (!XML_CONTENT_TYPE.test(request.headers['content-type'] ?? '')) {
    return { code: 415, detail: 'send the cXML document as Content-Type: text/xml (or application/xml); attachments (multipart) are not taken' };
  }
  return undefined;
}

function refused(receiver: CxmlReceiver, error: unknown): InboundResult {
  if (error instanceof UnauthorizedError) {
    receiver.log.warn({ code: error.code }, 'cXML document refused: credentials');
    return cxmlReply(receiver.host, { code: 401, detail: refusalText(error.message, error.hint) });
  }
  if (error instanceof BadInputError) {
    return cxmlReply(receiver.host, { code: error.status === 413 ? 413 : 400, detail: refusalText(error.message, error.hint) });
  }
  throw error;
}

function envelopeFor(root: XmlElement, partner: CxmlPartner, facts: OrderRequestFacts, stored: Buffer): EnvelopeIn {
  const data = dataFor(root, partner);
  return {
    dedupKey: `${partner.identity}:${facts.payloadID}`,
    externalId: facts.orderID,
    contentType: STORED_CONTENT_TYPE,
    body: stored,
    meta: {
      via: 'cxml', partner: partner.identity, partnerDomain: partner.domain,
      payloadID: facts.payloadID, orderID: facts.orderID, deploymentMode: facts.deploymentMode,
    },
    ...(data ? { data } : {}),
  };
}

/** The mapping's data; undefined for doubtful amounts, so the hub's own parse sends the order to review with the reasons. */
function dataFor(root: XmlElement, partner: CxmlPartner): CxmlOrderData | undefined {
  try {
    return orderData(root, partner);
  } catch (error) {
    if (error instanceof NeedsReviewError) return undefined;
    throw error;
  }
}

async function recordOrder(receiver: CxmlReceiver, envelope: EnvelopeIn, intake: Intake): Promise<InboundResult> {
  try {
    const receipt = await intake.order(envelope);
    receiver.log.info({ hubOrderId: receipt.hubOrderId, duplicate: receipt.duplicate, partner: envelope.meta?.partner }, 'cXML OrderRequest recorded');
    return cxmlReply(receiver.host, { code: 200 });
  } catch (error) {
    receiver.log.error({ err: error, partner: envelope.meta?.partner }, 'cXML OrderRequest could not be recorded');
    return cxmlReply(receiver.host, { code: 500, detail: 'the order could not be recorded just now: send the same document again (it is taken once, whatever the number of tries)' });
  }
}
