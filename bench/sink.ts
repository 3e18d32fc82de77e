/**
 * The sink playing the legacy OMS ("OMS XML v1"), run as a forked child process:
 * answers every POST at once with an ACCEPTED XML reply and records, per order id,
 * when it first arrived, how often, and under how many Idempotency-Keys. The id is
 * the hub's `<HubOrderId>` in the XML, or the floor's `"hubOrderId"` in its JSON.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { nowMs, type ChildMessage, type ParentMessage, type SinkReceipt, type SinkTotals } from './protocol.js';

interface Entry {
  firstAt: number;
  count: number;
  keys: Set<string>;
}

const ID_PATTERN = /<HubOrderId>([^<]+)<\/HubOrderId>|"hubOrderId"\s*:\s*"([^"]+)"/;
const entries = new Map<string, Entry>();
let requests = 0;
let unidentified = 0;
let omsNumber = 0;

function send(message: ChildMessage): void {
  process.send?.(message);
}

const server = http.createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => {
    const at = nowMs();
    requests++;
    const match = ID_PATTERN.exec(Buffer.concat(chunks).toString('utf8'));
    const id = match?.[1] ?? match?.[2];
    if (id === undefined) {
      unidentified++;
      response.writeHead(400, { 'content-type': 'application/xml; charset=utf-8' });
      response.end('<Error><Code>BAD_REQUEST</Code><Message>no order id</Message></Error>');
      return;
    }
    const key = String(request.headers['idempotency-key'] ?? '');
    const entry = entries.get(id);
    if (entry === undefined) entries.set(id, { firstAt: at, count: 1, keys: new Set([key]) });
    else {
      entry.count++;
      entry.keys.add(key);
    }
    const number = `OMS-${String(++omsNumber).padStart(6, '0')}`;
    response.writeHead(201, { 'content-type': 'application/xml; charset=utf-8' });
    response.end(`<?xml version="1.0" encoding="UTF-8"?>\n<OrderResponse><Status>ACCEPTED</Status><OmsOrderNumber>${number}</OmsOrderNumber><HubOrderId>${id}</HubOrderId></OrderResponse>`);
  });
});
server.keepAliveTimeout = 60_000;

function receiptsFor(ids: string[]): { receipts: SinkReceipt[]; missing: string[] } {
  const receipts: SinkReceipt[] = [];
  const missing: string[] = [];
  for (const id of ids) {
    const entry = entries.get(id);
    if (entry === undefined) missing.push(id);
    else receipts.push({ id, firstAt: entry.firstAt, count: entry.count, keys: entry.keys.size });
  }
  return { receipts, missing };
}

function totals(): SinkTotals {
  let duplicateOrders = 0;
  let resends = 0;
  for (const entry of entries.values()) {
    if (entry.keys.size > 1) duplicateOrders++;
    resends += entry.count - 1;
  }
  return { requests, uniqueIds: entries.size, duplicateOrders, resends, unidentified };
}

/** Waits until every id has arrived or the timeout passes, then answers with what arrived and what did not. */
async function awaitIds(seq: number, ids: string[], timeoutMs: number): Promise<void> {
  const deadline = nowMs() + timeoutMs;
  while (nowMs() < deadline && ids.some((id) => !entries.has(id))) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  send({ type: 'receipts', seq, ...receiptsFor(ids) });
}

process.on('message', (message: ParentMessage) => {
  if (message.type === 'await') void awaitIds(message.seq, message.ids, message.timeoutMs);
  else if (message.type === 'totals') send({ type: 'totals', seq: message.seq, totals: totals() });
});
process.on('disconnect', () => process.exit(0));
server.listen(0, '127.0.0.1', () => send({ type: 'ready', port: (server.address() as AddressInfo).port }));
