/**
 * The one-page order confirmation the hub faxes back to a customer who ordered by fax:
 * the confirmation code, the date, what was ordered (lines, quantities, prices, total)
 * and the delivery address, in large plain type that survives a fax line. A PDF drawn
 * with pdf-lib's built-in Helvetica, so no fonts need to be installed.
 */
import { PDFDocument, StandardFonts, rgb } from 'pdf-lib';

export interface ConfirmationContent {
  title: string;
  confirmation: string;
  date: string;
  customer: string;
  address: string[];
  lines: Array<{ sku: string; description: string; quantity: number; unitPrice: string; lineTotal: string }>;
  total: string;
  currency: string;
  message: string;
  from: string;
}

const A4 = { width: 595.28, height: 841.89 };
const MARGIN = 50;

export async function renderConfirmationPdf(content: ConfirmationContent): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  pdf.setTitle(`${content.title} ${content.confirmation}`);
  pdf.setProducer('order hub');
  const page = pdf.addPage([A4.width, A4.height]);
  const regular = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  let y = A4.height - MARGIN;
  const write = (text: string, size: number, font = regular, x = MARGIN) => {
    page.drawText(latin1(text), { x, y, size, font, color: rgb(0, 0, 0) });
  };
  const next = (space: number) => { y -= space; };
  write(content.from, 12, bold); next(30);
  write(content.title, 24, bold); next(34);
  write(`Confirmation: ${content.confirmation}`, 20, bold); next(26);
  write(content.date, 12); next(30);
  write(content.customer, 13, bold); next(18);
  for (const line of content.address) { write(line, 12); next(16); }
  next(18);
  const columns = [MARGIN, MARGIN + 110, MARGIN + 330, MARGIN + 380, MARGIN + 450];
  ['Item', 'Description', 'Qty', 'Price', 'Amount'].forEach((h, i) => write(h, 11, bold, columns[i]));
  next(6);
  page.drawLine({ start: { x: MARGIN, y }, end: { x: A4.width - MARGIN, y }, thickness: 1 });
  next(16);
  for (const line of content.lines) {
    [line.sku, line.description.slice(0, 34), String(line.quantity), line.unitPrice, line.lineTotal].forEach((cell, i) => write(cell, 11, regular, columns[i]));
    next(16);
  }
  page.drawLine({ start: { x: MARGIN, y: y + 8 }, end: { x: A4.width - MARGIN, y: y + 8 }, thickness: 1 });
  next(8);
  write(`Total ${content.currency}`, 12, bold, columns[3]); write(content.total, 12, bold, columns[4]); next(40);
  for (const paragraph of wrap(content.message, 80)) { write(paragraph, 11); next(15); }
  return Buffer.from(await pdf.save());
}

/** Helvetica in PDF covers WinAnsi: anything else is replaced rather than failing the fax. */
function latin1(text: string): string {
  return text.normalize('NFC').replace(/[^\u0020-\u007e\u00a0-\u00ff€]/g, '?');
}

function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let current = '';
  for (const word of text.split(/\s+/)) {
    if (current && (current + ' ' + word).length > width) { lines.push(current); current = word; } else current = current ? `${current} ${word}` : word;
  }
  if (current) lines.push(current);
  return lines;
}
