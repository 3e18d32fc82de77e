/**
 * The bytes an order keeps of the interchange it came in. An interchange holding one
 * transaction set is kept whole, as sent. One holding several is cut to the order's set:
 * the ISA and GS segments and the set's own segments exactly as sent, closed by a GE and
 * an IEA that count that one set, so what is kept is still an interchange the hub (and a
 * person's EDI viewer) reads. Otherwise each of a hundred orders of one interchange would
 * keep the hundred of them.
 */
import type { FunctionalGroup, InterchangeHeader, Segment, TransactionSet } from './edi/index.js';

const ISA_LENGTH = 105;

export function orderBytes(bytes: Buffer, header: InterchangeHeader, group: FunctionalGroup, set: TransactionSet, setsInInterchange: number): Buffer {
  if (setsInInterchange === 1) return bytes;
  const { element, segment: terminator } = header.separators;
  const text = bytes.toString('utf8');
  const isa = text.slice(text.indexOf('ISA'), text.indexOf('ISA') + ISA_LENGTH);
  const own = [group.header, set.header, ...set.segments, ...(set.trailer ? [set.trailer] : [])].map((s: Segment) => s.elements.join(element));
  const trailers = [['GE', '1', group.controlNumber].join(element), ['IEA', '1', header.controlNumber].join(element)];
  return Buffer.from([isa, ...own, ...trailers].map((s) => `${s}${terminator}`).join(''), 'utf8');
}
