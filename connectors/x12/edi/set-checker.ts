/**
 * Checks the segments of one received transaction set and collects what is wrong as
 * AK3/AK4 errors: element values against the element table (type, length, codes),
 * mandatory and paired elements, and whole-segment errors (unexpected, missing,
 * repeated). Element errors of one segment share one AK3 (code 8).
 */
import type { Ak3Code, Ak4Code } from './ack-codes.js';
import { elementProblem } from './element-rules.js';
import { elementRule } from './element-table.js';
import type { TransactionSet } from './envelope-types.js';
import { element, type Segment } from './segments.js';
import { copyOfBadData, type SegmentError } from './syntax-errors.js';
import { supportedVersionOf, type X12Version } from './versions.js';

/** What to check in a segment. */
export interface SegmentSpec {
  /** Positions that must hold a value (AK403 1 when empty). */
  required?: readonly number[];
  /** Closed code lists by position (AK403 7 for another value). */
  codes?: Readonly<Record<number, readonly string[]>>;
  /** Element positions whose errors make the set unusable. */
  rejects: boolean | ((position: number) => boolean);
}

/** A segment after its check: good values only. */
export interface CheckedSegment {
  segment: Segment;
  /** The element's value, or undefined when it is empty or was found bad. */
  value(position: number): string | undefined;
}

export class SetChecker {
  private readonly found: SegmentError[] = [];
  private readonly bySegment = new Map<number, SegmentError>();
  private readonly version: X12Version;

  constructor(private readonly set: TransactionSet) {
    this.version = supportedVersionOf(set.version) ?? '004010';
  }

  /** The errors found so far, by position in the set, their elements by position in the segment. */
  get errors(): SegmentError[] {
    return [...this.found]
      .sort((one, other) => one.position - other.position)
      .map((error) => ({ ...error, elements: [...error.elements].sort((one, other) => one.position - other.position) }));
  }

  /** Position of a segment in the set, ST being 1. */
  position(segment: Segment): number {
    return segment.index - this.set.firstSegmentIndex + 1;
  }

  /** Position just after the last segment of the body, where SE sits. */
  endPosition(): number {
    return this.set.segments.length + 2;
  }

  check(segment: Segment, spec: SegmentSpec): CheckedSegment {
    const bad = new Set<number>();
    const last = Math.max(segment.elements.length - 1, ...(spec.required ?? []));
    for (let position = 1; position <= last; position += 1) {
      const code = this.problemAt(segment, position, spec);
      if (code === undefined) continue;
      bad.add(position);
      this.elementError(segment, position, code, typeof spec.rejects === 'function' ? spec.rejects(position) : spec.rejects);
    }
    return { segment, value: (position) => (bad.has(position) || element(segment, position) === '' ? undefined : element(segment, position)) };
  }

  /**
   * Elements paired by the standard (qualifier and value): one without the other is a
   * conditional required element missing (AK403 2) on the empty one. Answers the pairs
   * that are complete.
   */
  pairs(checked: CheckedSegment, pairs: readonly (readonly [number, number])[], rejects: boolean): [string, string][] {
    const complete: [string, string][] = [];
    for (const [first, second] of pairs) {
      const one = checked.value(first);
      const other = checked.value(second);
      if (one !== undefined && other !== undefined) complete.push([one, other]);
      else if (one !== undefined && element(checked.segment, second) === '') this.elementError(checked.segment, second, '2', rejects);
      else if (other !== undefined && element(checked.segment, first) === '') this.elementError(checked.segment, first, '2', rejects);
    }
    return complete;
  }

  /** Adds an AK4 to the segment's AK3 (code 8), creating it on first use. */
  elementError(segment: Segment, position: number, code: Ak4Code, rejects: boolean): void {
    let error = this.bySegment.get(segment.index);
    if (!error) {
      error = { segmentId: segment.id, position: this.position(segment), code: '8', elements: [], rejectsSet: rejects };
      this.bySegment.set(segment.index, error);
      this.found.push(error);
    }
    error.rejectsSet ||= rejects;
    const reference = elementRule(segment.id, position, this.version)?.reference;
    const copy = copyOfBadData(element(segment, position));
    error.elements.push({ position, code, ...(reference ? { reference } : {}), ...(copy ? { copy } : {}) });
  }

  /** An AK3 without element errors: unexpected (2), missing (3), repeated (5) segments. */
  segmentError(segmentId: string, position: number, code: Ak3Code, rejects: boolean): void {
    this.found.push({ segmentId, position, code, elements: [], rejectsSet: rejects });
  }

  private problemAt(segment: Segment, position: number, spec: SegmentSpec): Ak4Code | undefined {
    const value = element(segment, position);
    if (value === '') return spec.required?.includes(position) ? '1' : undefined;
    const rule = elementRule(segment.id, position, this.version);
    const problem = rule ? elementProblem(value, rule) : undefined;
    if (problem) return problem;
    const codes = spec.codes?.[position];
    return codes !== undefined && !codes.includes(value) ? '7' : undefined;
  }
}
