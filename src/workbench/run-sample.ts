/**
 * Running a sample through an inbound mapping as the hub would (evaluate-order.ts): the
 * mapping's output, every problem it found (the mapping field it was building and the
 * input path it read), then the canonical-schema problems of that output once the
 * hub's own fields are added. Those fields are placeholders here: no order is made.
 */
import { MappingError, type CompiledMapping, type MappingProblem } from '../mapping/index.js';
import type { Channel } from '../model/order.js';
import { canonicalSchemaProblems, type SchemaProblem } from '../model/validate.js';
import { withHubFields } from '../pipeline/evaluate-order.js';

export interface MappingRun {
  /** What the mapping made of the sample (what a golden test records); absent when it refused the sample. */
  result?: Record<string, unknown>;
  mappingProblems: readonly MappingProblem[];
  schemaProblems: SchemaProblem[];
}

/** Where the sample is taken to come from: the channel and instance the hub's fields name. */
export interface SampleOrigin {
  channel: Channel;
  source: string;
}

const PLACEHOLDER_ORDER_ID = '00000000000000000000000000';
const PLACEHOLDER_CONFIRMATION = '0000-00000';

export function runSample(mapping: CompiledMapping, data: unknown, origin: SampleOrigin): MappingRun {
  let result: Record<string, unknown>;
  try {
    result = mapping.apply(data);
  } catch (error) {
    if (!(error instanceof MappingError)) throw error;
    return { mappingProblems: error.problems, schemaProblems: [] };
  }
  const identity = { hubOrderId: PLACEHOLDER_ORDER_ID, confirmation: PLACEHOLDER_CONFIRMATION, ...origin };
  const candidate = withHubFields(result, identity, { rawRef: 'workbench', mappingId: mapping.id, mappingVersion: mapping.version });
  return { result, mappingProblems: [], schemaProblems: canonicalSchemaProblems(candidate) };
}

export function hasProblems(run: MappingRun): boolean {
  return run.result === undefined || run.mappingProblems.length > 0 || run.schemaProblems.length > 0;
}
