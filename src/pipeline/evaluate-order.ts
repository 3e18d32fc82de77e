/**
 * Judging one inbound order: bytes (or the data the connector already parsed) → plain
 * data → canonical order (inbound mapping) → JSON Schema validation → route. No I/O:
 * the capture fast path runs it before the order is recorded, the normalize worker
 * after. A verdict is either a routed canonical order or every reason it needs review.
 */
import { CANONICAL_SCHEMA_VERSION, type CanonicalOrder, type Channel } from '../model/order.js';
import { validateCanonicalOrder } from '../model/validate.js';
import { MappingError, describeProblem } from '../mapping/index.js';
import type { RawEnvelope } from '../sdk/connector.js';
import { isHubError } from '../sdk/errors/index.js';
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

/** The plain data of an envelope: what the connector parsed at receive time, or a parse now. */
export type ParsedInput = { data: unknown } | undefined;

/** Bytes → plain data: the connector's own `parse`, else JSON or XML by content type. */
export function parseEnvelope(instance: LiveInstance, raw: RawEnvelope): unknown {
  return instance.connector.parse ? instance.connector.parse(raw) : parseRawByContentType(raw);
}

export function evaluateOrder(runtime: HubRuntime, instance: LiveInstance, identity: OrderIdentity, raw: RawEnvelope, parsed?: ParsedInput): Verdict {
  if (!instance.inbound) return { ok: false, reasons: [`instance ${instance.id} has no inbound mapping`] };
  let data: unknown;
  try {
    data = parsed ? parsed.data : parseEnvelope(instance, raw);
  } catch (error) {
    if (isHubError(error) && error.kind === 'bad_input') return { ok: false, reasons: [`cannot parse: ${error.message}`] };
    throw error;
  }
  let mapped: unknown;
  try {
    mapped = instance.inbound.apply(data);
  } catch (error) {
    if (error instanceof MappingError) return { ok: false, reasons: error.problems.map((p) => describeProblem(error.mappingId, p)) };
    throw error;
  }
  const candidate = {
    ...(mapped as object),
    schemaVersion: CANONICAL_SCHEMA_VERSION,
    hubOrderId: identity.hubOrderId,
    confirmation: identity.confirmation,
    channel: identity.channel as Channel,
    source: identity.source,
    provenance: { rawRef: runtime.keys.raw(identity.hubOrderId), mappingId: instance.inbound.id, mappingVersion: instance.inbound.version },
  };
  const validation = validateCanonicalOrder(candidate);
  if (!validation.ok) return { ok: false, reasons: validation.errors, candidate };
  const decision = chooseTarget(runtime.config, validation.order);
  if (!decision.target) return { ok: false, reasons: [decision.reason], candidate };
  return { ok: true, order: validation.order, target: decision.target, routeReason: decision.reason };
}
