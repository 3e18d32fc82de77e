/**
 * Judging one inbound order: bytes (or the data the connector already parsed) → plain
 * data → canonical order (inbound mapping) → JSON Schema validation → route. No I/O:
 * the capture fast path runs it before the order is recorded, the normalize worker
 * after. A verdict is either a routed canonical order or every reason it needs review.
 */
import { CANONICAL_SCHEMA_VERSION, type CanonicalOrder, type Channel, type Provenance } from '../model/order.js';
import { validateCanonicalOrder } from '../model/validate.js';
import { MappingError, describeProblem, type CompiledMapping } from '../mapping/index.js';
import type { RawEnvelope } from '../sdk/connector.js';
import { isHubError, NeedsReviewError } from '../sdk/errors/index.js';
import { parseRawByContentType } from '../sdk/parse-raw.js';
import { chooseTarget } from './route.js';
import type { HubRuntime, LiveInstance } from './runtime.js';

export type Verdict =
  | { ok: true; order: CanonicalOrder; target: string; routeReason: string }
  | { ok: false; reasons: string[]; candidate?: unknown };

/** What the hub knows of an order before it is mapped. */
export interface OrderIdentity {
  hubOrderId: string;
  confirmation: string;
  channel: string;
  source: string;
}

/**
 * The plain data of an envelope, or why its bytes say nothing usable, or data the
 * connector read but doubts (kept for the reviewer).
 */
export type ParsedInput = { data: unknown } | { problem: string } | { doubts: string[]; data: unknown };

/** Bytes → plain data: the connector's own `parse` (maybe asynchronous), else JSON or XML by content type. */
export async function parseEnvelope(instance: LiveInstance, raw: RawEnvelope): Promise<unknown> {
  return instance.connector.parse ? await instance.connector.parse(raw) : parseRawByContentType(raw);
}

/** Like `parseEnvelope`, but bytes the connector calls bad input become a review reason. */
export async function readEnvelope(instance: LiveInstance, raw: RawEnvelope): Promise<ParsedInput> {
  try {
    return { data: await parseEnvelope(instance, raw) };
  } catch (error) {
    return asReviewInput(error);
  }
}

/** A connector's bad-input or needs-review error as review input; anything else is rethrown. */
export function asReviewInput(error: unknown): ParsedInput {
  if (error instanceof NeedsReviewError) return { doubts: error.reasons, data: error.data };
  if (isHubError(error) && error.kind === 'bad_input') return { problem: `cannot parse: ${error.message}` };
  throw error;
}

/** The mapping for this envelope: its form's (`mappings.forms`), else the instance's inbound one. */
function mappingFor(instance: LiveInstance, raw: RawEnvelope): CompiledMapping | string {
  const form = raw.meta.form;
  if (form) {
    return instance.forms.get(form)
      ?? `this order came as form "${form}", which instance ${instance.id} cannot map (no mappings.forms.${form}): read the original and key the order, or configure the mapping`;
  }
  return instance.inbound ?? `instance ${instance.id} has no inbound mapping`;
}

/** What a mapping made of an order, with the fields the hub adds itself: the candidate the canonical schema judges. */
export function withHubFields(mapped: unknown, identity: OrderIdentity, provenance: Provenance) {
  return {
    ...(mapped as object),
    schemaVersion: CANONICAL_SCHEMA_VERSION,
    hubOrderId: identity.hubOrderId,
    confirmation: identity.confirmation,
    channel: identity.channel as Channel,
    source: identity.source,
    provenance,
  };
}

export function evaluateOrder(runtime: HubRuntime, instance: LiveInstance, identity: OrderIdentity, raw: RawEnvelope, parsed: ParsedInput): Verdict {
  const mapping = mappingFor(instance, raw);
  if (typeof mapping === 'string') return { ok: false, reasons: [mapping] };
  if ('problem' in parsed) return { ok: false, reasons: [parsed.problem] };
  if ('doubts' in parsed) return { ok: false, reasons: parsed.doubts, candidate: parsed.data };
  const data = parsed.data;
  let mapped: unknown;
  try {
    mapped = mapping.apply(data);
  } catch (error) {
    if (error instanceof MappingError) return { ok: false, reasons: error.problems.map((p) => describeProblem(error.mappingId, p)) };
    throw error;
  }
  const candidate = withHubFields(mapped, identity, { rawRef: runtime.keys.raw(identity.hubOrderId), mappingId: mapping.id, mappingVersion: mapping.version });
  const validation = validateCanonicalOrder(candidate);
  if (!validation.ok) return { ok: false, reasons: validation.errors, candidate };
  const decision = chooseTarget(runtime.config, validation.order);
  if (!decision.target) return { ok: false, reasons: [decision.reason], candidate };
  return { ok: true, order: validation.order, target: decision.target, routeReason: decision.reason };
}
