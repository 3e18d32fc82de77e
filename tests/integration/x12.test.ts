/**
 * X12 EDI end to end, against trading-partner simulators (sims/x12-partner, an X12
 * implementation of their own) and a real OpenSSH SFTP server as the mailbox:
 * - over SFTP: a partner drops an 850; the hub records it once, answers a 997 in the
 *   partner's folder, and as the OMS acknowledges and ships sends an 855, an 856 and an
 *   810; the partner's 997s for each come back through the mailbox and settle them on
 *   the order's timeline. The same file dropped again makes no second order and the same
 *   997 (same control number);
 * - over HTTP: an 850 posted with the partner's token is answered with the 997 at once;
 *   the same PO again makes no second order; a wrong token is a 401, an interchange under
 *   another partner's id a 403 (nothing stored); a refused envelope is answered with a TA1
 *   R and filed; a set with a wrong segment count is rejected (AK5 R 4) and filed while
 *   its neighbour is taken;
 * - a partner that never acknowledges: its documents are listed overdue and the
 *   ack_overdue alert fires with the partner, the document and the order.
 */
import { createServer, type Server } from 'node:http';
import { resolve } from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startX12Partner, type PurchaseOrderPlan, type X12PartnerSim } from '../../sims/x12-partner/index.js';
import { authHeaders, eventually } from '../support/hub.js';
import { freePort } from '../support/ports.js';
import { startSshd, type TestSshd } from '../support/sshd.js';
import { getJson, startWorld, type World } from '../support/world.js';

const HUB_ID = { qualifier: 'ZZ', id: 'ORDERHUB' };
const HARBOR = { qualifier: 'ZZ', id: 'HARBORLINEHG' };
const MERIDIAN = { qualifier: 'ZZ', id: 'MERIDIANCOOP' };
const QUIET = { qualifier: '01', id: '987654321' };
const MERIDIAN_TOKEN = 'test-x12-meridian-token-0123456789';
const QUIET_TOKEN = 'test-x12-quiet-token-0123456789ab';

let sshd: TestSshd;
let world: World;
let harbor: X12PartnerSim;
let meridian: X12PartnerSim;
let quiet: X12PartnerSim;
let alerts: Server;
const alertPayloads: Array<{ alert: string; status: string; message: string }> = [];
let ediUrl: string;

interface OrderView {
  state: string;
  order: { externalId: string; sourceDocument?: string; channel: string; customer: { accountNumber?: string }; lines: Array<{ lineId: string; sku: string; quantity: number }> } | null;
  timeline: Array<{ summary: string }>;
}

function plan(poNumber: string, lines = 2): PurchaseOrderPlan {
  return {
    poNumber, date: '2026-12-01', currency: 'USD',
    contact: { name: 'Dana Whitfield', phone: '5035550142', email: 'dana@harborline.example' },
    shipTo: { name: 'Harborline DC', line1: '4410 Industrial Way', city: 'Tualatin', state: 'OR', postalCode: '97062', country: 'US' },
    lines: Array.from({ length: lines }, (_, i) => ({
      lineNumber: String(i + 1), quantity: 2 + i, uom: 'EA', unitPrice: `${12 + i}.50`, vendorPart: `SKU-${100 + i}`, buyerPart: `HL-${500 + i}`, description: `Item ${i + 1}`,
    })),
  };
}

function startAlertReceiver(): Promise<string> {
  alerts = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (c: Buffer) => chunks.push(c));
    request.on('end', () => {
      alertPayloads.push(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      response.writeHead(204).end();
    });
  });
  return new Promise((resolve) => alerts.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(alerts.address() as AddressInfo).port}/alerts`)));
}

beforeAll(async () => {
  sshd = await startSshd();
  const alertUrl = await startAlertReceiver();
  const [meridianPort, quietPort] = [await freePort(), await freePort()];
  process.env.TEST_X12_MAILBOX_KEY = sshd.privateKey;
  process.env.TEST_X12_MERIDIAN_TOKEN = MERIDIAN_TOKEN;
  process.env.TEST_X12_QUIET_TOKEN = QUIET_TOKEN;
  const harborFolder = `${sshd.paths.outbox}/harborline`;
  world = await startWorld({
    oms: { autoProgress: { acknowledgeAfterMs: 150, allocateAfterMs: 300, shipAfterMs: 600 } },
    hub: {
      extra: {
        alerts: { evaluateEveryMs: 200, webhooks: [{ url: alertUrl }], rules: [{ id: 'edi-acks', kind: 'ack_overdue', instance: 'edi' }] },
        instances: {
          edi: {
            connector: 'x12',
            channel: 'edi',
            settings: {
              interchange: HUB_ID,
              mailbox: {
                host: sshd.host, port: sshd.port, username: sshd.username, privateKey: { env: 'TEST_X12_MAILBOX_KEY' },
                hostKeyFingerprint: sshd.hostKeyFingerprint, inbox: sshd.paths.inbox, pollIntervalMs: 150,
              },
              partners: [
                { id: 'harborline', name: 'Harborline Home & Garden', interchange: HARBOR, version: '004010', sendTo: { via: 'sftp', folder: harborFolder } },
                {
                  id: 'meridian', name: 'Meridian Co-op', interchange: MERIDIAN, version: '005010', token: { env: 'TEST_X12_MERIDIAN_TOKEN' },
                  sendTo: { via: 'http', url: `http://127.0.0.1:${meridianPort}/x12` },
                },
                {
                  id: 'quiet', name: 'Quiet Buyer', interchange: QUIET, version: '004010', token: { env: 'TEST_X12_QUIET_TOKEN' }, documents: ['855'],
                  sendTo: { via: 'http', url: `http://127.0.0.1:${quietPort}/x12` }, acknowledgeWithinMinutes: 0.01,
                },
              ],
            },
            mappings: { inbound: resolve('mappings/x12-850-to-canonical.json') },
          },
        },
      },
    },
  });
  ediUrl = `${world.hub.url}/in/edi`;
  const sftp = { host: sshd.host, port: sshd.port, username: sshd.username, privateKey: sshd.privateKey, hostKeyFingerprint: sshd.hostKeyFingerprint };
  harbor = await startX12Partner({
    partner: HARBOR, hub: HUB_ID, version: '004010',
    sftp: { ...sftp, dropFolder: sshd.paths.inbox, pickupFolder: harborFolder, pollIntervalMs: 100 }, ackVia: { sftp: true },
  });
  meridian = await startX12Partner({ partner: MERIDIAN, hub: HUB_ID, version: '005010', http: { port: meridianPort }, ackVia: { url: ediUrl, token: MERIDIAN_TOKEN } });
  quiet = await startX12Partner({ partner: QUIET, hub: HUB_ID, version: '004010', http: { port: quietPort }, acknowledge: 'never' });
}, 60_000);

afterAll(async () => {
  await Promise.allSettled([harbor?.close(), meridian?.close(), quiet?.close()]);
  await world?.stop();
  await sshd?.stop();
  await new Promise((r) => alerts?.close(r));
});

async function ordersFor(poNumber: string): Promise<string[]> {
  const { body } = await getJson<{ orders: Array<{ hubOrderId: string }> }>(`${world.hub.url}/api/orders?source=edi&ref=${encodeURIComponent(poNumber)}`);
  return body.orders.map((o) => o.hubOrderId);
}

async function orderView(id: string): Promise<OrderView> {
  return (await getJson<OrderView>(`${world.hub.url}/api/orders/${id}`)).body;
}

async function onlyOrder(poNumber: string): Promise<string> {
  const ids = await eventually(async () => ((await ordersFor(poNumber)).length > 0 ? ordersFor(poNumber) : undefined), 15_000, `order ${poNumber}`);
  expect(ids).toHaveLength(1);
  return ids[0]!;
}

/** A 997 whose AK1 names the group (the simulator's GS06 is its ISA13). */
function acknowledges(set: { segments: string[][] }, controlNumber: number): boolean {
  return Number(segment(set, 'AK1')?.[2]) === controlNumber;
}

function segment(set: { segments: string[][] }, id: string): string[] | undefined {
  return set.segments.find((s) => s[0] === id);
}

async function filedKinds(): Promise<string[]> {
  const { body } = await getJson<{ filed: Array<{ kind: string }> }>(`${world.hub.url}/api/filed`);
  return body.filed.map((i) => i.kind);
}

async function post(text: string, token: string): Promise<{ status: number; body: string }> {
  const response = await fetch(ediUrl, { method: 'POST', headers: { 'content-type': 'application/edi-x12', authorization: `Bearer ${token}` }, body: text });
  return { status: response.status, body: await response.text() };
}

describe('X12 over the SFTP mailbox: 850 → 997 + 855 → 856 → 810, each acknowledged', () => {
  it('takes the order once, answers 997s, and sends 855, 856 and 810 that the partner acknowledges', async () => {
    const { text, poNumber, controlNumber } = harbor.purchaseOrder(plan('HL-PO-9001'));
    await harbor.dropOverSftp(text);
    const id = await onlyOrder(poNumber);

    const ack = await harbor.waitForDocument('997', (s) => acknowledges(s, controlNumber));
    expect(segment(ack, 'AK1')!.slice(1, 2)).toEqual(['PO']);
    expect(segment(ack, 'AK5')!.slice(1)).toEqual(['A']);
    expect(segment(ack, 'AK9')!.slice(1, 5)).toEqual(['A', '1', '1', '1']);

    const po855 = await harbor.waitForDocument('855', (s) => segment(s, 'BAK')?.[3] === poNumber, 20_000);
    expect(segment(po855, 'BAK')![2]).toBe('AD');
    expect(po855.segments.filter((s) => s[0] === 'ACK').map((s) => s[1])).toEqual(['IA', 'IA']);
    const asn = await harbor.waitForDocument('856', (s) => s.segments.some((seg) => seg[0] === 'PRF' && seg[1] === poNumber), 20_000);
    expect(asn.segments.filter((s) => s[0] === 'SN1').map((s) => s[2])).toEqual(['2', '3']);
    const invoice = await harbor.waitForDocument('810', (s) => segment(s, 'BIG')?.[4] === poNumber, 20_000);
    // 2 × 12.50 + 3 × 13.50 = 65.50, in cents with two implied decimals.
    expect(segment(invoice, 'TDS')![1]).toBe('6550');
    for (const problems of [po855.problems, asn.problems, invoice.problems]) expect(problems).toEqual([]);

    const view = await eventually(async () => {
      const v = await orderView(id);
      return v.timeline.filter((e) => /Harborline Home & Garden acknowledged/.test(e.summary)).length >= 3 ? v : undefined;
    }, 20_000, 'three acknowledged documents on the timeline');
    expect(view.order).toMatchObject({ externalId: poNumber, channel: 'edi', customer: { accountNumber: 'harborline' } });
    expect(view.order!.sourceDocument).toMatch(/^HARBORLINEHG\/\d{9}\/\d+\/0001$/);
    const acknowledged = view.timeline.map((e) => e.summary).filter((s) => s.includes('acknowledged'));
    expect(acknowledged.join('\n')).toMatch(/855 acknowledgement \(AD\).*: accepted/);
    expect(acknowledged.join('\n')).toMatch(/856 ship notice.*: accepted/);
    expect(acknowledged.join('\n')).toMatch(/810 invoice.*: accepted/);
    const { body } = await getJson<{ acknowledgements: Array<{ key: string }> }>(`${world.hub.url}/api/acknowledgements`);
    expect(body.acknowledgements.filter((a) => a.key.startsWith('harborline:'))).toEqual([]);
  });

  it('makes no second order when the same file is dropped again, and answers with the same 997', async () => {
    const { text, poNumber, controlNumber } = harbor.purchaseOrder(plan('HL-PO-9002', 1));
    await harbor.dropOverSftp(text, 'PO_AGAIN_1.x12');
    await onlyOrder(poNumber);
    const first = await harbor.waitForDocument('997', (s) => acknowledges(s, controlNumber));
    await harbor.dropOverSftp(text, 'PO_AGAIN_2.x12');
    const answers = await eventually(() => {
      const found = harbor.received().filter((r) => r.groups.some((g) => g.sets.some((s) => s.id === '997' && acknowledges(s, controlNumber))));
      return found.length >= 2 ? found : undefined;
    }, 15_000, 'a second 997');
    expect(answers[1]!.controlNumber).toBe(answers[0]!.controlNumber);
    expect(answers[1]!.controlNumber).toBe(first.interchangeControlNumber);
    expect(await ordersFor(poNumber)).toHaveLength(1);
  });
});

describe('X12 over HTTP', () => {
  it('answers an 850 with its 997 at once, and the same PO again makes no second order', async () => {
    const { text, poNumber } = meridian.purchaseOrder(plan('MHC-7001'));
    const first = await post(text, MERIDIAN_TOKEN);
    expect(first.status).toBe(200);
    expect(first.body).toMatch(/~ST\*997\*0001~AK1\*PO\*\d+\*005010~AK2\*850\*0001~AK5\*A~AK9\*A\*1\*1\*1~/);
    const id = await onlyOrder(poNumber);
    const again = meridian.purchaseOrder(plan('MHC-7001'));
    expect((await post(again.text, MERIDIAN_TOKEN)).status).toBe(200);
    expect(await ordersFor(poNumber)).toEqual([id]);
    // The 855 goes to the partner's URL, and its 997 comes back over HTTP and settles it.
    await meridian.waitForDocument('855', (s) => segment(s, 'BAK')?.[3] === poNumber, 20_000);
    await eventually(async () => ((await orderView(id)).timeline.some((e) => /Meridian Co-op acknowledged 855/.test(e.summary)) ? true : undefined), 20_000, '855 acknowledged');
  });

  it('refuses a wrong token (401) and another partner\'s interchange (403), storing nothing', async () => {
    const { text, poNumber } = meridian.purchaseOrder(plan('MHC-7002'));
    expect((await post(text, 'not-the-token-0123456789')).status).toBe(401);
    const wrongSender = await post(text, QUIET_TOKEN);
    expect(wrongSender.status).toBe(403);
    expect(wrongSender.body).toContain('MERIDIANCOOP');
    expect(await ordersFor(poNumber)).toEqual([]);
  });

  it('answers a broken envelope with a TA1 R and files it; rejects a set with a wrong count and takes its neighbour', async () => {
    const { text } = meridian.purchaseOrder(plan('MHC-7003'));
    const broken = text.replace(/IEA\*1\*\d{9}~/, 'IEA*1*000000000~');
    const refused = await post(broken, MERIDIAN_TOKEN);
    expect(refused.status).toBe(400);
    expect(refused.body).toMatch(/~TA1\*\d{9}\*\d{6}\*\d{4}\*R\*001~/);
    expect(await filedKinds()).toContain('x12-interchange-rejected');

    const two = meridian.purchaseOrders([plan('MHC-7004', 1), plan('MHC-7005', 1)]);
    const miscounted = two.text.replace(/SE\*(\d+)\*0001~/, (_m, n: string) => `SE*${Number(n) + 1}*0001~`);
    const answer = await post(miscounted, MERIDIAN_TOKEN);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatch(/AK2\*850\*0001~AK5\*R\*4~AK2\*850\*0002~AK5\*A~AK9\*P\*2\*2\*1~/);
    expect(await ordersFor('MHC-7004')).toEqual([]);
    await onlyOrder('MHC-7005');
    expect(await filedKinds()).toContain('x12-set-rejected');
  });
});

describe('a partner that never acknowledges', () => {
  it('lists its 855 overdue and fires the ack_overdue alert naming the partner, the document and the order', async () => {
    const { text, poNumber } = quiet.purchaseOrder({ ...plan('QB-1'), shipTo: { ...plan('QB-1').shipTo, name: 'Quiet Buyer DC' } });
    expect((await post(text, QUIET_TOKEN)).status).toBe(200);
    const id = await onlyOrder(poNumber);
    await quiet.waitForDocument('855', (s) => segment(s, 'BAK')?.[3] === poNumber, 20_000);
    const overdue = await eventually(async () => {
      const { body } = await getJson<{ acknowledgements: Array<{ partner: string; hubOrderId: string; overdue: boolean; document: string }> }>(`${world.hub.url}/api/acknowledgements?state=overdue`);
      return body.acknowledgements.find((a) => a.hubOrderId === id);
    }, 15_000, 'the 855 overdue');
    expect(overdue).toMatchObject({ partner: 'Quiet Buyer', overdue: true });
    const firing = await eventually(() => alertPayloads.find((p) => p.alert === 'edi-acks' && p.status === 'firing' && p.message.includes(id)), 15_000, 'ack_overdue alert');
    expect(firing.message).toContain('Quiet Buyer');
    expect(firing.message).toContain(`855 acknowledgement (AD) for PO ${poNumber}`);

    const key = (await getJson<{ acknowledgements: Array<{ key: string; hubOrderId: string }> }>(`${world.hub.url}/api/acknowledgements`)).body.acknowledgements.find((a) => a.hubOrderId === id)!.key;
    const dismissed = await fetch(`${world.hub.url}/api/acknowledgements/edi/${encodeURIComponent(key)}/dismiss`, { method: 'POST', headers: authHeaders() });
    expect(dismissed.status).toBe(200);
    await eventually(() => alertPayloads.find((p) => p.alert === 'edi-acks' && p.status === 'resolved'), 15_000, 'the alert resolved');
  });
});
