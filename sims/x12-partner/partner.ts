/**
 * The X12 trading-partner simulator: a retailer's buying system on the other side of
 * the hub's EDI connector. It writes 850 purchase orders (dropped in the SFTP mailbox
 * or POSTed with its bearer token), takes the hub's 855/856/810/997 interchanges from
 * its pickup folder or its HTTP endpoint, checks their envelopes, and answers each
 * group with a 997 (accepting, rejecting, or staying silent, as the test chooses).
 */
import { ackDelivery } from './ack-delivery.js';
import { Acknowledger } from './acknowledger.js';
import { ControlNumbers } from './control-numbers.js';
import { renderInterchange, type EnvelopeSettings } from './envelope.js';
import { startHttpReceiver, type HttpReceiver } from './http-receiver.js';
import { readArrival, type Arrival } from './intake.js';
import { messageOf, PartnerLog } from './partner-log.js';
import { PickupPoller } from './pickup-poller.js';
import { postX12, type X12Answer } from './post-x12.js';
import { purchaseOrderSegments } from './purchase-order.js';
import { ReceiptBook } from './receipt-book.js';
import { checkedSeparators } from './separators.js';
import { SftpMailbox } from './sftp-mailbox.js';
import { isaDelimiters } from './x12-reader.js';
import type {
  AcknowledgeMode, DocumentType, PurchaseOrderPlan, ReceivedInterchange, ReceivedSet, SentAcknowledgement, X12Party, X12PartnerLogEntry, X12PartnerOptions,
} from './types.js';

export interface X12PartnerSim {
  /** URL the hub POSTs documents to (when `http` is set). */
  receiveUrl: string | undefined;
  /** A purchase order interchange (ISA/GS/ST 850/SE/GE/IEA) with the next control number. */
  purchaseOrder(plan: PurchaseOrderPlan): { text: string; poNumber: string; controlNumber: number };
  /** Several 850s in one interchange: one GS group, one ST set each. */
  purchaseOrders(plans: PurchaseOrderPlan[]): { text: string; poNumbers: string[]; controlNumber: number };
  /** Writes the interchange to the drop folder (temp name, then renamed; default `PO_<ISA13>.x12`); returns its path. */
  dropOverSftp(text: string, fileName?: string): Promise<string>;
  /** POSTs an interchange with `Authorization: Bearer <token>`; an interchange in the answer (997, TA1) is kept as received. */
  postToHub(url: string, token: string, text: string): Promise<X12Answer>;
  /** Every interchange received from the hub, parsed, in arrival order. */
  received(): ReceivedInterchange[];
  /** The transaction sets of a type received, flattened, each with its envelope's control numbers. */
  documents(type: DocumentType): ReceivedSet[];
  /** The 997s the partner sent back. */
  acknowledgementsSent(): SentAcknowledgement[];
  setAcknowledge(mode: AcknowledgeMode): void;
  /** Answers the next `count` POSTs from the hub with `code` (default 500) without taking them. */
  failNext(count: number, code?: number): void;
  /** Reads the pickup folder once now (besides the polling); rejects when the read fails. */
  collect(): Promise<void>;
  /** The first set of the type (matching `predicate`), received by now or within `timeoutMs` (default 15 000). */
  waitForDocument(type: DocumentType, predicate?: (set: ReceivedSet) => boolean, timeoutMs?: number): Promise<ReceivedSet>;
  /** The first 997 sent (matching `predicate`), by now or within `timeoutMs` (default 15 000). */
  waitForAcknowledgement(predicate?: (ack: SentAcknowledgement) => boolean, timeoutMs?: number): Promise<SentAcknowledgement>;
  log(): X12PartnerLogEntry[];
  close(): Promise<void>;
}

const DEFAULT_POLL_MS = 1000;
const CLOSE_DRAIN_MS = 5000;

export async function startX12Partner(options: X12PartnerOptions): Promise<X12PartnerSim> {
  checkParty(options.partner, 'partner');
  checkParty(options.hub, 'hub');
  const envelope: EnvelopeSettings = {
    from: options.partner, to: options.hub, version: options.version, usage: options.usage ?? 'P',
    separators: checkedSeparators(options.separators), newlines: options.newlines ?? false,
  };
  const now = options.now ?? (() => new Date());
  const numbers = new ControlNumbers(options.firstControlNumber);
  const book = new ReceiptBook();
  const log = new PartnerLog(options.onLog);
  const expected = { sender: options.hub, receiver: options.partner, usage: envelope.usage };
  const mailbox = options.sftp ? new SftpMailbox(options.sftp, log) : undefined;
  let mode: AcknowledgeMode = options.acknowledge ?? 'accept';

  const ackVia = options.ackVia ?? (mailbox ? { sftp: true as const } : undefined);
  const acknowledger = new Acknowledger({
    envelope, numbers, now, book, log, via: ackVia && 'url' in ackVia ? 'http' : 'sftp',
    deliver: ackVia ? ackDelivery(ackVia, mailbox, (body, controlNumber) => take(body, answerTo(controlNumber))) : undefined,
  });

  /** Records what arrived and queues its 997s; returns how many interchanges it held. */
  function take(text: string, arrival: Arrival): number {
    const { interchanges, unreadable } = readArrival(text, arrival, expected);
    if (unreadable !== undefined) log.record('unreadable', `${describe(arrival)}: ${unreadable}`);
    for (const interchange of interchanges) {
      book.addInterchange(interchange);
      for (const line of arrivalLines(interchange)) log.record('received', `${line} ${describe(arrival)}`);
      if (arrival.inAnswerTo === undefined) acknowledger.acknowledge(interchange, mode);
    }
    return interchanges.length;
  }

  const http: HttpReceiver | undefined = options.http
    ? await startHttpReceiver({ ...options.http, take: (text) => take(text, { via: 'http', receivedAt: new Date().toISOString() }) })
    : undefined;
  const poller = mailbox
    ? new PickupPoller({
      mailbox, log, intervalMs: options.sftp?.pollIntervalMs ?? DEFAULT_POLL_MS,
      onFile: (name, text) => void take(text, { via: 'sftp', fileName: name, receivedAt: new Date().toISOString() }),
    })
    : undefined;
  if (mailbox) await mailbox.ensureFolders().catch((error: unknown) => log.record('sftpFailed', `${messageOf(error)} (the polls retry)`));
  poller?.start();

  function writeOrders(plans: PurchaseOrderPlan[]): { text: string; controlNumber: number } {
    const sets = plans.map((plan) => ({ id: '850', segments: purchaseOrderSegments(plan, envelope.separators) }));
    const controlNumber = numbers.take();
    return { text: renderInterchange(envelope, controlNumber, now(), { functionalId: 'PO', sets }), controlNumber };
  }

  return {
    receiveUrl: http?.receiveUrl,
    purchaseOrder(plan) {
      return { ...writeOrders([plan]), poNumber: plan.poNumber };
    },
    purchaseOrders(plans) {
      return { ...writeOrders(plans), poNumbers: plans.map((plan) => plan.poNumber) };
    },
    async dropOverSftp(text, fileName) {
      if (!mailbox) throw new Error('dropOverSftp needs the sftp option');
      const path = await mailbox.writeFile(mailbox.dropFolder, fileName ?? `PO_${controlNumberOf(text)}.x12`, text);
      log.record('dropped', path);
      return path;
    },
    async postToHub(url, token, text) {
      const answer = await postX12(url, text, token);
      log.record('posted', `interchange ${controlNumberOf(text)}: the hub answered ${answer.status}`);
      if (answer.body.trimStart().startsWith('ISA')) take(answer.body, { via: 'http', inAnswerTo: controlNumberOf(text), receivedAt: new Date().toISOString() });
      return answer;
    },
    received: () => book.received(),
    documents: (type) => book.documents(type),
    acknowledgementsSent: () => book.acknowledgementsSent(),
    setAcknowledge(next) {
      mode = next;
    },
    failNext(count, code) {
      if (!http) throw new Error('failNext needs the http option');
      http.failNext(count, code);
    },
    async collect() {
      if (!poller) throw new Error('collect needs the sftp option');
      await poller.collectNow();
    },
    waitForDocument: (type, predicate = () => true, timeoutMs = 15_000) =>
      book.waitFor(() => book.documents(type).find(predicate), timeoutMs, `an X12 ${type}`),
    waitForAcknowledgement: (predicate = () => true, timeoutMs = 15_000) =>
      book.waitFor(() => book.acknowledgementsSent().find(predicate), timeoutMs, 'a 997 sent by the partner'),
    log: () => log.entries(),
    async close() {
      await poller?.stop();
      await Promise.race([acknowledger.drained(), new Promise((resolve) => setTimeout(resolve, CLOSE_DRAIN_MS).unref())]);
      await http?.close();
      await mailbox?.close();
    },
  };
}

function checkParty(party: X12Party, what: string): void {
  if (!/^[0-9A-Z]{2}$/.test(party.qualifier)) throw new Error(`${what}.qualifier must be two characters like ZZ or 01`);
  if (party.id.length < 1 || party.id.length > 15) throw new Error(`${what}.id must be 1…15 characters`);
}

function answerTo(controlNumber: number): Arrival {
  return { via: 'http', inAnswerTo: String(controlNumber).padStart(9, '0'), receivedAt: new Date().toISOString() };
}

/** ISA13 of an interchange text (`unknown` when it has no readable ISA). */
function controlNumberOf(text: string): string {
  const start = text.indexOf('ISA');
  const delimiters = start < 0 ? undefined : isaDelimiters(text, start);
  return delimiters ? (text.slice(start, delimiters.isaEnd).split(delimiters.separators.element)[13] ?? 'unknown') : 'unknown';
}

/** One line per document (set or TA1) of the interchange, then one for its problems. */
function arrivalLines(interchange: ReceivedInterchange): string[] {
  const where = `interchange ${interchange.controlNumber}`;
  const sets = interchange.groups.flatMap((group) => group.sets.map((set) => `${set.id} ${set.controlNumber} (group ${group.functionalId} ${group.controlNumber}, ${where})`));
  const ta1 = interchange.ta1.map((ta1) => `TA1 ${ta1.code} ${ta1.noteCode} for ${ta1.controlNumber} (${where})`);
  const documents = [...sets, ...ta1];
  return [
    ...(documents.length > 0 ? documents : [`${where} without documents`]),
    ...(interchange.problems.length > 0 ? [`${where} has problems: ${interchange.problems.join('; ')}`] : []),
  ];
}

function describe(arrival: Arrival): string {
  if (arrival.inAnswerTo !== undefined) return `in the answer to ${arrival.inAnswerTo}`;
  return arrival.fileName === undefined ? `over ${arrival.via}` : `in file ${arrival.fileName}`;
}
