/**
 * The 997 functional acknowledgement of one received functional group, as segments
 * between ST and SE: AK1 (GS01, GS06, and GS08 in 005010), per set an AK2 (ST01, ST02,
 * and ST03 in 005010) with its AK3/AK4 errors and its AK5 verdict, then AK9 for the
 * group. Values echoed from the received data lose any character that is one of the
 * outbound separators, so the 997 can always be written.
 */
import type { FunctionalGroup } from './envelope-types.js';
import { separatorCharacters, type Separators } from './separators.js';
import { acknowledgeGroup, type ContentCheck, type SetAcknowledgement } from './set-acknowledgement.js';
import type { SegmentError } from './syntax-errors.js';
import { supportedVersionOf, type X12Version } from './versions.js';

export interface FunctionalAckOptions {
  /** Version the 997 is written in (AK103/AK203 only in 005010); defaults to the group's when supported, else 004010. */
  version?: X12Version;
  /** Reader of set contents whose errors become AK3/AK4 loops (e.g. `contentErrors`). */
  contentCheck?: ContentCheck;
  /** Separators the 997 will be written with; defaults strip `* ~ ^ > : |`. */
  separators?: Separators;
}

const DEFAULT_UNSAFE = ['*', '~', '^', '>', ':', '|'];

export function functionalAck997(group: FunctionalGroup, options: FunctionalAckOptions = {}): string[][] {
  const version = options.version ?? supportedVersionOf(group.version) ?? '004010';
  const unsafe = options.separators ? separatorCharacters(options.separators) : DEFAULT_UNSAFE;
  const echo = (value: string): string => [...value].filter((character) => !unsafe.includes(character)).join('');
  const acknowledgement = acknowledgeGroup(group, options.contentCheck);
  const segments: string[][] = [['AK1', echo(group.functionalId), echo(group.controlNumber), ...(version === '005010' ? [echo(group.version)] : [])]];
  for (const set of acknowledgement.sets) segments.push(...setLoop(set, version, echo));
  segments.push([
    'AK9', acknowledgement.status, String(acknowledgement.included), String(acknowledgement.received), String(acknowledgement.accepted),
    ...acknowledgement.codes,
  ]);
  return segments;
}

function setLoop(acknowledgement: SetAcknowledgement, version: X12Version, echo: (value: string) => string): string[][] {
  const { set } = acknowledgement;
  const reference = version === '005010' && set.implementationReference !== undefined ? [echo(set.implementationReference)] : [];
  const segments: string[][] = [['AK2', echo(set.id), echo(set.controlNumber), ...reference]];
  for (const error of acknowledgement.errors) segments.push(...errorLoop(error, echo));
  segments.push(['AK5', acknowledgement.status, ...acknowledgement.codes]);
  return segments;
}

function errorLoop(error: SegmentError, echo: (value: string) => string): string[][] {
  const segments: string[][] = [['AK3', echo(error.segmentId), String(error.position), error.loopId ?? '', error.code]];
  for (const bad of error.elements.slice(0, 99)) {
    segments.push(['AK4', String(bad.position), bad.reference ?? '', bad.code, echo(bad.copy ?? '')]);
  }
  return segments;
}
