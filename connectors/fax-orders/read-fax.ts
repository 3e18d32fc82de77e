/**
 * One fax → the order it asks for, or the reasons a person must look (the SDK's form
 * reader: align, identify, OCR every field with its confidence, judge against the
 * catalog and customers). The fax's reference and arrival time come from the envelope.
 */
import type { RawEnvelope } from '../../src/sdk/index.js';
import type { FormReader } from '../../src/sdk/forms.js';
import type { FaxOrdersConfig } from './config.js';

export interface FaxReader {
  read(raw: RawEnvelope, corrections?: Record<string, string>): Promise<unknown>;
  close(): Promise<void>;
}

export function faxReader(config: FaxOrdersConfig): FaxReader {
  let reader: Promise<FormReader> | undefined;
  // The form reader (image and OCR libraries) is loaded with the first fax.
  const get = () => (reader ??= import('../../src/sdk/forms.js').then(({ createFormReader }) => createFormReader(config)));
  return {
    read: async (raw, corrections) => (await get()).read(raw.body, raw.contentType, {
      reference: raw.meta.reference ?? raw.meta.file ?? '', receivedAt: raw.meta.receivedAt ?? new Date().toISOString(),
    }, corrections),
    close: async () => {
      if (reader) await (await reader).close();
    },
  };
}
