/**
 * POSTs an interchange as `application/edi-x12`, with `Authorization: Bearer <token>`
 * when a token is given, and returns the answer as text (no answer within the timeout
 * is an error).
 */

export const X12_CONTENT_TYPE = 'application/edi-x12';

export interface X12Answer {
  status: number;
  contentType: string;
  body: string;
}

export async function postX12(url: string, text: string, token?: string, timeoutMs = 15_000): Promise<X12Answer> {
  const headers: Record<string, string> = { 'content-type': X12_CONTENT_TYPE };
  if (token !== undefined) headers['authorization'] = `Bearer ${token}`;
  const response = await fetch(url, { method: 'POST', body: text, headers, signal: AbortSignal.timeout(timeoutMs) });
  return { status: response.status, contentType: response.headers.get('content-type') ?? '', body: await response.text() };
}
