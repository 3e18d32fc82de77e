/**
 * What a dead letter's delivery renders with the mapping version it met ("old") and with
 * the version loaded now ("current"), each as the payload or the mapping's refusal, with
 * a line diff between them: what a person looks at before choosing the version to replay
 * with. Nothing is sent or stored. For a role that may not see personal data the order is
 * masked before it is rendered (`masked`), so names and addresses never reach the page.
 */
import { maskOrder } from '../auth/mask.js';
import type { CanonicalOrder } from '../model/order.js';
import { formatDiff, MappingError, renderMapping, type CompiledMapping, refText, sameRef, type MappingRef } from '../mapping/index.js';
import { letterMapping, type LetterMapping } from './letter-mapping.js';
import { NotVersionedError } from './mapping-version-errors.js';
import { mappingOfRef } from './pinned-mappings.js';
import type { HubRuntime } from './runtime.js';

export interface VersionRender {
  /** `id@version`. */
  ref: string;
  id: string;
  version: string;
  /** `rendered`: the payload the target would get; `failed`: the mapping refused the order; `unavailable`: not in the archive. */
  outcome: 'rendered' | 'failed' | 'unavailable';
  contentType?: string;
  body?: string;
  error?: string;
  /** What the diff compares: the body, or the reason it has none. */
  text: string;
}

export interface VersionPreview {
  id: string;
  orderId: string;
  instance: string;
  errorCode: string;
  message: string;
  /** The version the failed delivery rendered with; null for dead letters from before versions were recorded. */
  old: VersionRender | null;
  current: VersionRender;
  /** Old and current are the same version. */
  same: boolean;
  /** Unified-style line diff, `-` old and `+` current; '' when they render the same. */
  diff: string;
  /** The order was masked before rendering (the caller may not see personal data). */
  masked: boolean;
  /** The versions a replay may be pinned to, old first: the old one when it is kept, and the current one. */
  choices: string[];
}

/** The preview of a dead letter; undefined when there is no such letter; NotVersionedError when it concerns no mapping. */
export async function previewVersions(runtime: HubRuntime, id: string, options: { pii: boolean }): Promise<VersionPreview | undefined> {
  const found = await letterMapping(runtime, id);
  if (!found) return undefined;
  const order = await canonicalOrderOf(runtime, found);
  const shown = options.pii ? order : maskOrder(order);
  const current = renderWith(found.current, found.current, shown);
  const old = found.used ? renderWith(found.used, await mappingOfRef(runtime, found.used, found.current), shown) : null;
  const { letter } = found;
  return {
    id: letter.id, orderId: letter.orderId, instance: letter.instance, errorCode: letter.errorCode, message: letter.message,
    old, current, same: sameRef(found.used, found.current),
    diff: old ? formatDiff(old.text, current.text) : '',
    masked: !options.pii,
    choices: [...new Set([...(old && old.outcome !== 'unavailable' ? [old.ref] : []), current.ref])],
  };
}

async function canonicalOrderOf(runtime: HubRuntime, found: LetterMapping): Promise<CanonicalOrder> {
  const stored = await runtime.store.get(found.letter.orderId);
  if (!stored?.order) throw new NotVersionedError(found.letter, `order ${found.letter.orderId} has no canonical order any more (its retention ended)`);
  return stored.order;
}

/** The order rendered by one version: its payload, the mapping's refusal, or why that version cannot run. */
export function renderWith(ref: MappingRef, mapping: CompiledMapping | undefined, order: CanonicalOrder): VersionRender {
  const named = { ref: refText(ref), id: ref.id, version: ref.version };
  if (!mapping) {
    const error = `${named.ref} is not in the hub's mapping archive`;
    return { ...named, outcome: 'unavailable', error, text: error };
  }
  try {
    const rendered = renderMapping(mapping, order);
    return { ...named, outcome: 'rendered', contentType: rendered.contentType, body: rendered.body, text: rendered.body };
  } catch (error) {
    if (!(error instanceof MappingError)) throw error;
    const message = `the mapping refused the order: ${error.message}`;
    return { ...named, outcome: 'failed', error: message, text: message };
  }
}
