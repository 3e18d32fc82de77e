/**
 * Failure and latency controls of the OMS simulator: injected error answers,
 * a reject-everything switch, and delayed or never-sent answers.
 */

export interface InjectedFailure {
  status: number;
  body?: string;
}

export type AnswerTiming = { kind: 'now' } | { kind: 'delay'; ms: number } | { kind: 'hang' };

export class Behaviour {
  readonly #failures: InjectedFailure[] = [];
  readonly #timings: AnswerTiming[] = [];
  #rejection: { code: string; message: string } | undefined;

  failNext(count: number, status: number, body?: string): void {
    for (let i = 0; i < count; i += 1) this.#failures.push(body === undefined ? { status } : { status, body });
  }

  /** The next injected failure, consumed. */
  takeFailure(): InjectedFailure | undefined {
    return this.#failures.shift();
  }

  rejectAll(code: string, message: string): void {
    this.#rejection = { code, message };
  }

  /** Accept every order from now on: lifts the rejection and drops pending injected failures. */
  acceptAll(): void {
    this.#rejection = undefined;
    this.#failures.length = 0;
  }

  get rejection(): { code: string; message: string } | undefined {
    return this.#rejection;
  }

  delayNext(ms: number): void {
    this.#timings.push({ kind: 'delay', ms });
  }

  hangNext(): void {
    this.#timings.push({ kind: 'hang' });
  }

  /** How the next successful order answer is to be sent, consumed. */
  takeTiming(): AnswerTiming {
    return this.#timings.shift() ?? { kind: 'now' };
  }
}
