/**
 * The TA1 interchange acknowledgement of one received interchange: TA101 its control
 * number, TA102/TA103 its date and time (as sent in ISA09/ISA10), TA104 A, E or R and
 * TA105 the note code (`000` when there is nothing to note). Only the digits of the echoed
 * fields are written: a broken ISA may hold other characters there.
 */
import type { InterchangeAckStatus, Ta1NoteCode } from './ack-codes.js';
import type { InterchangeReading } from './envelope-types.js';
import type { InterchangeHeader } from './isa-header.js';

export function interchangeAckTa1(header: InterchangeHeader, status: InterchangeAckStatus, noteCode: Ta1NoteCode): string[] {
  return ['TA1', digits(header.controlNumber), digits(header.date), digits(header.time), status, noteCode];
}

/** Only the digits of an echoed field: a broken ISA may hold separators where digits belong. */
function digits(value: string): string {
  return value.replace(/\D/g, '');
}

/**
 * The TA1 a reading calls for: R with the rejection's note code, or A with `000`.
 * Undefined when the data had no readable ISA (there is nothing to acknowledge).
 */
export function ta1ForReading(reading: InterchangeReading): string[] | undefined {
  if (!reading.interchange) return undefined;
  return reading.rejection
    ? interchangeAckTa1(reading.interchange, 'R', reading.rejection.noteCode)
    : interchangeAckTa1(reading.interchange, 'A', '000');
}
