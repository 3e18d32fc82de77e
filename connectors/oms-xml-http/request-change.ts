/**
 * Change requests: POST the rendered `ChangeRequest` to `<url>/orders/<OMS number>/changes`
 * with the change id as idempotency key; the OMS answers at once with a `ChangeResponse`
 * (ACCEPTED, or REFUSED with a reason). 4xx is permanent; 429, 5xx and network trouble
 * are transient.
 */
import {
  PermanentError, httpRequest, parseXmlSafely, raiseForStatus, safeUrl, xmlText,
  type ChangeAnswer, type ChangeRequest,
} from '../../src/sdk/index.js';
import type { OmsXmlConfig } from './config.js';
import { authHeaders, omsErrorText } from './post-order.js';

export async function requestChange(config: OmsXmlConfig, request: ChangeRequest): Promise<ChangeAnswer> {
  if (!request.payload) {
    throw new PermanentError(`change ${request.changeId}: this OMS instance has no change mapping`, {
      code: 'NO_CHANGE_MAPPING', hint: 'set mappings.changes of the instance (mappings/change-to-oms-xml.json), then replay',
    });
  }
  const url = `${config.url.replace(/\/$/, '')}/orders/${encodeURIComponent(request.externalRef)}/changes`;
  const response = await httpRequest(url, {
    method: 'POST', body: request.payload.body, timeoutMs: config.timeoutMs,
    headers: { 'content-type': request.payload.contentType, 'idempotency-key': request.idempotencyKey, accept: 'application/xml', ...authHeaders(config) },
  });
  const what = `OMS at ${safeUrl(url)} for change ${request.changeId} of order ${request.order.hubOrderId}`;
  if (response.status < 200 || response.status >= 300) raiseForStatus(response, what, omsErrorText(response.body));
  return readAnswer(response.body, what);
}

function readAnswer(body: string, what: string): ChangeAnswer {
  let reply: Record<string, unknown> | undefined;
  try {
    reply = parseXmlSafely(body).ChangeResponse as Record<string, unknown> | undefined;
  } catch {
    reply = undefined;
  }
  const status = xmlText(reply?.Status)?.toUpperCase();
  if (status === 'ACCEPTED') return { outcome: 'accepted' };
  if (status === 'REFUSED') return { outcome: 'refused', reason: xmlText(reply?.Reason) ?? 'no reason given' };
  if (status === 'PENDING') return { outcome: 'pending' };
  throw new PermanentError(`${what}: the reply has no ChangeResponse/Status the hub understands`, {
    code: 'BAD_CHANGE_REPLY', hint: 'check the OMS reply format, then replay',
  });
}
