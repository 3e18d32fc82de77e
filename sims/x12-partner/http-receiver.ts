/**
 * The partner's HTTP endpoint for the hub's documents: `POST /x12` with an X12 body
 * (`application/edi-x12`; `application/edi`, `text/plain` and octet streams are taken
 * too). It answers 200 once the text holds at least one interchange (its 997s go back
 * separately, as `ackVia` says), 400 when it holds none, 415 for another content type,
 * and the configured failure code for the next documents when a test asks for one.
 */
import { Hono } from 'hono';
import { listen, type RunningServer } from '../shared/http-server.js';

export const RECEIVE_PATH = '/x12';

const TAKEN_TYPES = /^(application\/(edi-x12|edi|octet-stream)|text\/plain)\b/i;

export interface HttpReceiverOptions {
  port?: number;
  host?: string;
  /** Takes the body; returns how many interchanges it read. */
  take(text: string): number;
}

export interface HttpReceiver {
  receiveUrl: string;
  /** Answers the next `count` documents with `code` (default 500) without taking them. */
  failNext(count: number, code?: number): void;
  close(): Promise<void>;
}

export async function startHttpReceiver(options: HttpReceiverOptions): Promise<HttpReceiver> {
  const failures: number[] = [];
  const app = new Hono();
  app.post(RECEIVE_PATH, async (c) => {
    const contentType = c.req.header('content-type') ?? '';
    if (contentType !== '' && !TAKEN_TYPES.test(contentType)) return c.text(`expected application/edi-x12, got ${contentType}`, 415);
    const failure = failures.shift();
    if (failure !== undefined) return c.text('simulated failure: send the document again', failure as 500);
    const read = options.take(await c.req.text());
    if (read === 0) return c.text('no X12 interchange (ISA … IEA) in the body', 400);
    return c.text(`received ${read} interchange${read === 1 ? '' : 's'}`, 200);
  });
  const server: RunningServer = await listen(app, { port: options.port ?? 0, host: options.host ?? '127.0.0.1' });
  return {
    receiveUrl: `${server.url}${RECEIVE_PATH}`,
    failNext(count, code = 500) {
      for (let i = 0; i < count; i++) failures.push(code);
    },
    close: () => server.close(),
  };
}
