/**
 * One inbound order traced through what the hub does with it, step by step, without
 * recording or delivering anything (`hub dry-run`): receive (card numbers masked), parse
 * (the connector's own parse, else JSON or XML by content type), map (the instance's
 * inbound mapping or its form's), validate (the canonical schema), route (the instance's
 * route, the routing rules, the default; a pickup order to its store) and render (the
 * target's outbound mapping: what the OMS would get). Each step says what it produced or
 * every problem, and the trace ends with the outcome the hub would reach.
 */
import type { HubConfig } from '../config/hub-config.js';
import { isPickup, placeAtStore } from '../inventory/place-at-store.js';
import type { PickupStores } from '../inventory/pickup-stores.js';
import { loadMapping, MappingError, type CompiledMapping, type RenderedDocument } from '../mapping/index.js';
import { newConfirmation, newHubOrderId } from '../model/ids.js';
import type { CanonicalOrder } from '../model/order.js';
import { canonicalSchemaProblems, validateCanonicalOrder } from '../model/validate.js';
import type { EnvelopeIn, RawEnvelope } from '../sdk/connector.js';
import { Keys } from '../store/keys.js';
import { maskCardNumbersInEnvelope } from './card-numbers.js';
import { parseEnvelope, readEnvelope, withHubFields, type OrderIdentity } from './evaluate-order.js';
import { chooseTarget } from './route.js';
import type { LiveInstance } from './runtime.js';

export type StepName = 'receive' | 'parse' | 'map' | 'validate' | 'route' | 'render';

export interface TraceStep {
  step: StepName;
  ok: boolean;
  /** One line: what the step did, or why it failed. */
  summary: string;
  /** Every problem, or notes on what a dry run cannot do. */
  details: string[];
  /** What the step produced, as text (the canonical order, the rendered document). */
  output?: string;
}

/** `accepted`: recorded and delivered; `review`: recorded in needs_review; `undeliverable`: accepted, then a dead letter. */
export type TraceOutcome = 'accepted' | 'review' | 'undeliverable';

export interface OrderTrace {
  steps: TraceStep[];
  outcome: TraceOutcome;
  target?: string;
}

export interface TraceInput {
  config: HubConfig;
  instance: LiveInstance;
  envelope: EnvelopeIn;
  /** Pickup stores (routing.stores), loaded. */
  stores: PickupStores;
  now?: Date;
}

export async function traceOrder(input: TraceInput): Promise<OrderTrace> {
  const { instance, config } = input;
  const now = input.now ?? new Date();
  const steps: TraceStep[] = [];
  const received = await receiveStep(instance, input.envelope, now);
  steps.push(received.step);
  const parsed = await parseStep(instance, received.raw);
  steps.push(parsed.step);
  if (parsed.data === undefined) return { steps, outcome: 'review' };
  const mapping = mappingOf(instance, received.raw.meta.form);
  const mapped = mapStep(mapping, parsed.data);
  steps.push(mapped.step);
  if (mapped.order === undefined || typeof mapping === 'string') return { steps, outcome: 'review' };
  const identity: OrderIdentity = {
    hubOrderId: newHubOrderId(now.getTime()), confirmation: newConfirmation(), channel: instance.config.channel ?? 'api', source: instance.id,
  };
  const candidate = withHubFields(mapped.order, identity, {
    rawRef: new Keys(config.redis.prefix).raw(identity.hubOrderId), mappingId: mapping.id, mappingVersion: mapping.version,
  });
  const validated = validateStep(candidate, identity);
  steps.push(validated.step);
  if (!validated.order) return { steps, outcome: 'review' };
  const routed = routeStep(config, input.stores, validated.order);
  steps.push(routed.step);
  if (!routed.target) return { steps, outcome: 'review' };
  const rendered = await renderStep(config, routed.target, routed.order, now);
  steps.push(rendered);
  return { steps, outcome: rendered.ok ? 'accepted' : 'undeliverable', target: routed.target };
}

async function receiveStep(instance: LiveInstance, envelope: EnvelopeIn, now: Date): Promise<{ step: TraceStep; raw: RawEnvelope }> {
  const masked = await maskCardNumbersInEnvelope(envelope, (raw) => parseEnvelope(instance, raw));
  const raw: RawEnvelope = {
    body: masked.envelope.body, contentType: masked.envelope.contentType,
    meta: { ...masked.envelope.meta, ...(envelope.form ? { form: envelope.form } : {}), receivedAt: now.toISOString() },
  };
  const details = masked.paths.length > 0
    ? [`card numbers masked at ${masked.paths.join(', ')}: the order would be flagged CARD_NUMBER_MASKED`]
    : [];
  if (instance.connector.normalizeAtCapture === false) details.push(`${instance.definition.id} orders are judged by a normalize worker after capture; judged here the same way`);
  const cards = masked.paths.length > 0 ? 'card numbers masked' : 'no card numbers';
  return { step: { step: 'receive', ok: true, summary: `${envelope.body.length} bytes of ${envelope.contentType}; ${cards}`, details }, raw };
}

async function parseStep(instance: LiveInstance, raw: RawEnvelope): Promise<{ step: TraceStep; data?: unknown }> {
  const how = instance.connector.parse ? `by the ${instance.definition.id} connector's parse` : `as ${raw.contentType} (the default parser)`;
  const parsed = await readEnvelope(instance, raw);
  if ('problem' in parsed) return { step: { step: 'parse', ok: false, summary: `${how}: refused`, details: [parsed.problem] } };
  if ('doubts' in parsed) return { step: { step: 'parse', ok: false, summary: `${how}: read, with doubts a person must check`, details: parsed.doubts } };
  return { step: { step: 'parse', ok: true, summary: `${how}: ${shapeOf(parsed.data)}`, details: [] }, data: parsed.data };
}

/** The envelope's mapping, chosen as evaluate-order.ts chooses it: its form's, else the instance's inbound one. */
function mappingOf(instance: LiveInstance, form: string | undefined): CompiledMapping | string {
  if (form) return instance.forms.get(form) ?? `instance ${instance.id} has no mappings.forms.${form}: an order of form "${form}" cannot be mapped`;
  return instance.inbound ?? `instance ${instance.id} has no inbound mapping (mappings.inbound)`;
}

function mapStep(mapping: CompiledMapping | string, data: unknown): { step: TraceStep; order?: Record<string, unknown> } {
  if (typeof mapping === 'string') return { step: { step: 'map', ok: false, summary: 'no mapping', details: [mapping] } };
  const name = `${mapping.id}@${mapping.version}${mapping.file ? ` (${mapping.file})` : ''}`;
  try {
    const order = mapping.apply(data);
    return { step: { step: 'map', ok: true, summary: name, details: [], output: JSON.stringify(order, null, 2) }, order };
  } catch (error) {
    if (!(error instanceof MappingError)) throw error;
    const details = error.problems.map((p) => `${p.target}${p.source ? ` ← ${p.source}` : ''}: ${p.message}`);
    return { step: { step: 'map', ok: false, summary: `${name}: ${plural(details.length, 'problem')}`, details } };
  }
}

function validateStep(candidate: Record<string, unknown>, identity: OrderIdentity): { step: TraceStep; order?: CanonicalOrder } {
  const validation = validateCanonicalOrder(candidate);
  if (validation.ok) {
    const summary = `a valid canonical/order@1 (hub order id ${identity.hubOrderId}, confirmation ${identity.confirmation}: made up for this run)`;
    return { step: { step: 'validate', ok: true, summary, details: [] }, order: validation.order };
  }
  const details = canonicalSchemaProblems(candidate).map((p) => `${p.pointer} ${p.message}`);
  return { step: { step: 'validate', ok: false, summary: plural(details.length, 'problem'), details } };
}

function routeStep(config: HubConfig, stores: PickupStores, order: CanonicalOrder): { step: TraceStep; target?: string; order: CanonicalOrder } {
  const decision = chooseTarget(config, order);
  if (!decision.target) return { step: { step: 'route', ok: false, summary: 'nowhere to go', details: [decision.reason] }, order };
  const details: string[] = [];
  let placed = { order, target: decision.target, reason: decision.reason };
  if (isPickup(order) && stores.size > 0) placed = placeAtStore(stores, order, placed);
  else if (config.routing.warehouses) details.push('nearest-DC placement (routing.warehouses) reads live stock from Redis: not done in a dry run, so another DC\'s target may get it');
  if (config.inventory.checkAtCapture) details.push('stock is not checked in a dry run (inventory.checkAtCapture): lines short of stock would be marked backordered');
  if (config.payments.gateway && order.payment?.token) details.push(`pays by token: ${config.payments.gateway} authorizes it before the delivery`);
  return { step: { step: 'route', ok: true, summary: `${placed.target}: ${placed.reason}`, details }, target: placed.target, order: placed.order };
}

async function renderStep(config: HubConfig, target: string, order: CanonicalOrder, now: Date): Promise<TraceStep> {
  const file = config.instances.get(target)?.mappings.outbound;
  if (!file) return { step: 'render', ok: false, summary: `${target} has no outbound mapping`, details: [`set instances.${target}.mappings.outbound`] };
  const mapping = await loadMapping(file);
  const name = `${mapping.id}@${mapping.version} for ${target}`;
  try {
    const rendered = render(mapping, order, now);
    return { step: 'render', ok: true, summary: `${name}: ${rendered.contentType}, ${rendered.bytes.length} bytes`, details: [...rendered.warnings], output: rendered.body };
  } catch (error) {
    if (!(error instanceof MappingError)) throw error;
    const details = error.problems.map((p) => `${p.target}${p.source ? ` ← ${p.source}` : ''}: ${p.message}`);
    return { step: 'render', ok: false, summary: `${name}: ${plural(details.length, 'problem')}; the delivery would be a dead letter`, details };
  }
}

/** A file layout (fixed width, CSV) writes a batch: this order alone in one, as the hub checks it fits. */
function render(mapping: CompiledMapping, order: CanonicalOrder, now: Date): RenderedDocument {
  if (mapping.format === 'fixed-width' || mapping.format === 'csv') {
    return mapping.render({ batch: { id: `DRYRUN-${order.hubOrderId}`, createdAt: now.toISOString() }, orders: [order] });
  }
  return mapping.render(order);
}

function shapeOf(data: unknown): string {
  if (Array.isArray(data)) return `a list of ${data.length}`;
  if (typeof data !== 'object' || data === null) return `a ${typeof data}`;
  const keys = Object.keys(data);
  const shown = keys.slice(0, 8).join(', ');
  return `an object of ${plural(keys.length, 'field')} (${shown}${keys.length > 8 ? ', …' : ''})`;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
