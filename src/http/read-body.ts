/**
 * Reads a request body into a Buffer without ever holding more than the limit:
 * a declared Content-Length over the limit is refused before reading, and a
 * chunked body is cut off as soon as it passes the limit.
 */
import { BadInputError } from '../sdk/errors/index.js';

export async function readBodyWithLimit(request: Request, limitBytes: number): Promise<Buffer> {
  const declared = request.headers.get('content-length');
  if (declared !== null && Number(declared) > limitBytes) throw tooLarge(limitBytes);
  if (!request.body) return Buffer.alloc(0);
  const chunks: Buffer[] = [];
  let total = 0;
  const reader = request.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limitBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(limitBytes);
    }
    chunks.push(Buffer.from(value.buffer, value.byteOffset, value.byteLength));
  }
  return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, total);
}

function tooLarge(limitBytes: number): BadInputError {
  return new BadInputError(`body is larger than ${limitBytes} bytes`, {
    code: 'BODY_TOO_LARGE', status: 413, hint: 'send smaller requests or ask for a higher http.bodyLimitBytes',
  });
}
