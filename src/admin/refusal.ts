/**
 * A console action the hub refuses with a `BadInputError` (a taken id, a bad id, devices
 * not configured…) becomes a message and a status for the page to show, never a stack.
 * Any other error propagates to the console's error page.
 */
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { BadInputError } from '../sdk/errors/index.js';

export type Outcome<T> = { ok: true; value: T } | { ok: false; message: string; status: ContentfulStatusCode };

export async function refusalOf<T>(action: () => Promise<T>): Promise<Outcome<T>> {
  try {
    return { ok: true, value: await action() };
  } catch (error) {
    if (!(error instanceof BadInputError)) throw error;
    return { ok: false, message: refusalText(error), status: refusalStatus(error.status) };
  }
}

function refusalText(error: BadInputError): string {
  const sentence = error.message.charAt(0).toUpperCase() + error.message.slice(1);
  return error.hint ? `${sentence}: ${error.hint}.` : `${sentence}.`;
}

/** The error's status when it is a client or server error code, else 400. */
function refusalStatus(status: number): ContentfulStatusCode {
  return Number.isInteger(status) && status >= 400 && status <= 599 ? (status as ContentfulStatusCode) : 400;
}
