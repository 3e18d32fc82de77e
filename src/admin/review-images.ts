/**
 * The image a reviewer compares the reading with: the fax itself (TIFF, PDF, PNG,
 * JPEG), or the scanned form attached to an e-mail (the first image or PDF attachment
 * of a `message/rfc822` original).
 */
import { simpleParser } from 'mailparser';
import type { RawEnvelope } from '../sdk/connector.js';

const IMAGE_TYPES = /^(image\/(tiff|png|jpeg)|application\/pdf)$/;

export async function reviewImage(raw: RawEnvelope | undefined): Promise<{ bytes: Buffer; contentType: string } | undefined> {
  if (!raw) return undefined;
  if (IMAGE_TYPES.test(raw.contentType)) return { bytes: raw.body, contentType: raw.contentType };
  if (raw.contentType !== 'message/rfc822') return undefined;
  const mail = await simpleParser(raw.body).catch(() => undefined);
  const scan = mail?.attachments.find((a) => IMAGE_TYPES.test(a.contentType.toLowerCase()));
  return scan ? { bytes: scan.content, contentType: scan.contentType.toLowerCase() } : undefined;
}
