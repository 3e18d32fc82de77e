/**
 * What the partner keeps: every interchange received from the hub (in arrival order)
 * and every 997 it sent back, with a notifier so tests can wait for the next one.
 */
import { Notifier, waitUntil } from '../shared/wait.js';
import type { DocumentType, ReceivedInterchange, ReceivedSet, SentAcknowledgement } from './types.js';

export class ReceiptBook {
  readonly #received: ReceivedInterchange[] = [];
  readonly #sent: SentAcknowledgement[] = [];
  readonly #changed = new Notifier();

  addInterchange(interchange: ReceivedInterchange): void {
    this.#received.push(interchange);
    this.#changed.notify();
  }

  addAcknowledgement(acknowledgement: SentAcknowledgement): void {
    this.#sent.push(acknowledgement);
    this.#changed.notify();
  }

  received(): ReceivedInterchange[] {
    return [...this.#received];
  }

  acknowledgementsSent(): SentAcknowledgement[] {
    return [...this.#sent];
  }

  /** The sets of one type, flattened, each with its envelope's control numbers. */
  documents(type: DocumentType | string): ReceivedSet[] {
    return this.#received.flatMap((interchange) => interchange.groups.flatMap((group) => group.sets
      .filter((set) => set.id === type)
      .map((set): ReceivedSet => ({
        id: set.id, controlNumber: set.controlNumber, groupControlNumber: group.controlNumber, interchangeControlNumber: interchange.controlNumber,
        functionalId: group.functionalId, version: group.version, segments: set.segments, problems: [...set.problems, ...group.problems],
        via: interchange.via,
        ...(interchange.fileName === undefined ? {} : { fileName: interchange.fileName }),
        ...(interchange.inAnswerTo === undefined ? {} : { inAnswerTo: interchange.inAnswerTo }),
      }))));
  }

  /** Resolves with the first value `probe` finds, checked now and at each change; rejects after `timeoutMs`. */
  waitFor<T>(probe: () => T | undefined, timeoutMs: number, what: string): Promise<T> {
    return waitUntil(probe, (listener) => this.#changed.subscribe(listener), timeoutMs, what);
  }
}
