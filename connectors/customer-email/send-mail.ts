/**
 * Submits one rendered notice over SMTP (nodemailer) and turns what the server says
 * into the hub's typed errors: a 4xx answer or a network failure is transient (the
 * notify job retries), a 5xx answer (the address is refused: a bounce at submission)
 * or refused credentials are permanent (a dead letter saying what to do).
 *
 * The Message-ID is derived from the notice's idempotency key, so a notice that is sent
 * again after a crash between the server's "250 OK" and the hub's ledger carries the same
 * Message-ID: the copy is recognisable as the same message (and many mail stores drop it).
 */
import nodemailer, { type Transporter } from 'nodemailer';
import { PermanentError, TransientError } from '../../src/sdk/index.js';
import type { SmtpSettings } from './config.js';

export interface OutgoingNotice {
  from: string;
  to: { name?: string; address: string };
  replyTo?: string;
  subject: string;
  text: string;
  html: string;
  /** Same on every attempt of this notice. */
  idempotencyKey: string;
  hubOrderId: string;
}

export interface SentNotice {
  messageId: string;
  /** The server's answer, e.g. `250 2.0.0 Ok: queued`. */
  response: string;
}

export function createMailer(smtp: SmtpSettings): Transporter {
  return nodemailer.createTransport({
    host: smtp.host,
    port: smtp.port,
    secure: smtp.secure,
    requireTLS: smtp.requireTls,
    ...(smtp.user ? { auth: { user: smtp.user, pass: smtp.password ?? '' } } : {}),
    connectionTimeout: smtp.timeoutMs,
    greetingTimeout: smtp.timeoutMs,
    socketTimeout: smtp.timeoutMs,
  });
}

/** `<key.with.dots@domain>`: stable per notice, the domain taken from the sender. */
export function messageIdFor(idempotencyKey: string, from: string): string {
  const domain = /@([^>\s]+)>?\s*$/.exec(from)?.[1] ?? 'order-hub.invalid';
  return `<${idempotencyKey.replace(/[^A-Za-z0-9.-]/g, '.')}@${domain}>`;
}

export async function sendNotice(mailer: Transporter, notice: OutgoingNotice, instanceId: string): Promise<SentNotice> {
  const messageId = messageIdFor(notice.idempotencyKey, notice.from);
  try {
    const info = await mailer.sendMail({
      from: notice.from,
      to: notice.to,
      ...(notice.replyTo ? { replyTo: notice.replyTo } : {}),
      subject: notice.subject,
      text: notice.text,
      html: notice.html,
      messageId,
      headers: {
        // RFC 3834: a notice is machine-made; auto-responders must not answer it.
        'Auto-Submitted': 'auto-generated',
        'X-Hub-Order': notice.hubOrderId,
        'X-Hub-Notice': notice.idempotencyKey,
      },
    });
    return { messageId, response: String(info.response ?? '') };
  } catch (error) {
    throw classify(error, notice.hubOrderId, instanceId);
  }
}

interface SmtpFailure {
  code?: string;
  responseCode?: number;
  response?: string;
  message?: string;
}

function classify(error: unknown, orderId: string, instanceId: string): Error {
  const failure = (error ?? {}) as SmtpFailure;
  const said = failure.response ?? failure.message ?? String(error);
  const what = `notice for order ${orderId} via ${instanceId}`;
  if (failure.code === 'EAUTH') {
    return new PermanentError(`${what}: the SMTP server refused the credentials: ${said}`, {
      code: 'SMTP_AUTH', hint: 'check smtp.user and the password in the environment, then replay', cause: error,
    });
  }
  const status = failure.responseCode;
  if (status !== undefined && status >= 500) {
    return new PermanentError(`${what}: the SMTP server refused it (${said})`, {
      code: 'SMTP_REJECTED', hint: 'the customer\'s address was refused: correct it on the order, then replay', cause: error,
    });
  }
  return new TransientError(`${what}: ${status !== undefined ? `the SMTP server deferred it (${said})` : `SMTP unreachable (${said})`}`, {
    code: status !== undefined ? 'SMTP_DEFERRED' : 'SMTP_UNREACHABLE', cause: error,
  });
}
