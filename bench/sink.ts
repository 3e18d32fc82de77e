/**
 * The sink playing the legacy OMS ("OMS XML v1"), run as a forked child process:
 * answers every POST at once with an ACCEPTED XML reply and records, per order id,
 * when it first arrived, how often, and under how many Idempotency-Keys (receipt-book.ts).
 * The id is the hub's `<HubOrderId>` in the XML, or the floor's `"hubOrderId"` in its JSON.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { nowMs } from './protocol.js';
import { announceReady, ReceiptBook, serveReceipts } from './receipt-book.js';

const ID_PATTERN = /<HubOrderId>([^<]+)<\/HubOrderId>|"hubOrderId"\s*:\s*"([^"]+)"/;
const book = new ReceiptBook();
let omsNumber = 0;

const server = http.createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => {
    const at = nowMs();
    book.requests++;
    const match = ID_PATTERN.exec(Buffer.concat(chunks).toString('utf8'));
    const id = match?.[1] ?? match?.[2];
    if (id === undefined) {
      book.unidentified++;
      response.writeHead(400, { 'content-type': 'application/xml; charset=utf-8' });
      response.end('<Error><Code>BAD_REQUEST</Code><Message>no order id</Message></Error>');
      return;
    }
    book.record(id, String(request.headers['idempotency-key'] ?? ''), at);
    const number = `OMS-${String(++omsNumber).padStart(6, '0')}`;
    response.writeHead(201, { 'content-type': 'application/xml; charset=utf-8' });
    response.end(`<?xml version="1.0" encoding="UTF-8"?>\n<OrderResponse><Status>ACCEPTED</Status><OmsOrderNumber>${number}</OmsOrderNumber><HubOrderId>${id}</HubOrderId></OrderResponse>`);
  });
});
server.keepAliveTimeout = 60_000;

serveReceipts(book);
server.listen(0, '127.0.0.1', () => announceReady((server.address() as AddressInfo).port));
