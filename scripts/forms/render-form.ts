/**
 * Renders a blank printable order form from its layout:
 *
 *   npx tsx scripts/forms/render-form.ts mappings/forms/order-form-v1.json --out form.pdf
 *   npm run form:render -- mappings/forms/order-form-v1.json --out form.png --dpi 300
 *
 * The output format follows the extension of --out: .pdf (A4, 300-dpi image), .png
 * (greyscale, --dpi, default 200) or .svg (vector, sized in mm). --page / --page-count set
 * the page carried in the mark (default 1 of the layout's page count).
 */
import { writeFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { parseArgs } from 'node:util';
import { loadFormLayout } from '../../src/forms/form-layout.js';
import { formSvg, renderFormPdf, renderFormPng } from '../../src/forms/render-form.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    out: { type: 'string', short: 'o' },
    dpi: { type: 'string' },
    page: { type: 'string' },
    'page-count': { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
});

const usage = 'usage: render-form <layout.json> --out <form.pdf|form.png|form.svg> [--dpi 200] [--page 1] [--page-count N]';
const layoutFile = positionals[0];
if (values.help || !layoutFile || !values.out) {
  console.error(usage);
  process.exit(values.help ? 0 : 2);
}

const layout = await loadFormLayout(layoutFile);
const page = values.page ? Number(values.page) : 1;
const pageCount = values['page-count'] ? Number(values['page-count']) : layout.pages;
const out = values.out;
const ext = extname(out).toLowerCase();
let bytes: Buffer | string;
if (ext === '.pdf') bytes = await renderFormPdf(layout, { page, pageCount });
else if (ext === '.png') bytes = await renderFormPng(layout, { page, pageCount, dpi: values.dpi ? Number(values.dpi) : 200 });
else if (ext === '.svg') bytes = formSvg(layout, { page, pageCount });
else {
  console.error(`unknown output type ${ext || '(none)'}: use .pdf, .png or .svg\n${usage}`);
  process.exit(2);
}
await writeFile(out, bytes);
console.log(`${out}: ${layout.title} (form ${layout.formNumber} v${layout.version}, page ${page}/${pageCount}), ${bytes.length} bytes`);
