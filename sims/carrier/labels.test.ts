/** Labels: a one-page 4×6 in PDF and ZPL II with the tracking number in a Code 128 field. */
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { groupedTrackingNumber, type LabelContent } from './label-content.js';
import { field } from './label-zpl.js';
import { renderLabel } from './labels.js';

const CONTENT: LabelContent = {
  trackingNumber: '1Z999AA10123456784',
  service: 'EXPRESS',
  reference: 'ORD-1001',
  shipFrom: { name: 'Hub Warehouse', line1: '1 Dock Rd', city: 'Newark', region: 'NJ', postalCode: '07102', country: 'US' },
  shipTo: { name: 'Zoë Ångström ☃', line1: '5 Main St', line2: 'Apt ^2~', city: 'Portland', region: 'OR', postalCode: '97201', country: 'US' },
  parcelNumber: 1,
  parcelCount: 2,
  weightGrams: 1250,
  shipDate: '2025-01-08',
};

describe('labels', () => {
  it('renders a one-page 4×6 in PDF, even for characters Helvetica lacks', async () => {
    const label = await renderLabel('PDF', CONTENT, new Date('2025-01-08T10:00:00Z'));
    expect(label.format).toBe('PDF');
    expect(label.contentType).toBe('application/pdf');
    const bytes = Buffer.from(label.data, 'base64');
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const pdf = await PDFDocument.load(bytes);
    expect(pdf.getPageCount()).toBe(1);
    expect(pdf.getPage(0).getSize()).toEqual({ width: 288, height: 432 });
    expect(pdf.getTitle()).toBe('ParcelCo label 1Z999AA10123456784');
  });

  it('renders ZPL II with the tracking number in a Code 128 field', async () => {
    const label = await renderLabel('ZPL', CONTENT, new Date());
    expect(label.contentType).toBe('application/x-zpl');
    const zpl = Buffer.from(label.data, 'base64').toString('utf8');
    expect(zpl.startsWith('^XA')).toBe(true);
    expect(zpl.trimEnd().endsWith('^XZ')).toBe(true);
    expect(zpl).toMatch(/\^BCN,\d+,Y,N,N,A\^FH\^FD1Z999AA10123456784\^FS/);
    expect(zpl).toContain('Zoë Ångström ☃');
    expect(zpl).toContain('Apt _5E2_7E');
  });

  it('escapes ZPL control characters in field data', () => {
    expect(field('a^b~c_d')).toBe('^FH^FDa_5Eb_7Ec_5Fd^FS');
  });

  it('groups tracking numbers for people', () => {
    expect(groupedTrackingNumber('1Z999AA10123456784')).toBe('1Z 999 AA1 01 2345 678 4');
    expect(groupedTrackingNumber('9400111201080805483016')).toBe('9400 1112 0108 0805 4830 16');
  });
});
