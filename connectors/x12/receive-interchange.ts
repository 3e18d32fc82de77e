/**
 * One interchange POSTed to `/in/<instance>` by a trading partner, with its bearer
 * token: judged, recorded through the intake, and answered at once with our TA1/997
 * interchange, so the partner's 200 means its orders are durable. Answers:
 *   200  the interchange was taken (the body is the 997; empty when it held only acknowledgements);
 *   400  rejected as a whole (the body is the TA1 R) or unreadable (kept for a person);
 *   401  no token, or a token no partner holds;  403  the ISA sender is not the token's partner;
 *   500  the hub could not record it: the partner sends it again, and it is taken once.
 */
import { UnauthorizedError, type Acknowledgements, type InboundRequest, type InboundResult, type Intake, type Logger } from '../../src/sdk/index.js';
import { partnerOfToken } from './authenticate-partner.js';
import type { X12Config, X12Partner } from './config.js';
import { judgeInterchange, type Judge, type Judgement } from './judge-interchange.js';
import { partnerLabel } from './partners.js';
import { recordJudgement } from './record-judgement.js';
import { X12_CONTENT_TYPE } from './send-to-partner.js';

export interface X12Receiver extends Judge {
  acknowledgements: Acknowledgements;
  log: Logger;
}

const X12_BODY = /^\s*(?:application\/(?:edi-x12|edi|octet-stream)|text\/plain)\s*(?:;|$)/i;

export async function receiveInterchange(receiver: X12Receiver, request: InboundRequest, intake: Intake): Promise<InboundResult> {
  const wrongRoute = routeProblem(request);
  if (wrongRoute) return wrongRoute;
  let partner: X12Partner;
  try {
    partner = partnerOfToken(receiver.config, request);
  } catch (error) {
    if (!(error instanceof UnauthorizedError)) throw error;
    receiver.log.warn({ code: error.code }, 'X12 interchange refused: token');
    return text(401, `${error.message}: ${error.hint}`);
  }
  const judgement = await judgeInterchange(receiver, request.body, request.receivedAt);
  const sender = senderProblem(judgement, partner);
  if (sender) return text(403, sender);
  try {
    await recordJudgement(receiver, judgement, intake);
  } catch (error) {
    receiver.log.error({ err: error, partner: partner.id }, 'X12 interchange could not be recorded');
    return text(500, 'the interchange could not be recorded just now: send it again (its orders are taken once, whatever the number of tries)');
  }
  if (judgement.kind === 'unreadable') return text(400, `${judgement.reason}; it is kept for a person to look at`);
  if (judgement.kind !== 'judged') return text(403, judgement.reason);
  const status = judgement.rejected ? 400 : 200;
  receiver.log.info({ partner: partner.id, interchange: judgement.header.controlNumber, orders: judgement.orders.length, filed: judgement.filed.length }, 'X12 interchange received');
  return { kind: 'reply', status, body: judgement.answer ?? '', contentType: X12_CONTENT_TYPE };
}

function routeProblem(request: InboundRequest): InboundResult | undefined {
  if (request.path !== '' && request.path !== '/') return text(404, `nothing is served at ${request.path.slice(0, 60)}: POST interchanges to the instance URL itself`);
  if (request.method !== 'POST') return text(405, 'interchanges must be POSTed');
  if (!X12_BODY.test(request.headers['content-type'] ?? '')) return text(415, 'send the interchange as Content-Type: application/edi-x12 (or application/edi, text/plain)');
  return undefined;
}

/** An interchange must come from the partner whose token came with it. Nothing is recorded otherwise. */
function senderProblem(judgement: Judgement, partner: X12Partner): string | undefined {
  if (judgement.kind === 'unreadable') return undefined;
  if (judgement.kind === 'judged' && judgement.partner === partner) return undefined;
  const header = judgement.header;
  return `the interchange's sender (ISA05/ISA06 ${header.senderQualifier}/${header.senderId}) is not ${partnerLabel(partner)}, whose token came with it: send interchanges under your own interchange id`;
}

function text(status: number, body: string): InboundResult {
  return { kind: 'reply', status, body, contentType: 'text/plain; charset=utf-8' };
}
