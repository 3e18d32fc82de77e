/**
 * The X12 trading-partner simulator on its own: the 850s it writes (004010 and 005010,
 * default and custom delimiters) have sound envelopes and the segments a buyer sends;
 * it reads interchanges with several groups and sets and names envelope problems; and
 * it answers an 855 POSTed to it with the right 997 (accept, reject, envelope errors)
 * sent to the hub's URL, or with nothing in `never` mode.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { closeServer } from '../shared/http-server.js';
import { sleep } from '../shared/wait.js';
import { acknowledgementSegments, judgeGroup, parseX12, startX12Partner, type PurchaseOrderPlan, type X12PartnerOptions, type X12PartnerSim } from './index.js';

const PARTNER = { qualifier: 'ZZ', id: 'NORTHWIND', applicationCode: 'NWBUY' };
const HUB = { qualifier: '01', id: '123456789', applicationCode: 'ORDERHUB' };
const CLOCK = () => new Date('2026-03-05T14:07:09Z');

const PLAN: PurchaseOrderPlan = {
  poNumber: 'NW-4500017', date: '2026-03-04', currency: 'USD', department: '042',
  contact: { name: 'Dana Whitfield', phone: '4155550142', email: 'dana@northwind.example' },
  requestedDeliveryDate: '2026-03-12', notes: 'Deliver to dock 3*back door',
  billTo: { name: 'Accounts Payable', company: 'Northwind Stores Inc', line1: '500 Market Street', line2: 'Floor 9', city: 'San Francisco', state: 'CA', postalCode: '94105', country: 'US' },
  shipTo: { name: 'Receiving', line1: '88 Elm Street', city: 'Columbus', state: 'OH', postalCode: '43215', country: 'US' },
  lines: [
    { lineNumber: '1', quantity: 12, unitPrice: '24.90', vendorPart: 'PEN2041K', buyerPart: 'NW-77', description: 'Ballpoint pen blue (box of 50)' },
    { lineNumber: '2', quantity: 3, uom: 'CA', unitPrice: '7.85', vendorPart: 'HLT4402Y' },
  ],
};

const EXPECTED_850 = [
  ['BEG', '00', 'SA', 'NW-4500017', '', '20260304'],
  ['CUR', 'BY', 'USD'],
  ['REF', 'DP', '042'],
  ['PER', 'BD', 'Dana Whitfield', 'TE', '4155550142', 'EM', 'dana@northwind.example'],
  ['DTM', '002', '20260312'],
  ['N9', 'L1', 'NOTES'],
  ['MSG', 'Deliver to dock 3 back door'],
  ['N1', 'BT', 'Accounts Payable'], ['N2', 'Northwind Stores Inc'], ['N3', '500 Market Street', 'Floor 9'], ['N4', 'San Francisco', 'CA', '94105', 'US'],
  ['N1', 'ST', 'Receiving'], ['N3', '88 Elm Street'], ['N4', 'Columbus', 'OH', '43215', 'US'],
  ['PO1', '1', '12', 'EA', '24.90', 'PE', 'VP', 'PEN2041K', 'BP', 'NW-77'],
  ['PID', 'F', '', '', '', 'Ballpoint pen blue (box of 50)'],
  ['PO1', '2', '3', 'CA', '7.85', 'PE', 'VP', 'HLT4402Y'],
  ['CTT', '2'],
];

/** Splits by hand (not with the simulator's reader): segments as element arrays. */
function segmentsOf(text: string, element = '*', terminator = '~'): string[][] {
  return text.split(terminator).map((segment) => segment.replace(/^[\r\n]+/, '')).filter(Boolean).map((segment) => segment.split(element));
}

async function partner(options: Partial<X12PartnerOptions> = {}): Promise<X12PartnerSim> {
  return startX12Partner({ partner: PARTNER, hub: HUB, version: '004010', now: CLOCK, ...options });
}

describe('the 850 it writes', () => {
  it('004010: a fixed-width ISA, counts and control numbers that agree, and a buyer\'s segments', async () => {
    const sim = await partner({ firstControlNumber: 41 });
    const { text, poNumber, controlNumber } = sim.purchaseOrder(PLAN);
    expect([poNumber, controlNumber]).toEqual(['NW-4500017', 41]);
    expect(text.indexOf('~')).toBe(105);
    expect(text.slice(0, 106)).toBe('ISA*00*          *00*          *ZZ*NORTHWIND      *01*123456789      *260305*1407*U*00401*000000041*0*P*:~');
    const segments = segmentsOf(text);
    expect(segments[1]).toEqual(['GS', 'PO', 'NWBUY', 'ORDERHUB', '20260305', '1407', '41', 'X', '004010']);
    expect(segments[2]).toEqual(['ST', '850', '0001']);
    expect(segments.slice(3, -3)).toEqual(EXPECTED_850);
    expect(segments.slice(-3)).toEqual([['SE', String(EXPECTED_850.length + 2), '0001'], ['GE', '1', '41'], ['IEA', '1', '000000041']]);
    expect(sim.purchaseOrder(PLAN).controlNumber).toBe(42);
    await sim.close();
  });

  it('005010 with its own delimiters and line feeds: ISA11 is the repetition separator, and it reads back clean', async () => {
    const separators = { element: '|', component: '>', segment: '!', repetition: '}' };
    const sim = await partner({ version: '005010', separators, newlines: true, usage: 'T' });
    const { text } = sim.purchaseOrder({ ...PLAN, notes: 'a|b!c' });
    expect(text.slice(0, 107)).toBe('ISA|00|          |00|          |ZZ|NORTHWIND      |01|123456789      |260305|1407|}|00501|000000001|0|T|>!\n');
    const segments = segmentsOf(text, '|', '!');
    expect(segments[1]?.[8]).toBe('005010');
    expect(segments.find((segment) => segment[0] === 'MSG')).toEqual(['MSG', 'a b c']);
    const [read] = parseX12(text, { sender: PARTNER, receiver: HUB, usage: 'T' });
    expect(read?.problems).toEqual([]);
    expect(read?.groups[0]?.sets[0]?.segments).toEqual(segmentsOf(text, '|', '!').slice(3, -3));
    await sim.close();
  });

  it('several 850s in one interchange: one group, ST02 0001…, GE01 the number of sets', async () => {
    const sim = await partner({ firstControlNumber: 999_999_999 });
    const { text, poNumbers, controlNumber } = sim.purchaseOrders([PLAN, { ...PLAN, poNumber: 'NW-4500018' }, { ...PLAN, poNumber: 'NW-4500019' }]);
    expect([poNumbers, controlNumber]).toEqual([['NW-4500017', 'NW-4500018', 'NW-4500019'], 999_999_999]);
    const segments = segmentsOf(text);
    expect(segments.filter((s) => s[0] === 'ST').map((s) => s[2])).toEqual(['0001', '0002', '0003']);
    expect(segments.filter((s) => s[0] === 'SE').map((s) => s[2])).toEqual(['0001', '0002', '0003']);
    expect(segments.at(-2)).toEqual(['GE', '3', '999999999']);
    expect(sim.purchaseOrder(PLAN).controlNumber).toBe(1);
    await sim.close();
  });

  it('refuses what it cannot write: a delimiter in an id, a bad price or date', async () => {
    const sim = await partner();
    expect(() => sim.purchaseOrder({ ...PLAN, poNumber: 'PO*1' })).toThrow(/element separator/);
    expect(() => sim.purchaseOrder({ ...PLAN, lines: [{ ...PLAN.lines[0]!, unitPrice: '1,50' }] })).toThrow(/unitPrice/);
    expect(() => sim.purchaseOrder({ ...PLAN, date: '2026-02-30' })).toThrow(/date/);
    await sim.close();
  });
});

/** An ISA from the hub to the partner (fixed width), with the given delimiters. */
function isa(control: string, e = '*', c = ':', s = '~', repetition = 'U'): string {
  const version = repetition === 'U' ? '00401' : '00501';
  return ['ISA', '00', ' '.repeat(10), '00', ' '.repeat(10), '01', '123456789      ', 'ZZ', 'NORTHWIND      ', '260305', '1510', repetition, version, control, '0', 'P', c].join(e) + s;
}

const ACK_855 = (po: string) => [`BAK*00*AC*${po}*20260305`, 'PO1*1*12*EA*24.90**VP*PEN2041K', 'ACK*IA*12*EA', 'CTT*1'];

/** A handmade interchange: segments given as `*`/`~` text, counts written as given. */
function interchange(control: string, groups: Array<{ fid: string; control: string; version?: string; sets: Array<{ id: string; control: string; body: string[]; se01?: string; se02?: string }>; ge01?: string; ge02?: string }>, iea?: string[]): string {
  const lines = [isa(control).slice(0, -1)];
  for (const group of groups) {
    lines.push(`GS*${group.fid}*ORDERHUB*NWBUY*20260305*1510*${group.control}*X*${group.version ?? '004010'}`);
    for (const set of group.sets) {
      lines.push(`ST*${set.id}*${set.control}`, ...set.body, `SE*${set.se01 ?? set.body.length + 2}*${set.se02 ?? set.control}`);
    }
    lines.push(`GE*${group.ge01 ?? group.sets.length}*${group.ge02 ?? group.control}`);
  }
  lines.push(...(iea ?? [`IEA*${groups.length}*${control}`]));
  return `${lines.join('~\r\n')}~\r\n`;
}

describe('reading what the hub sends', () => {
  it('reads several groups and sets with CR/LF after terminators, and finds no problem in a sound interchange', () => {
    const text = interchange('000000777', [
      { fid: 'PR', control: '501', sets: [{ id: '855', control: '0001', body: ACK_855('PO-1') }, { id: '855', control: '0002', body: ACK_855('PO-2') }] },
      { fid: 'SH', control: '502', sets: [{ id: '856', control: '0001', body: ['BSN*00*SHP1*20260305*1510', 'HL*1**S', 'CTT*1'] }] },
    ]);
    const [read, ...others] = parseX12(text, { sender: HUB, receiver: PARTNER, usage: 'P' });
    expect(others).toEqual([]);
    expect(read).toMatchObject({ controlNumber: '000000777', sender: { qualifier: '01', id: '123456789' }, receiver: { id: 'NORTHWIND' }, version: '00401', problems: [] });
    expect(read?.groups.map((g) => [g.functionalId, g.controlNumber, g.sets.map((s) => `${s.id}/${s.controlNumber}`)])).toEqual([
      ['PR', '501', ['855/0001', '855/0002']], ['SH', '502', ['856/0001']],
    ]);
    expect(read?.groups[0]?.sets[1]?.segments[0]).toEqual(['BAK', '00', 'AC', 'PO-2', '20260305']);
  });

  it('takes the delimiters from each ISA, and keeps TA1s', () => {
    const first = `${isa('000000001', '|', '>', '\n')}TA1|000000041|260305|1407|R|006\nIEA|0|000000001\n`;
    const second = `${isa('000000002', '^', '>', '!', '}')}TA1^000000042^260305^1408^A^000!IEA^0^000000002!`;
    const reads = parseX12(first + second);
    expect(reads.map((r) => [r.controlNumber, r.separators.element, r.separators.segment, r.problems])).toEqual([['000000001', '|', '\n', []], ['000000002', '^', '!', []]]);
    expect(reads[1]?.separators.repetition).toBe('}');
    expect(reads.flatMap((r) => r.ta1)).toEqual([
      { controlNumber: '000000041', date: '260305', time: '1407', code: 'R', noteCode: '006' },
      { controlNumber: '000000042', date: '260305', time: '1408', code: 'A', noteCode: '000' },
    ]);
  });

  it('names every envelope problem: SE01, SE02, GE01, GE02, IEA01, IEA02, addressing', () => {
    const text = interchange('000000778', [
      { fid: 'PR', control: '601', sets: [{ id: '855', control: '0001', body: ACK_855('PO-1'), se01: '9' }, { id: '855', control: '0002', body: ACK_855('PO-2'), se02: '0003' }], ge01: '3', ge02: '602' },
    ], ['IEA*2*000000779']);
    const [read] = parseX12(text, { sender: HUB, receiver: { qualifier: 'ZZ', id: 'SOMEONE' }, usage: 'P' });
    expect(read?.groups[0]?.sets.map((s) => s.errorCodes)).toEqual([['4'], ['3']]);
    expect(read?.groups[0]?.errorCodes).toEqual(['5', '4']);
    expect(read?.problems).toEqual([
      'IEA01 is 2 but the interchange has 1 functional groups',
      'IEA02 000000779 differs from ISA13 000000778',
      'addressed to ZZ/NORTHWIND, not to ZZ/SOMEONE',
      'group PR 601: GE01 is 3 but the group has 2 transaction sets',
      'group PR 601: GE02 602 differs from GS06 601',
      'group PR 601, set 855 0001: SE01 is 9 but the set has 6 segments',
      'group PR 601, set 855 0002: SE02 0003 differs from ST02 0002',
    ]);
  });

  it('judges each group for its 997: P when only some sets pass, R with AK905 when the group envelope is wrong', () => {
    const [read] = parseX12(interchange('000000790', [
      { fid: 'PR', control: '1', sets: [{ id: '855', control: '0001', body: ACK_855('PO-1') }, { id: '855', control: '0002', body: ACK_855('PO-2'), se02: '0009' }] },
      { fid: 'PR', control: '2', sets: [{ id: '855', control: '0001', body: ACK_855('PO-3') }], ge01: '2' },
    ]));
    expect(read?.groups.map((group) => acknowledgementSegments(group, judgeGroup(read, group, 'accept'), '004010'))).toEqual([
      [['AK1', 'PR', '1'], ['AK2', '855', '0001'], ['AK5', 'A'], ['AK2', '855', '0002'], ['AK5', 'R', '3'], ['AK9', 'P', '2', '2', '1']],
      [['AK1', 'PR', '2'], ['AK2', '855', '0001'], ['AK5', 'A'], ['AK9', 'R', '2', '1', '0', '5']],
    ]);
  });

  it('notes missing trailers and text that is no interchange', () => {
    const cut = `${isa('000000780')}GS*PR*ORDERHUB*NWBUY*20260305*1510*7*X*004010~ST*855*0001~BAK*00*AC*PO-1*20260305~`;
    const [read] = parseX12(cut);
    expect(read?.groups[0]?.sets[0]?.errorCodes).toEqual(['2']);
    expect(read?.groups[0]?.errorCodes).toEqual(['3']);
    expect(read?.problems).toContain('the interchange has no IEA trailer');
    expect(parseX12('hello')).toEqual([]);
  });
});

interface Posted {
  authorization: string | undefined;
  contentType: string | undefined;
  body: string;
}

/** A stand-in for the hub's 997 endpoint: keeps every POST, answers 200. */
async function hubEndpoint(): Promise<{ url: string; posts: Posted[]; server: Server }> {
  const posts: Posted[] = [];
  const server = createServer((request: IncomingMessage, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      posts.push({ authorization: request.headers.authorization, contentType: request.headers['content-type'], body: Buffer.concat(chunks).toString('utf8') });
      response.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/x12/acks`, posts, server };
}

describe('acknowledging the hub\'s documents over HTTP', () => {
  let hub: Awaited<ReturnType<typeof hubEndpoint>>;
  let sim: X12PartnerSim;
  const send855 = (control: string, gs06: string, options: { se01?: string } = {}) => fetch(sim.receiveUrl!, {
    method: 'POST', headers: { 'content-type': 'application/edi-x12' },
    body: interchange(control, [{ fid: 'PR', control: gs06, sets: [{ id: '855', control: '0001', body: ACK_855('NW-4500017'), ...options }] }]),
  });

  beforeAll(async () => {
    hub = await hubEndpoint();
  });
  afterEach(async () => {
    await sim?.close();
    hub.posts.length = 0;
  });
  afterAll(async () => {
    await closeServer(hub.server);
  });

  it('accepts an 855 with a 997 (AK5 A, AK9 A) in its own interchange, POSTed with its token', async () => {
    sim = await partner({ http: {}, ackVia: { url: hub.url, token: 'partner-token-0123456789' }, firstControlNumber: 300 });
    const answer = await send855('000000901', '9001');
    expect(answer.status).toBe(200);
    const ack = await sim.waitForAcknowledgement();
    expect(ack).toMatchObject({ controlNumber: 300, acknowledgedInterchange: '000000901', functionalId: 'PR', groupControlNumber: '9001', verdict: 'A', via: 'http', destination: hub.url, status: 200 });
    expect(hub.posts).toHaveLength(1);
    expect(hub.posts[0]).toMatchObject({ authorization: 'Bearer partner-token-0123456789', contentType: 'application/edi-x12' });
    const segments = segmentsOf(hub.posts[0]!.body);
    expect(segments[0]?.slice(5, 9)).toEqual(['ZZ', 'NORTHWIND      ', '01', '123456789      ']);
    expect(segments.slice(1)).toEqual([
      ['GS', 'FA', 'NWBUY', 'ORDERHUB', '20260305', '1407', '300', 'X', '004010'],
      ['ST', '997', '0001'], ['AK1', 'PR', '9001'], ['AK2', '855', '0001'], ['AK5', 'A'], ['AK9', 'A', '1', '1', '1'], ['SE', '6', '0001'],
      ['GE', '1', '300'], ['IEA', '1', '000000300'],
    ]);
    expect(sim.documents('855')).toMatchObject([{ id: '855', controlNumber: '0001', groupControlNumber: '9001', interchangeControlNumber: '000000901', functionalId: 'PR', via: 'http', problems: [] }]);
    expect(sim.documents('855')[0]?.segments[0]).toEqual(['BAK', '00', 'AC', 'NW-4500017', '20260305']);
  });

  it('rejects with AK5 R 5 and AK9 R when told to, and reflects envelope errors (AK5 R 4) when accepting', async () => {
    sim = await partner({ http: {}, ackVia: { url: hub.url, token: 'partner-token-0123456789' }, acknowledge: 'reject', version: '005010' });
    expect((await send855('000000902', '9002')).status).toBe(200);
    await sim.waitForAcknowledgement((ack) => ack.groupControlNumber === '9002');
    sim.setAcknowledge('accept');
    expect((await send855('000000903', '9003', { se01: '7' })).status).toBe(200);
    await sim.waitForAcknowledgement((ack) => ack.groupControlNumber === '9003');
    const aks = hub.posts.map((post) => segmentsOf(post.body).filter((segment) => segment[0]?.startsWith('AK')));
    expect(aks).toEqual([
      [['AK1', 'PR', '9002', '004010'], ['AK2', '855', '0001'], ['AK5', 'R', '5'], ['AK9', 'R', '1', '1', '0']],
      [['AK1', 'PR', '9003', '004010'], ['AK2', '855', '0001'], ['AK5', 'R', '4'], ['AK9', 'R', '1', '1', '0']],
    ]);
    expect(sim.received()[1]?.problems).toEqual(['group PR 9003, set 855 0001: SE01 is 7 but the set has 6 segments']);
    expect(sim.acknowledgementsSent().map((ack) => [ack.controlNumber, ack.verdict, ack.sets])).toEqual([
      [1, 'R', [{ id: '855', controlNumber: '0001', verdict: 'R', errorCodes: ['5'] }]],
      [2, 'R', [{ id: '855', controlNumber: '0001', verdict: 'R', errorCodes: ['4'] }]],
    ]);
  });

  it('sends nothing in never mode, never acknowledges a 997, and fails a POST on request', async () => {
    sim = await partner({ http: {}, ackVia: { url: hub.url, token: 'partner-token-0123456789' }, acknowledge: 'never' });
    expect((await send855('000000904', '9004')).status).toBe(200);
    const fa = interchange('000000905', [{ fid: 'FA', control: '9005', sets: [{ id: '997', control: '0001', body: ['AK1*PO*41', 'AK9*A*1*1*1'] }] }]);
    sim.setAcknowledge('accept');
    expect((await fetch(sim.receiveUrl!, { method: 'POST', headers: { 'content-type': 'application/edi-x12' }, body: fa })).status).toBe(200);
    sim.failNext(1, 503);
    expect((await send855('000000906', '9006')).status).toBe(503);
    expect((await fetch(sim.receiveUrl!, { method: 'POST', headers: { 'content-type': 'application/edi-x12' }, body: 'not edi' })).status).toBe(400);
    await sleep(150);
    expect(hub.posts).toEqual([]);
    expect(sim.acknowledgementsSent()).toEqual([]);
    expect(sim.documents('997').map((set) => [set.groupControlNumber, set.segments])).toEqual([['9005', [['AK1', 'PO', '41'], ['AK9', 'A', '1', '1', '1']]]]);
    expect(sim.received().map((r) => r.controlNumber)).toEqual(['000000904', '000000905']);
  });
});
