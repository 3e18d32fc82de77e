/**
 * The bytes the hub keeps of a cXML document, without its shared secrets: every
 * `<SharedSecret>…</SharedSecret>` holds `[redacted]` instead. The secret is a
 * password; it must not be stored with the order, shown at `/api/orders/ID/raw` or
 * filed. Run only on documents that parsed, so every element is closed.
 */

/** The content type the kept bytes are stored with. */
export const STORED_CONTENT_TYPE = 'text/xml';

const SHARED_SECRET = /<SharedSecret(?:\s[^>]*[^/>])?\s*>[\s\S]*?<\/SharedSecret\s*>/g;
export const REDACTED_SECRET = '<SharedSecret>[redacted]</SharedSecret>';

export function withoutSharedSecrets(body: Buffer): Buffer {
  const text = body.toString('utf8');
  const redacted = text.replace(SHARED_SECRET, REDACTED_SECRET);
  return redacted === text ? body : Buffer.from(redacted, 'utf8');
}
