/**
 * Renders a parcel's label in the format the shipper asked for and packs it the way
 * the API returns it: format, content type and base64 data.
 */
import type { LabelContent } from './label-content.js';
import { renderPdfLabel } from './label-pdf.js';
import { renderZplLabel } from './label-zpl.js';
import type { Label, LabelFormat } from './types.js';

export async function renderLabel(format: LabelFormat, content: LabelContent, createdAt: Date): Promise<Label> {
  if (format === 'ZPL') {
    return { format, contentType: 'application/x-zpl', data: Buffer.from(renderZplLabel(content), 'utf8').toString('base64') };
  }
  const pdf = await renderPdfLabel(content, createdAt);
  return { format, contentType: 'application/pdf', data: Buffer.from(pdf).toString('base64') };
}
