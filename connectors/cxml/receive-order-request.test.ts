/**
 * An OrderRequest at the door: recorded through the intake (secret removed, keyed by
 * partner and payloadID, the orderID as external id) before a cXML 200; the same
 * payloadID again is the same answer; credentials, XML safety, what is no order and a
 * hub that cannot record each get their own cXML answer, and nothing is recorded unless
 * it was authenticated and readable enough to file.
 */
import { describe, expect, it } from 'vitest';
import { pino } from 'pino';
import type { CaptureReceipt, EnvelopeIn, FiledItem, InboundRequest, Intake } from '../../src/sdk/index.js';
import { refusingIntake } from '../../src/sdk/testkit/stand-ins.js';
import { buildOrderRequest, readResponse, type SendOrderRequestOptions } from '../../sims/cxml-buyer/index.js';
import type { CxmlConfig } from './config.js';
import { parseStoredOrder } from './order-data.js';
import { receiveOrderRequest, type CxmlReceiver } from './receive-order-request.js';

const ACME = { identity: 'AN01000000087', domain: 'NetworkID' };
const SUPPLIER = { identity: 'AN01000000001', domain: 'NetworkID' };
const SECRET = 'acme-shared-secret-0123';
const CONFIG: CxmlConfig = {
  supplier: SUPPLIER,
  partners: [{ ...ACME, sharedSecret: SECRET, name: 'Acme Industrial', deploymentMode: 'production' }],
  timeoutMs: 1000,
};
const RECEIVER: CxmlReceiver = { config: CONFIG, host: 'an01000000001', log: pino({ level: 'silent' }) };

/** An intake that keeps what it is given and answers like the hub: a second envelope with the same key is a duplicate. */
class RecordingIntake implements Intake {
  readonly orders: EnvelopeIn[] = [];
  readonly filed: FiledItem[] = [];
  failWith: Error | undefined;

  async order(envelope: EnvelopeIn): Promise<CaptureReceipt> {
    if (this.failWith) throw this.failWith;
    const first = this.orders.findIndex((o) => o.dedupKey === envelope.dedupKey);
    if (first === -1) this.orders.push(envelope);
    const index = first === -1 ? this.orders.length - 1 : first;
    return { hubOrderId: `01KAAAAAAAAAAAAAAAAAAAAAA${index}`, confirmation: 'ABCD-EFGH1', duplicate: first !== -1 };
  }

  async file(item: FiledItem) {
    if (this.failWith) throw this.failWith;
    this.filed.push(item);
    return { filedId: `F${this.filed.length}`, duplicate: false };
  }

  change(): never {
    throw new Error('no changes by cXML');
  }
}

const OPTIONS: SendOrderRequestOptions = { buyer: ACME, supplier: SUPPLIER, sharedSecret: SECRET, n: 3 };

function post(body: string, overrides: Partial<InboundRequest> = {}): InboundRequest {
  return { method: 'POST', path: '', query: {}, headers: { 'content-type': 'text/xml; charset=UTF-8' }, body: Buffer.from(body), receivedAt: new Date(), ...overrides };
}

async function answer(body: string, intake: Intake, overrides: Partial<InboundRequest> = {}) {
  const result = await receiveOrderRequest(RECEIVER, post(body, overrides), intake);
  if (result.kind !== 'reply') throw new Error(`expected a reply, got ${result.kind}`);
  expect(result.contentType).toBe('text/xml; charset=UTF-8');
  const status = readResponse(result.body ?? '');
  expect(status.code).toBe(result.status);
  return { http: result.status, ...status, body: result.body ?? '' };
}

describe('a good OrderRequest', () => {
  it('is recorded before a cXML 200: keyed by partner and payloadID, orderID as external id, secret removed, data parsed', async () => {
    const intake = new RecordingIntake();
    const { document, payloadID, plan } = buildOrderRequest(OPTIONS);
    const reply = await answer(document, intake);
    expect(reply).toMatchObject({ http: 200, code: 200, text: 'OK' });
    expect(reply.detail).toBeUndefined();
    expect(reply.body).toContain('<!DOCTYPE cXML SYSTEM "http://xml.cxml.org/schemas/cXML/1.2.014/cXML.dtd">');
    expect(reply.payloadID).toMatch(/^\d+\.\d+\.[0-9a-f]{12}@an01000000001$/);
    const [envelope] = intake.orders;
    expect(envelope).toMatchObject({
      dedupKey: `${ACME.identity}:${payloadID}`, externalId: plan.orderID, contentType: 'text/xml',
      meta: { via: 'cxml', partner: ACME.identity, partnerDomain: 'NetworkID', payloadID, orderID: plan.orderID, deploymentMode: 'production' },
    });
    const stored = envelope!.body.toString('utf8');
    expect(stored).not.toContain(SECRET);
    expect(stored).toContain('<SharedSecret>[redacted]</SharedSecret>');
    expect(stored.replace('<SharedSecret>[redacted]</SharedSecret>', `<SharedSecret>${SECRET}</SharedSecret>`)).toBe(document);
    expect(envelope!.data).toEqual(parseStoredOrder({ contentType: 'text/xml', body: envelope!.body, meta: envelope!.meta ?? {} }));
  });

  it('answers the same payloadID again with 200 and records one order; each answer has its own payloadID', async () => {
    const intake = new RecordingIntake();
    const { document } = buildOrderRequest(OPTIONS);
    const first = await answer(document, intake);
    const again = await answer(document, intake);
    expect([first.code, again.code]).toEqual([200, 200]);
    expect(again.payloadID).not.toBe(first.payloadID);
    expect(intake.orders).toHaveLength(1);
    await answer(buildOrderRequest({ ...OPTIONS, payloadID: 'another@buyer' }).document, intake);
    expect(intake.orders.map((o) => o.dedupKey)).toEqual([`${ACME.identity}:${buildOrderRequest(OPTIONS).payloadID}`, `${ACME.identity}:another@buyer`]);
  });

  it('leaves the data to the hub\'s parse (which sends the order to review) when amounts are in several currencies', async () => {
    const intake = new RecordingIntake();
    const { document } = buildOrderRequest(OPTIONS);
    const mixed = document.replace(/<UnitPrice><Money currency="USD">/, '<UnitPrice><Money currency="EUR">');
    expect((await answer(mixed, intake)).code).toBe(200);
    expect(intake.orders[0]!.data).toBeUndefined();
    expect(() => parseStoredOrder({ contentType: 'text/xml', body: intake.orders[0]!.body, meta: intake.orders[0]!.meta ?? {} }))
      .toThrow(/ItemOut 1 UnitPrice is in EUR, the order total in USD/);
  });

  it('answers 500 when the hub cannot record it, so the buyer sends it again', async () => {
    const intake = new RecordingIntake();
    intake.failWith = new Error('Command timed out');
    const reply = await answer(buildOrderRequest(OPTIONS).document, intake);
    expect(reply).toMatchObject({ http: 500, code: 500, text: 'Internal Server Error', detail: expect.stringContaining('send the same document again') });
  });
});

describe('refusals with nothing recorded', () => {
  it('answers 401 for a wrong shared secret or an unknown partner', async () => {
    const wrong = await answer(buildOrderRequest({ ...OPTIONS, sharedSecret: 'not-the-agreed-secret' }).document, refusingIntake);
    expect(wrong).toMatchObject({ http: 401, code: 401, text: 'Unauthorized', detail: expect.stringContaining('SharedSecret') });
    const stranger = await answer(buildOrderRequest({ ...OPTIONS, buyer: { identity: 'AN09999999999', domain: 'NetworkID' } }).document, refusingIntake);
    expect(stranger).toMatchObject({ code: 401, detail: expect.stringContaining('not a trading partner') });
  });

  it('answers 400 for an XML bomb, an external entity and malformed XML, before looking at credentials', async () => {
    const bomb = '<?xml version="1.0"?><!DOCTYPE cXML [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><cXML payloadID="&b;"/>';
    expect(await answer(bomb, refusingIntake)).toMatchObject({ code: 400, text: 'Bad Request', detail: expect.stringContaining('DOCTYPE') });
    const xxe = buildOrderRequest(OPTIONS).document.replace('cXML.dtd">', 'cXML.dtd" [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>').replace('<Comments xml:lang="en">', '<Comments xml:lang="en">&xxe;');
    expect(await answer(xxe, refusingIntake)).toMatchObject({ code: 400, detail: expect.stringContaining('DOCTYPE') });
    expect(await answer('<cXML><Header>', refusingIntake)).toMatchObject({ code: 400, detail: expect.stringContaining('not well-formed') });
  });

  it('answers 415, 405 and 404 for a wrong content type, method or path', async () => {
    const { document } = buildOrderRequest(OPTIONS);
    expect(await answer(document, refusingIntake, { headers: { 'content-type': 'application/json' } })).toMatchObject({ code: 415 });
    expect(await answer(document, refusingIntake, { headers: {} })).toMatchObject({ code: 415 });
    expect(await answer(document, refusingIntake, { headers: { 'content-type': 'application/xml' }, method: 'GET' })).toMatchObject({ code: 405 });
    expect(await answer(document, refusingIntake, { path: '/orders' })).toMatchObject({ code: 404 });
  });
});

describe('authenticated documents that are no order the hub can take', () => {
  const cases: Array<[string, (xml: string) => string, string, string]> = [
    ['a ProfileRequest', (xml) => xml.replace(/<OrderRequest>[\s\S]*<\/OrderRequest>/, '<ProfileRequest/>'), 'cxml-not-an-order', 'a <ProfileRequest>, not an OrderRequest'],
    ['an order change', (xml) => xml.replace('type="new"', 'type="delete"'), 'cxml-order-change', 'type="delete"'],
    ['an order without orderID', (xml) => xml.replace(/ orderID="[^"]*"/, ''), 'cxml-unusable-order', 'no usable orderID'],
    ['an order without items', (xml) => xml.replace(/<ItemOut[\s\S]*<\/ItemOut>/, ''), 'cxml-unusable-order', 'has no ItemOut'],
    ['lines without numbers', (xml) => xml.replace(/ lineNumber="\d+"/g, ''), 'cxml-unusable-order', 'no lineNumber of its own'],
  ];

  it.each(cases)('files %s with the secret removed and answers 400 saying why', async (_name, change, kind, words) => {
    const intake = new RecordingIntake();
    const { document, payloadID } = buildOrderRequest({ ...OPTIONS, n: 4 });
    const reply = await answer(change(document), intake);
    expect(reply).toMatchObject({ code: 400, detail: expect.stringContaining(words) });
    expect(reply.detail).toContain('kept for a person at the supplier as F1');
    expect(intake.orders).toEqual([]);
    expect(intake.filed).toHaveLength(1);
    expect(intake.filed[0]).toMatchObject({ dedupKey: `${ACME.identity}:${payloadID}`, kind, reason: expect.stringContaining('Acme Industrial: ') });
    expect(intake.filed[0]!.body.toString()).not.toContain(SECRET);
  });

  it('files a document without a payloadID under the digest of its bytes', async () => {
    const intake = new RecordingIntake();
    const reply = await answer(buildOrderRequest(OPTIONS).document.replace(/ payloadID="[^"]*"/, ''), intake);
    expect(reply).toMatchObject({ code: 400, detail: expect.stringContaining('payloadID') });
    expect(intake.filed[0]!.dedupKey).toMatch(new RegExp(`^${ACME.identity}:sha256:[0-9a-f]{64}$`));
  });
});
