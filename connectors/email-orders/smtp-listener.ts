/**
 * The hub's SMTP listener, for mail routed straight to it (an MTA relaying the orders
 * address here). A message is answered `250` only after the hub has recorded it (an
 * order captured, or an item filed); if recording fails the answer is `451`, so the
 * sending server keeps the message and tries again, and nothing acknowledged is lost.
 * Plain SMTP without AUTH or STARTTLS: it is meant to listen on loopback or a private
 * network behind the MTA, which does the TLS, spam checks and authentication.
 */
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import type { Intake, Listening, Logger } from '../../src/sdk/index.js';
import type { SmtpListenerSettings } from './config.js';
import type { MailOutcome } from './intake-message.js';

export interface SmtpListenerOptions {
  settings: SmtpListenerSettings;
  instanceId: string;
  maxMessageBytes: number;
  log: Logger;
  intake: Intake;
  read(bytes: Buffer, meta: Record<string, string>): Promise<MailOutcome>;
}

type SmtpError = Error & { responseCode: number };

function smtpError(code: number, message: string): SmtpError {
  return Object.assign(new Error(message), { responseCode: code });
}

export async function startSmtpListener(options: SmtpListenerOptions): Promise<Listening> {
  const { settings } = options;
  const accepted = new Set(settings.recipients.map((r) => r.toLowerCase()));
  const server = new SMTPServer({
    name: 'order-hub',
    banner: 'order hub mail intake',
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    size: options.maxMessageBytes,
    logger: false,
    disableReverseLookup: true,
    // At shutdown, sessions still open after this are cut: a message not yet answered 250 is
    // not acknowledged, and its sender delivers it again.
    closeTimeout: 5_000,
    onRcptTo(address, _session, callback) {
      if (accepted.size > 0 && !accepted.has(address.address.toLowerCase())) {
        return callback(smtpError(550, '5.1.1 no such mailbox here: this server takes orders only'));
      }
      callback();
    },
    onData(stream, session, callback) {
      readStream(stream, options.maxMessageBytes)
        .then((bytes) => {
          if (stream.sizeExceeded || bytes.length > options.maxMessageBytes) throw smtpError(552, `5.3.4 message larger than ${options.maxMessageBytes} bytes`);
          return record(options, bytes, session);
        })
        .then((answer) => callback(null, answer), (error: unknown) => callback(asSmtpError(options, error)));
    },
  });
  server.on('error', (error) => options.log.warn({ connector: options.instanceId, err: error }, 'SMTP listener error'));
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(settings.port, settings.host, () => {
      server.server.off('error', reject);
      resolve();
    });
  });
  const address = server.server.address();
  const port = typeof address === 'object' && address ? address.port : settings.port;
  return {
    address: `smtp://${settings.host}:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The message bytes; past `maxBytes` the rest is read and dropped (the answer is 552). */
function readStream(stream: SMTPServerDataStream, maxBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let length = 0;
    stream.on('data', (chunk: Buffer) => {
      length += chunk.length;
      if (length <= maxBytes) chunks.push(chunk);
    });
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
  });
}

/** Records the message; the text is what the sending server logs after `250`. */
async function record(options: SmtpListenerOptions, bytes: Buffer, session: SMTPServerSession): Promise<string> {
  const outcome = await options.read(bytes, { session: session.id });
  if (outcome.kind === 'filed') {
    const receipt = await options.intake.file(outcome.item);
    return `2.0.0 accepted, filed as ${receipt.filedId} (${outcome.item.kind})`;
  }
  if (outcome.kind === 'change') {
    const receipt = await options.intake.change(outcome.ask);
    return `2.0.0 accepted, change request ${receipt.outcome}${receipt.outcome === 'asked' ? ` as ${receipt.id}` : ''}`;
  }
  const receipt = await options.intake.order(outcome.envelope);
  return `2.0.0 accepted, order ${receipt.confirmation}${receipt.duplicate ? ' (already received)' : ''}`;
}

function asSmtpError(options: SmtpListenerOptions, error: unknown): SmtpError {
  if (error instanceof Error && typeof (error as Partial<SmtpError>).responseCode === 'number') return error as SmtpError;
  options.log.warn({ connector: options.instanceId, err: error }, 'mail could not be recorded; the sender was told to try again');
  return smtpError(451, '4.3.0 the order could not be recorded right now; please try again later');
}
