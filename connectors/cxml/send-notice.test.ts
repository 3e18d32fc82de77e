/**
 * Sending status documents to a buyer (the cXML buyer simulator): a 200 is done and
 * goes on the timeline; a 500 is a TransientError and the retry carries the same
 * payloadID; a 4xx is a PermanentError with the buyer's words; no answer is transient,
 * an answer that is no cXML Response permanent; a partner without postUrl hears nothing,
 * an order from a partner no longer configured is a dead letter.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PermanentError, TransientError } from '../../src/sdk/index.js';
import { startCxmlBuyer, type CxmlBuyerSim } from '../../sims/cxml-buyer/index.js';
import { CXML_ORDER, CXML_SHIPMENT, cxmlNotice } from '../../tests/support/cxml-notice.js';
import type { CxmlConfig, CxmlPartner } from './config.js';
import { sendNotice, type CxmlNotifier } from './send-notice.js';

const BUYER = { identity: 'AN01000000087', domain: 'NetworkID' };
const SECRET = 'acme-shared-secret-0123';
let buyer: CxmlBuyerSim;

beforeAll(async () => {
  buyer = await startCxmlBuyer({ buyer: BUYER, sharedSecret: SECRET });
});

afterAll(async () => {
  await buyer?.close();
});

function notifier(partner: Partial<CxmlPartner> = {}): CxmlNotifier {
  const config: CxmlConfig = {
    supplier: { identity: 'AN01000000001', domain: 'NetworkID' },
    partners: [{ ...BUYER, sharedSecret: SECRET, name: 'Acme Industrial', deploymentMode: 'production', postUrl: buyer.postUrl, ...partner }],
    timeoutMs: 2000,
  };
  return { config, host: 'an01000000001' };
}

async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(() => { throw new Error('expected the notice to fail'); }, (error: unknown) => error);
}

describe('sending to the buyer', () => {
  it('sends an accept, then a ship notice with the tracking number, and says so for the timeline', async () => {
    const accepted = await sendNotice(notifier(), cxmlNotice('acknowledged', 'sent', { version: 3 }));
    expect(accepted).toEqual({
      summary: 'sent ConfirmationRequest (accept) to Acme Industrial',
      detail: { partner: BUYER.identity, payloadIDs: ['01KB2CXML0000000000000000A.3.confirm@an01000000001'] },
    });
    const shipped = await sendNotice(notifier(), cxmlNotice('shipped', 'allocated', { version: 4, shipments: [CXML_SHIPMENT] }));
    expect(shipped.summary).toBe('sent ShipNoticeRequest 1Z999AA10123456784 to Acme Industrial');
    const [confirmation, shipNotice] = buyer.documents().slice(-2);
    expect(confirmation).toMatchObject({ kind: 'ConfirmationRequest', confirmationType: 'accept', orderID: 'PO-7781042', orderPayloadID: CXML_ORDER.sourceDocument, answered: 200 });
    expect(shipNotice).toMatchObject({
      kind: 'ShipNoticeRequest', orderID: 'PO-7781042', shipmentID: 'SHP-1001', carrier: 'UPS', trackingNumber: '1Z999AA10123456784',
      items: [{ lineNumber: '1', quantity: 10 }, { lineNumber: '2', quantity: 4 }], answered: 200,
    });
  });

  it('turns a 500 into a TransientError, and the retry sends the same payloadID', async () => {
    buyer.failNext(1);
    const notice = cxmlNotice('acknowledged', 'sent', { version: 7 });
    const error = await failure(sendNotice(notifier(), notice));
    expect(error).toBeInstanceOf(TransientError);
    expect(error).toMatchObject({ code: 'CXML_500', message: expect.stringContaining('the buyer answered 500') });
    await sendNotice(notifier(), notice);
    const tries = buyer.documents().filter((d) => d.payloadID === '01KB2CXML0000000000000000A.7.confirm@an01000000001');
    expect(tries.map((d) => [d.answered, d.duplicate])).toEqual([[500, false], [200, false]]);
    expect(tries[0]!.xml).toBe(tries[1]!.xml);
  });

  it('turns a 4xx into a PermanentError with the buyer\'s words', async () => {
    const error = await failure(sendNotice(notifier({ sharedSecret: 'not-the-agreed-secret-1' }), cxmlNotice('rejected', 'sent', { reason: 'no such SKU' })));
    expect(error).toBeInstanceOf(PermanentError);
    expect(error).toMatchObject({ code: 'CXML_401', message: expect.stringContaining('Sender SharedSecret is not the one agreed') });
  });

  it('is transient when nobody answers, permanent when the answer is no cXML Response', async () => {
    const closed = await failure(sendNotice(notifier({ postUrl: 'http://127.0.0.1:9/cxml' }), cxmlNotice('acknowledged', 'sent')));
    expect(closed).toBeInstanceOf(TransientError);
    const html = createServer((_request, response) => response.writeHead(200, { 'content-type': 'text/html' }).end('<html>thanks</html>'));
    await new Promise<void>((resolve) => html.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(html.address() as AddressInfo).port}/cxml`;
      const error = await failure(sendNotice(notifier({ postUrl: url }), cxmlNotice('acknowledged', 'sent')));
      expect(error).toBeInstanceOf(PermanentError);
      expect(error).toMatchObject({ code: 'CXML_NO_RESPONSE' });
    } finally {
      html.closeAllConnections();
      await new Promise((resolve) => html.close(resolve));
    }
  });

  it('sends nothing for a state the buyer does not need, or to a partner without postUrl', async () => {
    const before = buyer.documents().length;
    expect(await sendNotice(notifier(), cxmlNotice('sent', 'accepted'))).toEqual({ summary: 'nothing for Acme Industrial to hear about "sent"' });
    const { postUrl: _none, ...withoutUrl } = notifier().config.partners[0]!;
    const silent: CxmlNotifier = { ...notifier(), config: { ...notifier().config, partners: [withoutUrl] } };
    expect((await sendNotice(silent, cxmlNotice('acknowledged', 'sent'))).summary).toMatch(/takes no status documents/);
    expect(buyer.documents()).toHaveLength(before);
  });

  it('makes an order of a partner no longer configured a dead letter', async () => {
    const stranger = { ...CXML_ORDER, customer: { ...CXML_ORDER.customer, accountNumber: 'AN09999999999' } };
    const error = await failure(sendNotice(notifier(), cxmlNotice('acknowledged', 'sent', { order: stranger })));
    expect(error).toMatchObject({ kind: 'permanent', code: 'CXML_UNKNOWN_PARTNER' });
  });
});
