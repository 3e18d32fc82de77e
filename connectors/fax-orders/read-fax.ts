/**
 * One fax → the order it asks for, or the reasons a person must look (the SDK's form
 * reader: align, identify, OCR every field with its confidence, judge against the
 * catalog and customers). The fax's reference and arrival time come from the envelope.
 */
import { createFormReader, type RawEnvelope } from '../../src/sdk/index.js';
import type { FaxOrdersConfig } from './config.js';

export interface FaxReader {
  read(raw: RawEnvelope, corrections?: Record<string, string>): Promise<unknown>;
  close(): Promise<void>;
}

export function faxReader(config: FaxOrdersConfig): FaxReader {
  const reader = createFormReader({ ...config, ocrWorkers: config.ocrWorkers });
  return {
    read: (raw, corrections) => reader.read(raw.body, raw.contentType, {
      reference: raw.meta.reference ?? raw.meta.file ?? '', receivedAt: raw.meta.receivedAt ?? new Date().toISOString(),
    }, corrections),
    close: () => reader.close(),
  };
}
