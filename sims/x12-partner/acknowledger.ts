/**
 * Sends a 997 for each group the hub sent (never for FA groups, never in `never`
 * mode): its own interchange (the next control number, partner to hub) holding one
 * GS*FA group and one ST*997 set, written at once, delivered one after another in the
 * order the documents came, and kept (with the error when it could not be delivered).
 */
import { acknowledgementSegments, judgeGroup, needsAcknowledgement } from './acknowledgement.js';
import type { DeliverAck } from './ack-delivery.js';
import type { ControlNumbers } from './control-numbers.js';
import { renderInterchange, type EnvelopeSettings } from './envelope.js';
import type { ReadInterchange } from './envelope-reader.js';
import { messageOf, type PartnerLog } from './partner-log.js';
import type { ReceiptBook } from './receipt-book.js';
import type { AcknowledgeMode, ParsedGroup, SentAcknowledgement } from './types.js';

export interface AcknowledgerOptions {
  envelope: EnvelopeSettings;
  numbers: ControlNumbers;
  now: () => Date;
  /** Undefined when the partner has nowhere to send 997s (each is then kept with an error). */
  deliver: DeliverAck | undefined;
  /** How `deliver` sends (kept on 997s that could not be delivered too). */
  via: 'sftp' | 'http';
  book: ReceiptBook;
  log: PartnerLog;
}

export class Acknowledger {
  readonly #options: AcknowledgerOptions;
  #queue: Promise<void> = Promise.resolve();

  constructor(options: AcknowledgerOptions) {
    this.#options = options;
  }

  acknowledge(interchange: ReadInterchange, mode: AcknowledgeMode): void {
    if (mode === 'never') return;
    for (const group of interchange.groups.filter(needsAcknowledgement)) {
      try {
        const acknowledgement = this.#write(interchange, group, mode);
        this.#queue = this.#queue.then(() => this.#send(acknowledgement));
      } catch (error) {
        this.#options.log.record('ackFailed', `997 for group ${group.functionalId} ${group.controlNumber} cannot be written: ${messageOf(error)}`);
      }
    }
  }

  /** Resolves once every queued 997 went (or failed). */
  drained(): Promise<void> {
    return this.#queue;
  }

  #write(interchange: ReadInterchange, group: ParsedGroup, mode: 'accept' | 'reject'): SentAcknowledgement {
    const { envelope, numbers, now } = this.#options;
    const judgement = judgeGroup(interchange, group, mode);
    const controlNumber = numbers.take();
    const text = renderInterchange(envelope, controlNumber, now(), {
      functionalId: 'FA', sets: [{ id: '997', segments: acknowledgementSegments(group, judgement, envelope.version) }],
    });
    return {
      controlNumber, acknowledgedInterchange: interchange.controlNumber, functionalId: group.functionalId, groupControlNumber: group.controlNumber,
      verdict: judgement.verdict, groupErrorCodes: judgement.groupErrorCodes, sets: judgement.sets, text,
      via: this.#options.via, destination: '', sentAt: '',
    };
  }

  async #send(acknowledgement: SentAcknowledgement): Promise<void> {
    const { deliver, book, log } = this.#options;
    const what = `997 ${acknowledgement.controlNumber} (${acknowledgement.verdict}) for group ${acknowledgement.functionalId} ${acknowledgement.groupControlNumber}`;
    try {
      if (!deliver) throw new Error('nowhere to send it: set ackVia (or sftp)');
      const delivery = await deliver(acknowledgement.text, acknowledgement.controlNumber);
      Object.assign(acknowledgement, delivery);
      log.record('ackSent', `${what} to ${delivery.destination}`);
    } catch (error) {
      acknowledgement.error = messageOf(error);
      const status = (error as { status?: unknown }).status;
      if (typeof status === 'number') acknowledgement.status = status;
      log.record('ackFailed', `${what}: ${acknowledgement.error}`);
    }
    acknowledgement.sentAt = new Date().toISOString();
    book.addAcknowledgement(acknowledgement);
  }
}
