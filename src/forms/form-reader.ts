/**
 * One reader of our order forms for a connector instance: the layouts, the catalog and
 * customer directory and the OCR engine are loaded once, on first use; `read` turns the
 * bytes of a fax or scan into the order it asks for, or throws NeedsReviewError with the
 * reading and every doubt. Corrections from a reviewer replace what was read.
 */
import { NeedsReviewError } from '../sdk/errors/index.js';
import { loadDirectory, type Directory } from './directory.js';
import { loadFormLayout, type FormLayout } from './form-layout.js';
import { judgeForm, type FormOrderData } from './judge-form.js';
import { createOcrEngine, type OcrEngine } from './ocr-engine.js';
import { readForm } from './read-form.js';

export interface FormReaderSettings {
  forms: string[];
  catalog: string;
  customers: string;
  confidenceThreshold: number;
  confirmedThreshold?: number;
  ocrWorkers?: number;
}

/** What the order form says, with the reference and arrival time the mapping needs. */
export type FormOrder = FormOrderData & { reference: string; receivedAt: string };

export interface FormReader {
  read(bytes: Buffer, contentType: string, origin: { reference: string; receivedAt: string }, corrections?: Record<string, string>): Promise<FormOrder>;
  close(): Promise<void>;
}

export function createFormReader(settings: FormReaderSettings): FormReader {
  let ready: Promise<{ layouts: FormLayout[]; directory: Directory; engine: OcrEngine }> | undefined;
  const start = () => (ready ??= (async () => ({
    layouts: await Promise.all(settings.forms.map(loadFormLayout)),
    directory: await loadDirectory({ catalog: settings.catalog, customers: settings.customers }),
    engine: await createOcrEngine({ workers: settings.ocrWorkers ?? 1 }),
  }))());
  return {
    async read(bytes, contentType, origin, corrections = {}) {
      const { layouts, directory, engine } = await start();
      const reading = await readForm(bytes, layouts, engine, contentType);
      const { data, doubts } = judgeForm(reading, directory, {
        threshold: settings.confidenceThreshold, ...(settings.confirmedThreshold !== undefined ? { confirmedThreshold: settings.confirmedThreshold } : {}),
      }, corrections);
      const order: FormOrder = { ...data, ...origin };
      if (doubts.length > 0) throw new NeedsReviewError(doubts, order, { code: 'FORM_DOUBTFUL' });
      return order;
    },
    async close() {
      if (ready) await (await ready).engine.close();
    },
  };
}
