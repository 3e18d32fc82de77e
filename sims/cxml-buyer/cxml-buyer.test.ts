/**
 * The cXML buyer simulator on its own: sample purchase orders add up and render as
 * well-formed OrderRequests with the same payloadID for the same n; its endpoint takes
 * documents addressed to it with its secret, refuses others, and fails on request.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOrderRequest, parseCxml, planOrderRequest, readResponse, startCxmlBuyer, type CxmlBuyerSim } from './index.js';

const BUYER = { identity: 'AN01000000087', domain: 'NetworkID' };
const SUPPLIER = { identity: 'AN01000000001', domain: 'NetworkID' };
const SECRET = 'acme-shared-secret-0123';

describe('sample purchase orders', () => {
  it('add up: Total is the items, every line numbered, the same payloadID for the same n', () => {
    for (let n = 1; n <= 12; n++) {
      const plan = planOrderRequest(n);
      expect(plan.totalCents).toBe(plan.lines.reduce((sum, line) => sum + line.unitPriceCents * line.quantity, 0));
      expect(plan.lines.map((line) => line.lineNumber)).toEqual(plan.lines.map((_line, index) => index + 1));
      expect(new Set(plan.lines.map((line) => line.sku)).size).toBe(plan.lines.length);
      expect(buildOrderRequest({ buyer: BUYER, supplier: SUPPLIER, sharedSecret: SECRET, n }).payloadID).toBe(buildOrderRequest({ buyer: BUYER, supplier: SUPPLIER, sharedSecret: SECRET, n }).payloadID);
    }
  });

  it('render as a well-formed cXML OrderRequest with the credentials and escaped text', () => {
    const { document, plan } = buildOrderRequest({ buyer: BUYER, supplier: SUPPLIER, sharedSecret: SECRET, n: 2 });
    expect(document).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<!DOCTYPE cXML SYSTEM "http:\/\/xml.cxml.org\/schemas\/cXML\/1.2.014\/cXML.dtd">/);
    expect(document).toContain(`<SharedSecret>${SECRET}</SharedSecret>`);
    expect(document).toContain('&amp; quote PO');
    expect(JSON.stringify(parseCxml(document))).toContain(plan.orderID);
  });
});

describe('the buyer endpoint', () => {
  let buyer: CxmlBuyerSim;
  beforeAll(async () => {
    buyer = await startCxmlBuyer({ buyer: BUYER, sharedSecret: SECRET });
  });
  afterAll(async () => {
    await buyer?.close();
  });

  const confirmation = (secret: string, to = BUYER.identity) => `<?xml version="1.0"?>
<!DOCTYPE cXML SYSTEM "http://xml.cxml.org/schemas/cXML/1.2.014/Fulfill.dtd">
<cXML payloadID="x.1.confirm@supplier" timestamp="2026-11-23T18:00:00Z"><Header>
<From><Credential domain="NetworkID"><Identity>${SUPPLIER.identity}</Identity></Credential></From>
<To><Credential domain="NetworkID"><Identity>${to}</Identity></Credential></To>
<Sender><Credential domain="NetworkID"><Identity>${SUPPLIER.identity}</Identity><SharedSecret>${secret}</SharedSecret></Credential><UserAgent>t</UserAgent></Sender>
</Header><Request><ConfirmationRequest><ConfirmationHeader type="accept" noticeDate="2026-11-23T18:00:00Z"/>
<OrderReference orderID="PO-1"><DocumentReference payloadID="p@buyer"/></OrderReference></ConfirmationRequest></Request></cXML>`;

  const post = async (body: string) => readResponse(await (await fetch(buyer.postUrl, { method: 'POST', body, headers: { 'content-type': 'text/xml' } })).text());

  it('takes a confirmation addressed to it with its secret, and notes a repeat', async () => {
    expect((await post(confirmation(SECRET))).code).toBe(200);
    expect((await post(confirmation(SECRET))).code).toBe(200);
    expect(buyer.documents().map((d) => [d.kind, d.confirmationType, d.orderID, d.orderPayloadID, d.duplicate])).toEqual([
      ['ConfirmationRequest', 'accept', 'PO-1', 'p@buyer', false], ['ConfirmationRequest', 'accept', 'PO-1', 'p@buyer', true],
    ]);
  });

  it('refuses another secret or another addressee with 401, other DOCTYPEs with 400, and fails on request', async () => {
    expect((await post(confirmation('wrong-secret'))).code).toBe(401);
    expect((await post(confirmation(SECRET, 'AN0000000000'))).code).toBe(401);
    expect((await post('<!DOCTYPE cXML [<!ENTITY a "b">]><cXML/>')).code).toBe(400);
    buyer.failNext(1);
    expect((await post(confirmation(SECRET))).code).toBe(500);
    expect(buyer.documents().at(-1)).toMatchObject({ answered: 500 });
  });
});
