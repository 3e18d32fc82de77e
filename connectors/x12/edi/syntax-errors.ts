/**
 * Errors inside a transaction set, as a 997 reports them: a segment in error (AK3) with
 * the data elements in error in it (AK4). Each segment error also says whether it makes
 * the set unusable (AK5 R) or is only noted (AK5 E).
 */
import type { Ak3Code, Ak4Code } from './ack-codes.js';

/** One data element in error (AK4). */
export interface ElementError {
  /** AK401: position of the element in its segment (1 = first element). */
  position: number;
  /** AK402: data element reference number, when known. */
  reference?: string;
  /** AK403: what is wrong. */
  code: Ak4Code;
  /** AK404: the bad value as received, at most 99 characters. */
  copy?: string;
}

/** One segment in error (AK3) and its elements in error. */
export interface SegmentError {
  /** AK301: segment id. */
  segmentId: string;
  /** AK302: position in the transaction set, ST being 1. */
  position: number;
  /** AK303: loop identifier (only for loops bounded by LS/LE). */
  loopId?: string;
  /** AK304: what is wrong with the segment. */
  code: Ak3Code;
  elements: ElementError[];
  /** True when the error makes the set unusable (AK5 R); false when it is only noted (AK5 E). */
  rejectsSet: boolean;
}

/** AK404 holds 1 to 99 characters. */
export const MAX_COPY_LENGTH = 99;

/** The bad value as AK404 may carry it: cut to 99 characters, nothing when empty. */
export function copyOfBadData(value: string): string | undefined {
  return value === '' ? undefined : value.slice(0, MAX_COPY_LENGTH);
}
