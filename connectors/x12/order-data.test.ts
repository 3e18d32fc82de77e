/**
 * Reading a stored 850 again (normalize worker, review, replay, `hub dry-run`): the set
 * the envelope's meta names, else the sender's first 850; refusals name the partner or
 * the envelope problem.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseStoredOrder } from './order-data.js';
import { sampleConfig, samplePartner } from './test-partners.js';

const MERIDIAN = readFileSync(resolve(import.meta.dirname, 'samples/inbound/850-005010-meridian-multi.edi'));
const raw = (meta: Record<string, string>, body = MERIDIAN) => ({ contentType: 'application/edi-x12', body, meta });

describe('reading a stored 850 again', () => {
  it('reads the set the meta names', () => {
    const data = parseStoredOrder(sampleConfig(), raw({ partner: 'meridian', group: '1201', set: '0002' }));
    expect(data).toMatchObject({ poNumber: 'MHC-240412-02', sourceDocument: 'MERIDIANCOOP/000000318/1201/0002', partner: { id: 'meridian' } });
  });

  it('reads the sender\'s first 850 when the bytes come without meta (a dry run of a file)', () => {
    expect(parseStoredOrder(sampleConfig(), raw({}))).toMatchObject({ poNumber: 'MHC-240412-01', partner: { id: 'meridian' } });
  });

  it('refuses an order of a partner no longer configured, and an interchange whose envelope is refused', () => {
    expect(() => parseStoredOrder(sampleConfig([samplePartner('harborline')]), raw({ partner: 'meridian', group: '1201', set: '0001' })))
      .toThrow(expect.objectContaining({ code: 'X12_UNKNOWN_PARTNER' }));
    const broken = Buffer.from(MERIDIAN.toString('utf8').replace('IEA*2*000000318', 'IEA*2*000000319'));
    expect(() => parseStoredOrder(sampleConfig(), raw({}, broken))).toThrow(expect.objectContaining({ code: 'X12_INTERCHANGE_REFUSED', message: expect.stringMatching(/TA1 001/) }));
    expect(() => parseStoredOrder(sampleConfig(), raw({ partner: 'meridian', group: '1201', set: '0009' }))).toThrow(expect.objectContaining({ code: 'X12_SET_NOT_FOUND' }));
  });
});
