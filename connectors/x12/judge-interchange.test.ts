/**
 * The judgement of received interchanges, on the samples (connectors/x12/samples):
 * orders with their dedup keys and data, the answer (TA1 and 997) with one control number
 * per received interchange, our own envelope rules (addressed to us, the partner's test
 * indicator), senders we do not know, non-X12, cancellations and replacements filed,
 * doubtful totals left to review, rejected sets filed with their reasons, and the
 * partner's 997s read as reports on what we sent.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { memoryControlNumbers } from '../../src/sdk/testkit/stand-ins.js';
import { judgeInterchange, type Judgement } from './judge-interchange.js';
import { sampleConfig, samplePartner } from './test-partners.js';

const AT = new Date('2024-03-11T09:20:00Z');
const sample = (path: string) => readFileSync(resolve(import.meta.dirname, 'samples', path), 'utf8');
const HARBORLINE_850 = sample('inbound/850-004010-harborline.edi');

async function judged(text: string, config = sampleConfig(), numbers = memoryControlNumbers()): Promise<Extract<Judgement, { kind: 'judged' }>> {
  const judgement = await judgeInterchange({ config, controlNumbers: numbers }, Buffer.from(text), AT);
  if (judgement.kind !== 'judged') throw new Error(`expected a judged interchange, got ${judgement.kind}: ${judgement.reason}`);
  return judgement;
}

describe('judging a received interchange', () => {
  it('makes one order per 850, deduplicated on partner and PO number, and answers TA1 A and a 997', async () => {
    const judgement = await judged(HARBORLINE_850);
    expect(judgement.orders).toHaveLength(1);
    expect(judgement.orders[0]).toMatchObject({
      dedupKey: 'harborline:HL-PO-558120', externalId: 'HL-PO-558120', contentType: 'application/edi-x12',
      meta: { via: 'x12', partner: 'harborline', interchange: '000004217', group: '4217', set: '0001', version: '004010', purpose: '00' },
    });
    expect(judgement.orders[0]!.data).toMatchObject({ poNumber: 'HL-PO-558120', subtotal: '2073.90', charges: '45.00', allowances: '13.00', total: '2105.90' });
    expect(judgement.answer).toContain('~TA1*000004217*240311*0915*A*000~');
    expect(judgement.answer).toContain('~AK1*PO*4217~AK2*850*0001~AK5*A~AK9*A*1*1*1~');
    expect(judgement.filed).toEqual([]);
  });

  it('answers the same interchange read again with the same control number and bytes', async () => {
    const numbers = memoryControlNumbers();
    const first = await judged(HARBORLINE_850, sampleConfig(), numbers);
    const meridian = await judged(sample('inbound/850-005010-meridian-multi.edi'), sampleConfig(), numbers);
    const again = await judged(HARBORLINE_850, sampleConfig(), numbers);
    expect(again.answer).toBe(first.answer);
    expect(again.answerNumber).toBe(first.answerNumber);
    expect(meridian.answerNumber).toBe(1);
  });

  it('rejects an interchange addressed to someone else (TA1 008) or with the wrong test indicator (TA1 020), filing it whole', async () => {
    const elsewhere = await judged(HARBORLINE_850.replace('*ZZ*CEDARBROOKOS   *', '*ZZ*SOMEONEELSE    *'));
    expect(elsewhere.orders).toEqual([]);
    expect(elsewhere.rejected).toMatch(/^TA1 008/);
    expect(elsewhere.answer).toMatch(/~TA1\*000004217\*240311\*0915\*R\*008~/);
    expect(elsewhere.filed).toMatchObject([{ kind: 'x12-interchange-rejected', dedupKey: 'harborline:000004217' }]);

    const test = await judged(HARBORLINE_850.replace('*1*P*>~', '*1*T*>~'));
    expect(test.rejected).toMatch(/^TA1 020 .*test indicator is T; Harborline Home & Garden sends production interchanges/);
    expect(test.filed[0]!.kind).toBe('x12-interchange-rejected');
  });

  it('files an interchange from a sender no partner has, and bytes that are no interchange', async () => {
    const config = sampleConfig([samplePartner('meridian')]);
    const stranger = await judgeInterchange({ config, controlNumbers: memoryControlNumbers() }, Buffer.from(HARBORLINE_850), AT);
    expect(stranger).toMatchObject({ kind: 'unknown-sender', filed: { kind: 'x12-unknown-sender' } });
    expect(stranger.kind === 'unknown-sender' && stranger.reason).toMatch(/ZZ\/HARBORLINEHG, which is no configured trading partner/);

    const notX12 = await judgeInterchange({ config, controlNumbers: memoryControlNumbers() }, Buffer.from('<order>not edi</order>'), AT);
    expect(notX12).toMatchObject({ kind: 'unreadable', filed: { kind: 'x12-unreadable' } });
    expect(notX12.kind === 'unreadable' && notX12.filed.dedupKey).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it('takes several orders of several groups, and files a replacement (BEG01 05) for a person', async () => {
    const judgement = await judged(sample('inbound/850-005010-meridian-multi.edi'));
    expect(judgement.orders.map((o) => o.dedupKey)).toEqual(['meridian:MHC-240412-01', 'meridian:MHC-240412-02']);
    expect(judgement.filed).toHaveLength(1);
    expect(judgement.filed[0]).toMatchObject({ kind: 'x12-po-change', meta: { partner: 'meridian' } });
    expect(judgement.filed[0]!.reason).toMatch(/is a replacement of PO MHC-240405-07 \(BEG01 05\)/);
  });

  it('keeps the whole interchange for its only order, and each order\'s own set of one holding several', async () => {
    const single = await judged(HARBORLINE_850);
    expect(single.orders[0]!.body.toString('utf8')).toBe(HARBORLINE_850);

    const multi = await judged(sample('inbound/850-005010-meridian-multi.edi'));
    const kept = multi.orders[1]!.body.toString('utf8');
    const original = sample('inbound/850-005010-meridian-multi.edi');
    const setText = original.slice(original.indexOf('ST*850*0002'), original.indexOf('SE*', original.indexOf('ST*850*0002')));
    expect(kept.startsWith(original.slice(0, 105))).toBe(true);
    expect(kept).toContain(setText.replace(/\n/g, ''));
    expect(kept).not.toContain('ST*850*0001');
    expect(kept.endsWith('GE*1*1201~IEA*1*000000318~')).toBe(true);
    const again = await judged(kept);
    expect(again.orders.map((o) => o.data)).toEqual([multi.orders[1]!.data]);
    expect(again.answer).toMatch(/AK9\*A\*1\*1\*1/);
  });

  it('leaves the data out when the stated total (AMT TT) is not the one worked out, so the hub sends the order to review', async () => {
    const judgement = await judged(HARBORLINE_850.replace('AMT*TT*2105.9~', 'AMT*TT*2200~'));
    expect(judgement.orders).toHaveLength(1);
    expect(judgement.orders[0]!.data).toBeUndefined();
  });

  it('files a set the 997 rejects, saying which segment is wrong', async () => {
    const judgement = await judged(sample('inbound/bad/missing-beg.edi'));
    expect(judgement.orders).toEqual([]);
    expect(judgement.filed).toHaveLength(1);
    expect(judgement.filed[0]!.kind).toBe('x12-set-rejected');
    expect(judgement.filed[0]!.reason).toMatch(/AK5 5 .*BEG/);
    expect(judgement.answer).toMatch(/AK5\*R\*5/);
  });

  it('reads the partner\'s 997 as a report on the group we sent, and does not acknowledge it', async () => {
    const judgement = await judged(sample('inbound/997-004010-from-harborline.edi'));
    expect(judgement.orders).toEqual([]);
    expect(judgement.reports).toHaveLength(1);
    expect(judgement.reports[0]).toEqual({
      key: 'harborline:900001',
      outcome: { verdict: 'partially-accepted', detail: '997 AK9 P, 1 of 2 set(s) accepted; 855 0002: AK5 R 5' },
    });
    expect(judgement.answer ?? '').not.toContain('ST*997');
  });
});
