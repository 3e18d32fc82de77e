/**
 * Why a dead letter cannot be previewed or replayed with a chosen mapping version, as
 * typed errors whose messages name the dead letter, its order and instance, and what to
 * do. Refusals of a request are BadInputError with the HTTP status to answer; a pinned
 * job whose version is no longer kept is a PermanentError (a dead letter again).
 */
import { BadInputError, PermanentError } from '../sdk/errors/index.js';
import { refText, type MappingRef } from '../mapping/index.js';

/** Where a dead letter stands: what every message names. */
export interface LetterSubject {
  id: string;
  orderId: string;
  instance: string;
}

function named(letter: LetterSubject): string {
  return `dead letter ${letter.id} (order ${letter.orderId}, instance ${letter.instance})`;
}

/** The dead letter did not come from a mapping the hub can run in another version. */
export class NotVersionedError extends BadInputError {
  constructor(letter: LetterSubject, why: string) {
    super(`${named(letter)} does not concern a mapping version: ${why}`, {
      code: 'NOT_MAPPING_VERSIONED', status: 409, hint: 'replay it as it is (POST …/replay without a mapping), or discard it',
    });
  }
}

/** The chosen version is not written `id@version`. */
export class BadMappingRefError extends BadInputError {
  constructor(letter: LetterSubject, text: string) {
    super(`${named(letter)}: "${text.slice(0, 100)}" is not a mapping version; write it as <mapping id>@<version>`, {
      code: 'BAD_MAPPING_REF', status: 400, hint: 'take one of the `choices` of GET /api/dead-letters/ID/preview',
    });
  }
}

/** The chosen version is not in the mapping archive. */
export class UnknownMappingVersionError extends BadInputError {
  constructor(letter: LetterSubject, ref: MappingRef, kept: string[]) {
    const versions = kept.length > 0 ? `versions kept of ${ref.id}: ${kept.join(', ')}` : `no version of ${ref.id} is kept`;
    super(`${named(letter)}: mapping ${refText(ref)} is not in the hub's mapping archive (${versions})`, {
      code: 'MAPPING_VERSION_NOT_ARCHIVED', status: 422,
      hint: 'replay with a version that is kept (the current one always is); to run another, start the hub once with a mapping file of that id and version so it is kept',
    });
  }
}

/** The chosen mapping is not one the dead letter's target used or uses. */
export class ForeignMappingError extends BadInputError {
  constructor(letter: LetterSubject, ref: MappingRef, allowed: string[]) {
    super(`${named(letter)}: mapping ${ref.id} is not the outbound mapping of ${letter.instance} (it is ${allowed.join(' or ')})`, {
      code: 'MAPPING_NOT_OF_TARGET', status: 422, hint: `choose a version of ${allowed.join(' or ')}`,
    });
  }
}

/** A job pinned to a version the worker cannot find (the archive entry was removed). */
export class PinnedVersionGoneError extends PermanentError {
  constructor(orderId: string, target: string, ref: MappingRef) {
    super(`order ${orderId}: the replay to ${target} was pinned to mapping ${refText(ref)}, which is not in the hub's mapping archive`, {
      code: 'MAPPING_VERSION_NOT_ARCHIVED', hint: 'replay this dead letter with the current mapping version (or one the archive keeps)',
    });
  }
}
