/**
 * Polls the inbox for `ORD_*.txt` and `CHG_*.csv` (hidden names and `.part` uploads
 * are ignored): order files first, then change files (so a change finds an order
 * that arrived in the same poll), each handed to its intake and moved to
 * `processed/` or `rejected/`. An order file name handled before is a duplicate:
 * logged, recorded, and moved aside unread; a change file is always read (its change
 * id tells a duplicate), and a duplicate is moved aside too. Done files follow their
 * file. A poll that fails (server gone) is logged and the next one reconnects; a move
 * that failed is retried first.
 */
import { sleep } from '../shared/wait.js';
import type { ChangeFolder } from './change-intake.js';
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
  takeChange(name: string): Promise<ChangeFolder>;
}

const ORDER_FILE = /^ORD_[^/]+\.txt$/;
const CHANGE_FILE = /^CHG_[^/]+\.csv$/;

export function isOrderFileName(name: string): boolean {
  return !name.startsWith('.') && !name.endsWith('.part') && ORDER_FILE.test(name);
}

export function isChangeFileName(name: string): boolean {
  return !name.startsWith('.') && !name.endsWith('.part') && CHANGE_FILE.test(name);
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
    for (const name of names.filter(isChangeFileName)) {
      if (this.#options.signal.aborted || this.#paused) return;
      await this.#handleChange(name);
    }
    await this.#moveDoneFiles(names);
  }

  async #handleChange(name: string): Promise<void> {
    const pending = this.#pendingMoves.get(name);
    if (pending) return this.#move(name, pending);
    const folder = await this.#options.takeChange(name);
    const { inbox } = this.#options;
    await this.#move(name, folder === 'duplicate' ? `${inbox}/processed/${name}.duplicate-${Date.now()}` : `${inbox}/${folder}/${name}`);
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

  /** `ORD_x.txt.done` goes where `ORD_x.txt` went (`CHG_…` alike), once that has been moved. */
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
