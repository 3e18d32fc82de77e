/**
 * The mail sink simulator: a real SMTP server (the `smtp-server` package) standing in for
 * the mail relay customer notices are submitted to. It accepts every message, keeps it
 * (raw bytes and parsed with mailparser) for a test to read back or the demo to show,
 * and can answer the next messages with an error instead (451 deferred, 550 refused) to
 * prove retries and bounces.
 */
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface MailSinkOptions {
  /** 0 (default): a free port. */
  port?: number;
  /** Default `127.0.0.1`. */
  host?: string;
  /** Called with every message kept. */
  onMail?: (mail: ReceivedMail) => void;
}

export interface ReceivedMail {
  raw: string;
  parsed: ParsedMail;
  envelopeTo: string[];
}

export interface MailSink {
  port: number;
  messages(): ReceivedMail[];
  /** The next `count` messages are answered `code` (e.g. 451, 550) and not kept. */
  failNext(count: number, code: number, message?: string): void;
  /** Resolves with the first kept message matching `predicate`, or rejects after `timeoutMs`. */
  waitFor(predicate: (mail: ReceivedMail) => boolean, timeoutMs?: number, what?: string): Promise<ReceivedMail>;
  close(): Promise<void>;
}

export async function startMailSink(options: MailSinkOptions = {}): Promise<MailSink> {
  const kept: ReceivedMail[] = [];
  const failures: Array<{ code: number; message: string }> = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const failure = failures.shift();
        if (failure) {
          const error = Object.assign(new Error(failure.message), { responseCode: failure.code });
          return callback(error);
        }
        const raw = Buffer.concat(chunks).toString('utf8');
        simpleParser(raw).then((parsed) => {
          const mail = { raw, parsed, envelopeTo: session.envelope.rcptTo.map((r) => r.address) };
          kept.push(mail);
          options.onMail?.(mail);
          callback();
        }, callback);
      });
    },
  });
  server.on('error', () => undefined);
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve));
  const address = server.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    port,
    messages: () => [...kept],
    failNext(count, code, message = code >= 500 ? 'mailbox unavailable' : 'try again later') {
      for (let i = 0; i < count; i++) failures.push({ code, message });
    },
    async waitFor(predicate, timeoutMs = 10_000, what = 'a matching message') {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        const found = kept.find(predicate);
        if (found) return found;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; received: ${kept.map((m) => m.parsed.subject).join(' | ') || 'nothing'}`);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
