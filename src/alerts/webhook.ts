/**
 * Posts one alert notice as JSON to one webhook, signed (`X-Hub-Timestamp`,
 * `X-Hub-Signature-256` over "<ts>.<body>", like status callbacks) when the webhook
 * has a secret. Any answer but 2xx, a timeout or a network error is a failure.
 */
import type { AlertWebhook } from '../config/hub-config.js';
import { httpRequest, safeUrl } from '../sdk/http-client.js';
import { signCallback } from '../sdk/signature.js';
import type { Notice } from './decide.js';

export interface AlertPayload {
  alert: string;
  status: Notice;
  message: string;
  /** ISO time the alert started firing. */
  since: string;
  /** ISO time of this notice. */
  at: string;
  facts: Record<string, unknown>;
}

export async function postAlert(webhook: AlertWebhook, payload: AlertPayload, timeoutMs: number, now = new Date()): Promise<void> {
  const body = JSON.stringify(payload);
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    ...(webhook.secret ? signCallback(webhook.secret, body, now) : {}),
  };
  const response = await httpRequest(webhook.url, { method: 'POST', headers, body, timeoutMs });
  if (response.status < 200 || response.status >= 300) {
    throw new Error(`alert webhook ${safeUrl(webhook.url)} answered HTTP ${response.status}`);
  }
}

export interface WarnLog {
  warn(fields: Record<string, unknown>, message: string): void;
}

/** Posts to every webhook; true when all took it. Failures are logged, never thrown. */
export async function postToAll(
  webhooks: AlertWebhook[], payload: AlertPayload, timeoutMs: number, log: WarnLog,
): Promise<boolean> {
  const results = await Promise.allSettled(webhooks.map((hook) => postAlert(hook, payload, timeoutMs)));
  results.forEach((result, i) => {
    if (result.status === 'rejected') {
      log.warn({ stage: 'alerts', alert: payload.alert, webhook: safeUrl(webhooks[i]!.url), err: result.reason }, 'alert webhook failed; the next evaluation tries again');
    }
  });
  return results.every((r) => r.status === 'fulfilled');
}
