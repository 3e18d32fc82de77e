/**
 * The workbench's form post (multipart, or url-encoded without a file): the sample as
 * pasted, or the uploaded file's text when one was chosen (it wins over the textarea);
 * the instance the sample came from, and the golden test's name.
 */
import type { Context } from 'hono';

export interface SampleFields {
  text: string;
  /** The uploaded file's name, when the sample came from one. */
  fileName?: string;
  instance?: string;
  name: string;
}

export async function readSampleFields(c: Context): Promise<SampleFields> {
  const body = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>);
  const file = body.file;
  const uploaded = file instanceof File && file.size > 0 ? file : undefined;
  const text = uploaded ? await uploaded.text() : textOf(body.sample);
  const instance = textOf(body.instance);
  return {
    text: text.trim(),
    ...(uploaded ? { fileName: uploaded.name } : {}),
    ...(instance ? { instance } : {}),
    name: textOf(body.name).trim(),
  };
}

function textOf(value: unknown): string {
  return typeof value === 'string' ? value : '';
}
