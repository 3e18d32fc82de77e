/** The 856 builder: S/O/P/I hierarchy, HL numbering, CTT counts, and refusals naming the field. */
import { describe, expect, it } from 'vitest';
import { shipNotice856, type ShipNotice856Input } from './ship-notice-856.js';
import { sampleJson } from './testing/golden-file.js';

const INPUT = sampleJson<ShipNotice856Input>('outbound/856-004010-harborline.input.json');
const ids = (segments: string[][]) => segments.map((segment) => segment[0]);

describe('shipNotice856', () => {
  it('writes shipment, order and item levels; CTT counts HL segments and sums SN102', () => {
    const segments = shipNotice856(INPUT);
    expect(segments[0]).toEqual(['BSN', '00', 'CB-ASN-240319-0042', '20240319', '1430', '0001']);
    expect(segments.filter((segment) => segment[0] === 'HL')).toEqual([['HL', '1', '', 'S'], ['HL', '2', '1', 'O'], ['HL', '3', '2', 'I'], ['HL', '4', '2', 'I']]);
    expect(segments.at(-1)).toEqual(['CTT', '4', '28']);
  });

  it('puts items under a package level when one is given, with its MAN marks', () => {
    const segments = shipNotice856({ ...INPUT, pack: { sscc: '000123450000000017', trackingNumber: 'NWTF7781203345' } });
    expect(segments.filter((segment) => segment[0] === 'HL').map((segment) => segment.slice(1).join('/'))).toEqual(['1//S', '2/1/O', '3/2/P', '4/3/I', '5/3/I']);
    expect(segments).toContainEqual(['MAN', 'GM', '000123450000000017']);
    expect(segments.at(-1)).toEqual(['CTT', '5', '28']);
  });

  it('leaves out TD1, TD5, REF and N1 loops that have no data, and writes time 0000 when none is given', () => {
    const minimal: ShipNotice856Input = { shipmentId: 'S-1', shipDate: '2024-03-19', poNumber: 'P-1', poDate: '2024-03-11', carrier: {}, lines: [{ lineNumber: '1', ids: {}, quantityShipped: 1.5, uom: 'LB' }] };
    const segments = shipNotice856(minimal);
    expect(ids(segments)).toEqual(['BSN', 'HL', 'DTM', 'HL', 'PRF', 'HL', 'LIN', 'SN1', 'CTT']);
    expect(segments[0]?.[4]).toBe('0000');
    expect(segments).toContainEqual(['SN1', '1', '1.5', 'LB', '']);
    expect(segments.at(-1)).toEqual(['CTT', '3', '1.5']);
  });

  it.each([
    [{ lines: [] }, 'lines must not be empty'],
    [{ time: '25:00' }, 'time "25:00" is not HH:MM'],
    [{ shipmentId: 'S' }, 'BSN02 "S": data element too short'],
    [{ carrier: { scac: 'NWTF', service: 'GROUND' } }, 'TD512'],
    [{ shipTo: { name: 'Dock', idQualifier: '92' } }, 'shipTo needs both idQualifier and id'],
    [{ shipTo: { name: 'N'.repeat(61) } }, 'N102'],
    [{ shipTo: { name: 'Dock', address: { line1: 'A'.repeat(56) } } }, 'N301'],
    [{ lines: [{ lineNumber: '1', ids: {}, quantityShipped: 0, uom: 'EA' }] }, 'lines[0].quantityShipped must be a positive number'],
    [{ packages: 2.5 }, 'TD102'],
  ])('refuses %j', (change, message) => {
    expect(() => shipNotice856({ ...INPUT, ...change } as ShipNotice856Input)).toThrow(expect.objectContaining({ message: expect.stringContaining(message) }));
  });
});
