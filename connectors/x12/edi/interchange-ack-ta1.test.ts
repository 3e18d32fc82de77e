/** TA1: the received interchange's control number, date and time, A/E/R and the note code. */
import { describe, expect, it } from 'vitest';
import { interchangeAckTa1, ta1ForReading } from './interchange-ack-ta1.js';
import { readInterchange } from './read-interchange.js';
import { interchangeText, MINIMAL_850, purchaseOrderGroup } from './testing/isa-text.js';

describe('TA1', () => {
  it('accepts a good interchange with note 000', () => {
    const reading = readInterchange(interchangeText(purchaseOrderGroup(MINIMAL_850), { controlNumber: '000004217', date: '240311', time: '0915' }));
    expect(ta1ForReading(reading)).toEqual(['TA1', '000004217', '240311', '0915', 'A', '000']);
  });

  it('rejects with the note code of the rejection', () => {
    const reading = readInterchange(interchangeText([...purchaseOrderGroup(MINIMAL_850), 'IEA*1*000000043']));
    expect(ta1ForReading(reading)).toEqual(['TA1', '000000042', '240318', '1045', 'R', '001']);
  });

  it('gives nothing when there was no ISA to answer', () => {
    expect(ta1ForReading(readInterchange('not x12'))).toBeUndefined();
  });

  it('writes only the digits of the echoed fields, and any status and note', () => {
    const reading = readInterchange(interchangeText(purchaseOrderGroup(MINIMAL_850)));
    const header = { ...reading.interchange!, controlNumber: '00000*042' };
    expect(interchangeAckTa1(header, 'E', '024')).toEqual(['TA1', '00000042', '240318', '1045', 'E', '024']);
  });
});
