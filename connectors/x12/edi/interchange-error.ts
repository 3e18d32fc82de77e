/**
 * The typed error of an interchange that cannot be read at all (no ISA, separators that
 * collide, control characters, too large): a BadInputError carrying the TA1 note code
 * (TA105) to answer with.
 */
import { BadInputError } from '../../../src/sdk/index.js';
import { TA1_NOTES, type Ta1NoteCode } from './ack-codes.js';

export class X12InterchangeError extends BadInputError {
  /** TA105 note code of the rejection. */
  readonly noteCode: Ta1NoteCode;

  constructor(noteCode: Ta1NoteCode, message: string, options: { status?: number } = {}) {
    super(message, {
      code: `X12_TA1_${noteCode}`,
      hint: `TA1 note ${noteCode}: ${TA1_NOTES[noteCode]}; the sender must correct the interchange and send it again`,
      status: options.status ?? 400,
    });
    this.noteCode = noteCode;
  }
}
