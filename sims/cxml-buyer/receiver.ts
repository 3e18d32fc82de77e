/**
 * The buyer's cXML endpoint (its postUrl): takes ConfirmationRequest and
 * ShipNoticeRequest documents from the supplier, checks they are addressed to it and
 * carry the shared secret, keeps every one with the code it answered, and answers a
 * cXML Response 200 (401 for wrong credentials, 400 for a document it cannot read). A
 * test can make it answer the next documents with a failure (500) to see them retried.
 */
import { Hono } from 'hono';
import { listen, type RunningServer } from '../shared/http-server.js';
import { Notifier, waitUntil } from '../shared/wait.js';
import { readDocument, type DocumentFacts } from './read-document.js';
import { renderResponse } from './response.js';
import type { CxmlParty, ReceivedDocument } from './types.js';
import { childOf, listOf, parseCxml, textOf, attrOf, type XmlValue } from './xml.js';

export interface CxmlBuyerOptions {
  /** The buyer's own identity: `To` of the documents it takes. */
  buyer: CxmlParty;
  sharedSecret: string;
  port?: number;
  host?: string;
}

export interface CxmlBuyerSim {
  url: string;
  /** Where the supplier POSTs status documents: the partner's postUrl. */
  postUrl: string;
  documents(): ReceivedDocument[];
  /** Answers the next `count` documents with `code` (default 500) instead of taking them. */
  failNext(count: number, code?: number): void;
  waitFor(predicate: (document: ReceivedDocument) => boolean, timeoutMs?: number): Promise<ReceivedDocument>;
  close(): Promise<void>;
}

export const POST_PATH = '/cxml/inbound';

export async function startCxmlBuyer(options: CxmlBuyerOptions): Promise<CxmlBuyerSim> {
  const received: ReceivedDocument[] = [];
  const accepted = new Set<string>();
  const failures: number[] = [];
  const changed = new Notifier();
  const app = new Hono();
  app.post(POST_PATH, async (c) => {
    const xml = await c.req.text();
    const answer = take(xml);
    return c.body(renderResponse(answer.code, answer.text, answer.detail), answer.code as 200, { 'content-type': 'text/xml; charset=UTF-8' });
  });
  app.get('/_sim/documents', (c) => c.json({ documents: received.map(({ xml: _xml, ...rest }) => rest) }));

  function take(xml: string): { code: number; text: string; detail?: string } {
    let root: XmlValue;
    try {
      root = childOf(parseCxml(xml), 'cXML');
    } catch (error) {
      return { code: 400, text: 'Bad Request', detail: (error as Error).message };
    }
    const refusal = credentialProblem(root, options);
    if (refusal) return { code: 401, text: 'Unauthorized', detail: refusal };
    const facts = readDocument(root);
    const failure = failures.shift();
    const code = failure ?? 200;
    record(facts, xml, code);
    if (failure !== undefined) return { code, text: 'Internal Server Error', detail: 'simulated failure: send the document again' };
    return { code, text: 'OK' };
  }

  function record(facts: DocumentFacts, xml: string, code: number): void {
    const duplicate = accepted.has(facts.payloadID);
    if (code >= 200 && code < 300) accepted.add(facts.payloadID);
    received.push({ ...facts, receivedAt: new Date().toISOString(), answered: code, duplicate, xml });
    changed.notify();
  }

  const server: RunningServer = await listen(app, { port: options.port ?? 0, host: options.host ?? '127.0.0.1' });
  return {
    url: server.url,
    postUrl: `${server.url}${POST_PATH}`,
    documents: () => [...received],
    failNext(count, code = 500) {
      for (let i = 0; i < count; i++) failures.push(code);
    },
    waitFor: (predicate, timeoutMs = 15_000) => waitUntil(() => received.find(predicate), (listener) => changed.subscribe(listener), timeoutMs, 'a matching cXML document'),
    close: () => server.close(),
  };
}

/** Why the document's credentials are not ours, or undefined when they are. */
function credentialProblem(root: XmlValue, options: CxmlBuyerOptions): string | undefined {
  const header = childOf(root, 'Header');
  const to = listOf(childOf(childOf(header, 'To'), 'Credential'));
  const addressedToUs = to.some((credential) => sameParty(credential, options.buyer));
  if (!addressedToUs) return `the document is not addressed to ${options.buyer.domain}:${options.buyer.identity}`;
  const secrets = listOf(childOf(childOf(header, 'Sender'), 'Credential')).map((credential) => textOf(childOf(credential, 'SharedSecret')));
  return secrets.includes(options.sharedSecret) ? undefined : 'the Sender SharedSecret is not the one agreed with us';
}

function sameParty(credential: XmlValue, party: CxmlParty): boolean {
  return textOf(childOf(credential, 'Identity'))?.toLowerCase() === party.identity.toLowerCase()
    && attrOf(credential, 'domain')?.toLowerCase() === party.domain.toLowerCase();
}
