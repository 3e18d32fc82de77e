/**
 * Failures a test injects into the server API, consumed one per request in the order
 * they were set: an error status (an outage), a 429 with Retry-After (rate limiting),
 * or a delay before an otherwise normal answer (a slow gateway, a client timeout).
 */

export type Fault =
  | { kind: 'fail'; status: number }
  | { kind: 'rate-limit'; retryAfterSeconds: number }
  | { kind: 'delay'; ms: number };

export class Faults {
  readonly #queue: Fault[] = [];

  failNext(count: number, status: number): void {
    this.#push(count, { kind: 'fail', status });
  }

  rateLimit(count: number, retryAfterSeconds: number): void {
    this.#push(count, { kind: 'rate-limit', retryAfterSeconds });
  }

  delayNext(ms: number): void {
    this.#push(1, { kind: 'delay', ms });
  }

  clear(): void {
    this.#queue.length = 0;
  }

  /** The fault for the request now arriving, consumed; undefined for a normal answer. */
  take(): Fault | undefined {
    return this.#queue.shift();
  }

  #push(count: number, fault: Fault): void {
    for (let i = 0; i < count; i += 1) this.#queue.push({ ...fault });
  }
}
