/**
 * Reads a request body into a Buffer without ever holding more than the limit.
 * A declared Content-Length over the limit is refused before reading; one within it
 * is read through the server adapter's direct path (`arrayBuffer()` reads the Node
 * request without a web stream; Node's parser never delivers more than the declared
 * length). A body without a length (chunked) is streamed and cut off as soon as it
 * passes the limit. The web-stream path costs several times more CPU per request on
 * Node, so it is kept for the case that needs it.
 */
import { BadInputError } from '../sdk/errors/index.js';

export async function readBodyWithLimit(request: Request, limitBytes: number): Promise<Buffer> {
  const declared = request.headers.get('content-length');
  if (declared !== null) {
    const length = Number(declared);
    if (!Number.isSafeInteger(length) || length < 0) {
      throw new BadInputError('Content-Length is not a byte count', { code: 'BAD_CONTENT_LENGTH', status: 400 });
    }
    if (length > limitBytes) throw tooLarge(limitBytes);
    return Buffer.from(await request.arrayBuffer());
  }
  return readStreamWithLimit(request, limitBytes);
}

async function readStreamWithLimit(request: Request, limitBytes: number): Promise<Buffer> {
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
