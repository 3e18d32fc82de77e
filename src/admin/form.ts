/** Reading an HTML form post: text fields only, trimmed; files and repeats are ignored. */
import type { Context } from 'hono';

export type FormFields = Record<string, string>;

export async function readForm(c: Context): Promise<FormFields> {
  const body = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>);
  const fields: FormFields = {};
  for (const [key, value] of Object.entries(body)) {
    if (typeof value === 'string') fields[key] = value.trim();
  }
  return fields;
}
