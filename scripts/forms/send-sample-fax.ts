/**
 * Drops a sample fax into a fax inbox, as a fax server would: our order form filled in
 * print for a customer of the demo directory, stored as a fine-resolution G4 TIFF.
 *
 *   npx tsx scripts/forms/send-sample-fax.ts --inbox .demo/fax/in [--total 6120] [--style printed-sans|printed-mono|printed-serif|hand]
 */
import sharp from 'sharp';
import { parseArgs } from 'node:util';
import { deliverFax } from '../../sims/fax-gateway/index.js';
import { loadFormLayout } from '../../src/forms/form-layout.js';
import { renderFormPng, type HandStyle } from '../../src/forms/render-form.js';

const { values } = parseArgs({
  options: {
    inbox: { type: 'string', default: '.demo/fax/in' },
    total: { type: 'string', default: '6120' },
    style: { type: 'string', default: 'printed-sans' },
  },
});

const layout = await loadFormLayout('mappings/forms/order-form-v1.json');
const png = await renderFormPng(layout, {
  dpi: 204,
  fill: {
    style: values.style as HandStyle, seed: Date.now() % 1000,
    values: {
      account: '10539261', phone: '441632960781', name: 'Hill Farm Vets',
      'lines.1.sku': 'PEN2041K', 'lines.1.quantity': '2', 'lines.1.unitPrice': '2490',
      'lines.2.sku': 'GEL3310K', 'lines.2.quantity': '1', 'lines.2.unitPrice': '1140',
      total: values.total!,
    },
  },
});
const dotsPerMm = 204 / 25.4;
const tiff = await sharp(png).greyscale().threshold(160).toColourspace('b-w')
  .tiff({ compression: 'ccittfax4', bitdepth: 1, xres: dotsPerMm, yres: dotsPerMm }).toBuffer();
const name = `fax-${new Date().toISOString().replace(/[:.]/g, '-')}.tif`;
await deliverFax(values.inbox!, name, tiff);
console.log(`dropped ${name} (${tiff.length} bytes) into ${values.inbox}`);
