/**
 * The PDF label: one 4×6 in page (288×432 pt) drawn with pdf-lib's built-in Helvetica,
 * with the tracking number as a real Code 128 barcode. Characters Helvetica cannot
 * print (outside WinAnsi) become `?` rather than failing the shipment.
 */
import { PDFDocument, StandardFonts, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import { code128Widths } from './code128.js';
import { addressLines, footerLine, groupedTrackingNumber, serviceLetter, type LabelContent } from './label-content.js';

const PAGE = { width: 288, height: 432 };
const MARGIN = 14;
const BLACK = rgb(0, 0, 0);
const WHITE = rgb(1, 1, 1);

interface Pen {
  page: PDFPage;
  regular: PDFFont;
  bold: PDFFont;
}

export async function renderPdfLabel(content: LabelContent, createdAt: Date): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.setTitle(`ParcelCo label ${content.trackingNumber}`);
  pdf.setProducer('ParcelCo simulator');
  pdf.setCreationDate(createdAt);
  pdf.setModificationDate(createdAt);
  const pen: Pen = {
    page: pdf.addPage([PAGE.width, PAGE.height]),
    regular: await pdf.embedFont(StandardFonts.Helvetica),
    bold: await pdf.embedFont(StandardFonts.HelveticaBold),
  };
  drawHeader(pen, content);
  drawAddresses(pen, content);
  drawTracking(pen, content);
  return pdf.save();
}

function drawHeader(pen: Pen, content: LabelContent): void {
  write(pen, 'ParcelCo', MARGIN, 404, 20, pen.bold);
  pen.page.drawRectangle({ x: PAGE.width - MARGIN - 60, y: 372, width: 60, height: 50, color: BLACK });
  write(pen, serviceLetter(content.service), PAGE.width - MARGIN - 47, 381, 40, pen.bold, WHITE);
  write(pen, 'FROM:', MARGIN, 384, 7, pen.bold);
  addressLines(content.shipFrom).forEach((line, index) => write(pen, line, MARGIN + 30, 384 - index * 9, 7));
  rule(pen, 330);
}

function drawAddresses(pen: Pen, content: LabelContent): void {
  write(pen, 'SHIP TO:', MARGIN, 314, 9, pen.bold);
  addressLines(content.shipTo).forEach((line, index) => {
    write(pen, line, MARGIN + 18, 296 - index * 17, index === 0 ? 14 : 12, index === 0 ? pen.bold : pen.regular);
  });
  rule(pen, 196);
}

function drawTracking(pen: Pen, content: LabelContent): void {
  write(pen, `PARCELCO ${content.service}`, MARGIN, 176, 14, pen.bold);
  write(pen, `TRACKING #: ${groupedTrackingNumber(content.trackingNumber)}`, MARGIN, 160, 10);
  drawBarcode(pen, content.trackingNumber, 62, 84);
  const grouped = groupedTrackingNumber(content.trackingNumber);
  write(pen, grouped, (PAGE.width - pen.regular.widthOfTextAtSize(grouped, 10)) / 2, 48, 10);
  rule(pen, 36);
  write(pen, footerLine(content), MARGIN, 22, 7);
}

/** Bars of the Code 128 symbol, centred, `height` pt tall with their foot at `y`. */
function drawBarcode(pen: Pen, text: string, y: number, height: number): void {
  const widths = code128Widths(text);
  const modules = widths.reduce((sum, width) => sum + width, 0);
  const module = Math.min(2, (PAGE.width - 4 * MARGIN) / modules);
  let x = (PAGE.width - modules * module) / 2;
  widths.forEach((width, index) => {
    if (index % 2 === 0) pen.page.drawRectangle({ x, y, width: width * module, height, color: BLACK });
    x += width * module;
  });
}

function rule(pen: Pen, y: number): void {
  pen.page.drawLine({ start: { x: MARGIN, y }, end: { x: PAGE.width - MARGIN, y }, thickness: 1.5, color: BLACK });
}

function write(pen: Pen, text: string, x: number, y: number, size: number, font = pen.regular, color = BLACK): void {
  pen.page.drawText(winAnsi(text), { x, y, size, font, color });
}

/** Helvetica covers WinAnsi: printable ASCII and Latin-1; anything else is printed as `?`. */
export function winAnsi(text: string): string {
  return text.normalize('NFC').replace(/[^\x20-\x7E\xA0-\xFF]/g, '?');
}
