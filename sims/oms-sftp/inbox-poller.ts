/**
 * Polls the inbox for `ORD_*.txt` (hidden names and `.part` uploads are ignored),
 * hands each new file to the intake and moves it to `processed/` or `rejected/`.
 * A name handled before is a duplicate: logged, recorded, and moved aside
 * unread. Done files follow their order file. A poll that fails (server gone) is
 * logged and the next one reconnects; a move that failed is retried first.
 */
import { sleep } from '../shared/wait.js';
import type { IntakeFolder } from './order-intake.js';
import { messageOf, type SimLog } from './sim-log.js';
import type { SftpLink } from './sftp-link.js';
import type { SftpOmsStore } from './store.js';

export interface InboxPollerOptions {
  link: SftpLink;
  store: SftpOmsStore;
  log: SimLog;
  inbox: string;
  intervalMs: number;
  signal: AbortSignal;
  take(name: string): Promise<IntakeFolder>;
  onDuplicate(name: string): void;
}

const ORDER_FILE = /^ORD_[^/]+\.txt$/;

export function isOrderFileName(name: string): boolean {
  return !name.startsWith('.') && !name.endsWith('.part') && ORDER_FILE.test(name);
}

export class InboxPoller {
  readonly #options: InboxPollerOptions;
  /** Files whose move failed: name → target path, retried on the next poll. */
  readonly #pendingMoves = new Map<string, string>();
  /** Where each handled file went, so its done file can follow. */
  readonly #movedTo = new Map<string, string>();
  #paused = false;
  #lastFailure: string | undefined;
  #loop: Promise<void> | undefined;

  constructor(options: InboxPollerOptions) {
    this.#options = options;
  }

  start(): void {
    this.#loop ??= this.#run();
  }

  pause(): void {
    this.#paused = true;
  }

  resume(): void {
    this.#paused = false;
  }

  /** Resolves when the loop has ended (after the signal aborted). */
  async stopped(): Promise<void> {
    await this.#loop;
  }

  async #run(): Promise<void> {
    const { signal, intervalMs } = this.#options;
    while (!signal.aborted) {
      if (!this.#paused) await this.#pollSafely();
      await sleep(intervalMs, signal);
    }
  }

  async #pollSafely(): Promise<void> {
    try {
      await this.#pollOnce();
      this.#lastFailure = undefined;
    } catch (error) {
      const message = messageOf(error);
      if (message !== this.#lastFailure && !this.#options.signal.aborted) this.#options.log.record('pollFailed', { detail: message });
      this.#lastFailure = message;
    }
  }

  async #pollOnce(): Promise<void> {
    const { link, inbox } = this.#options;
    const entries = await link.run('list inbox', (client) => client.list(inbox));
    const names = entries.filter((entry) => entry.type === '-').map((entry) => entry.name).sort();
    for (const name of names.filter(isOrderFileName)) {
      if (this.#options.signal.aborted || this.#paused) return;
      await this.#handle(name);
    }
    await this.#moveDoneFiles(names);
  }

  async #handle(name: string): Promise<void> {
    const pending = this.#pendingMoves.get(name);
    if (pending) return this.#move(name, pending);
    if (this.#options.store.hasHandled(name)) {
      this.#options.log.record('duplicateFile', { file: name, detail: 'name seen before: ignored' });
      this.#options.onDuplicate(name);
      return this.#move(name, `${this.#options.inbox}/processed/${name}.duplicate-${Date.now()}`);
    }
    const folder = await this.#options.take(name);
    await this.#move(name, `${this.#options.inbox}/${folder}/${name}`);
  }

  /** `ORD_x.txt.done` goes where `ORD_x.txt` went, once that has been moved. */
  async #moveDoneFiles(names: string[]): Promise<void> {
    const present = new Set(names);
    for (const name of names.filter((n) => n.endsWith('.done'))) {
      const base = name.slice(0, -'.done'.length);
      const target = this.#movedTo.get(base);
      if (target && !present.has(base)) await this.#move(name, `${target}.done`);
    }
  }

  async #move(name: string, target: string): Promise<void> {
    const folder = target.slice(0, target.lastIndexOf('/'));
    try {
      await this.#options.link.run(`move ${name}`, async (client) => {
        if (!(await client.exists(folder))) await client.mkdir(folder, true);
        return client.rename(`${this.#options.inbox}/${name}`, target);
      });
      this.#pendingMoves.delete(name);
      this.#movedTo.set(name, target);
    } catch (error) {
      this.#pendingMoves.set(name, target);
      this.#options.log.record('moveFailed', { file: name, detail: `${target}: ${messageOf(error)}` });
      throw error;
    }
  }
}
