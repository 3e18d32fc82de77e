/**
 * Our printable order forms for connectors that read faxes and scans: layouts, the
 * reader (pages → aligned → identified → OCR per field), the judge (confidence and
 * checks against the catalog and customer directory), and the renderers (the blank form,
 * the confirmation faxed back). A separate entry of the SDK, loaded on first use
 * (`await import('…/src/sdk/forms.js')`): its image and OCR libraries take a quarter of a
 * second to load, which processes that read no forms should not pay at start.
 */
export { loadFormLayout, pageFields, type FormLayout, type FormField } from '../forms/form-layout.js';
export { readForm, type FormReading, type PageOutcome } from '../forms/read-form.js';
export { judgeForm, type FormOrderData, type JudgedField, type Judgement } from '../forms/judge-form.js';
export { loadDirectory, type Directory, type CatalogItem, type CustomerRecord } from '../forms/directory.js';
export { createOcrEngine, type OcrEngine } from '../forms/ocr-engine.js';
export { renderConfirmationPdf, type ConfirmationContent } from '../forms/render-confirmation.js';
export { loadPages } from '../forms/load-pages.js';
export { createFormReader, type FormReader, type FormReaderSettings, type FormOrder } from '../forms/form-reader.js';
