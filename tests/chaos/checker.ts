/**
 * The independent checker of a chaos run. It does not ask the hub whether it kept its
 * promises; it compares three ledgers kept outside the hub:
 *  1. every acknowledgement the hub gave the storefront (the load driver's book),
 *  2. every effect the OMS simulator received (orders created in its books),
 *  3. every status the storefront simulator was told (callbacks it applied),
 * and reads the hub's public API only to ask where each acknowledged order stands.
 *
 * Lost: an acknowledged order the hub does not know, or one it knows under another id.
 * Duplicate: an external order acknowledged under two hub ids, an order created twice in
 * the OMS, or the same status told to the channel twice (under different idempotency keys).
 * Settled: the OMS holds the order once, the hub has it acknowledged (or later), and the
 * channel's latest state is the hub's; or it is explained (review, rejected, dead letter).
 */
import type { StorefrontSim } from '../../sims/storefront/index.js';
import type { Acknowledgement } from './load.js';
import type { OmsBooks } from './stage.js';

export interface Verdict {
  acknowledged: number;
  lost: string[];
  duplicates: string[];
  unsettled: string[];
  explained: string[];
  /** OMS orders under hub ids nobody was told about (counted among the duplicates too). */
  unacknowledgedEffects: number;
}

export interface CheckerSources {
  hubUrl: string;
  apiToken: string;
  /** The books of the OMS the orders went to. */
  oms: OmsBooks;
  store: StorefrontSim;
  acknowledgements: Acknowledgement[];
}

const DONE_STATES = new Set(['acknowledged', 'allocated', 'backordered', 'partially_shipped', 'ready_for_pickup', 'shipped', 'delivered']);
const EXPLAINED_STATES = new Set(['needs_review', 'rejected', 'cancelled']);

export async function check(sources: CheckerSources): Promise<Verdict> {
  const lost: string[] = [];
  const duplicates: string[] = [];
  const unsettled: string[] = [];
  const explained: string[] = [];

  const hubIdOf = new Map<string, string>();
  for (const ack of sources.acknowledgements) {
    const known = hubIdOf.get(ack.externalId);
    if (known === undefined) hubIdOf.set(ack.externalId, ack.hubOrderId);
    else if (known !== ack.hubOrderId) duplicates.push(`order ${ack.externalId} acknowledged as ${known} and as ${ack.hubOrderId}`);
  }
  const externalsOf = new Map<string, Set<string>>();
  for (const ack of sources.acknowledgements) externalsOf.set(ack.hubOrderId, (externalsOf.get(ack.hubOrderId) ?? new Set()).add(ack.externalId));
  for (const [hubOrderId, externals] of externalsOf) {
    if (externals.size > 1) {
      const view = await orderView(sources, hubOrderId);
      duplicates.push(`${hubOrderId} acknowledged for different orders: ${[...externals].join(', ')} (the hub holds it as ${String(view?.externalId ?? 'nothing')})`);
    }
  }
  const omsCount = countBy(sources.oms.orders().map((o) => o.hubOrderId));
  for (const [hubOrderId, count] of omsCount) {
    if (count > 1) duplicates.push(`${hubOrderId} created ${count} times in the OMS`);
  }
  const told = countBy(sources.store.callbacks().filter((c) => !c.duplicate).map((c) => `${c.body.hubOrderId} ${c.body.state}`));
  for (const [key, count] of told) {
    if (count > 1) duplicates.push(`the storefront was told ${key} ${count} times`);
  }
  const deadLettered = new Set((await deadLetters(sources)).map((letter) => letter.orderId));

  const ids = [...new Set(hubIdOf.values())];
  const views = await mapLimit(ids, 16, (id) => orderState(sources, id));
  ids.forEach((id, index) => {
    const state = views[index];
    if (state === undefined) return void lost.push(`${id}: acknowledged, unknown to the hub`);
    if (EXPLAINED_STATES.has(state) || deadLettered.has(id)) return void explained.push(`${id}: ${deadLettered.has(id) ? 'dead letter' : state}`);
    const inOms = omsCount.get(id) ?? 0;
    const channelState = sources.store.latest(id)?.state;
    if (!DONE_STATES.has(state) || inOms !== 1 || channelState !== state) {
      unsettled.push(`${id}: hub ${state}, OMS ${inOms}, channel ${channelState ?? 'nothing'}`);
    }
  });
  // The storefront retries until it hears back, so every order the OMS holds should have been
  // acknowledged; one that was not is a second copy of an order acknowledged under another id.
  const acknowledgedIds = new Set(ids);
  const strangers = [...omsCount.keys()].filter((id) => !acknowledgedIds.has(id));
  for (const id of strangers) duplicates.push(`${id} is in the OMS, but no order was acknowledged under that id`);
  const unacknowledgedEffects = strangers.length;
  return { acknowledged: ids.length, lost, duplicates, unsettled, explained, unacknowledgedEffects };
}

/** The hub's state of one order, or undefined when the hub does not know it (404). */
async function orderState(sources: CheckerSources, id: string): Promise<string | undefined> {
  return (await orderView(sources, id))?.state;
}

/** The hub's view of one order, or undefined when the hub does not know it (404). */
async function orderView(sources: CheckerSources, id: string): Promise<{ state: string; externalId?: string } | undefined> {
  for (let attempt = 0; ; attempt++) {
    const response = await fetch(`${sources.hubUrl}/api/orders/${id}`, { headers: auth(sources), signal: AbortSignal.timeout(5000) }).catch(() => undefined);
    if (response?.status === 404) return undefined;
    if (response?.ok) {
      const view = (await response.json()) as { state: string; order?: { externalId?: string }; externalId?: string };
      return { state: view.state, externalId: view.order?.externalId ?? view.externalId };
    }
    if (attempt >= 5) throw new Error(`the hub's API does not answer for ${id} (${response?.status ?? 'no answer'})`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

async function deadLetters(sources: CheckerSources): Promise<Array<{ orderId: string }>> {
  const response = await fetch(`${sources.hubUrl}/api/dead-letters?limit=100000`, { headers: auth(sources), signal: AbortSignal.timeout(10_000) });
  if (!response.ok) throw new Error(`GET /api/dead-letters answered ${response.status}`);
  return ((await response.json()) as { deadLetters: Array<{ orderId: string }> }).deadLetters;
}

function auth(sources: CheckerSources): Record<string, string> {
  return { authorization: `Bearer ${sources.apiToken}` };
}

function countBy(values: string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return counts;
}

async function mapLimit<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index]!);
    }
  });
  await Promise.all(lanes);
  return results;
}
