/**
 * Which distribution centre ships an order, from where it goes and what each DC has now:
 * (a) the nearest DC that can fill every line; else (b), when the rules allow a split,
 * each line from the nearest DC that can fill that line whole (a line is never split
 * across DCs), lines no DC can fill going to the DC that fills most of the order; else
 * (c) the DC that can fill the most units, the nearer on a tie. Pure: the caller locates
 * the ship-to and the DCs and passes the stock available now (on hand less reservations).
 * A SKU the stock view does not know counts as available everywhere (the OMS decides).
 * Without a ship-to location, "nearest" is the configured order of the DCs. The decision
 * carries one sentence for the order's timeline saying why.
 */
import { distanceKm, type LatLon } from './distance.js';

export interface Place extends LatLon {
  /** The town that stands for the postal area, e.g. `Newark NJ`. */
  place: string;
}

export interface RoutedLine {
  lineId: string;
  sku: string;
  quantity: number;
}

export interface DcSite {
  id: string;
  postalCode: string;
  country: string;
  /** Undefined when the DC's postal code could not be located: it then ranks last. */
  location: Place | undefined;
}

export interface ShipToPoint {
  postalCode?: string;
  /** Undefined when the postal code could not be located. */
  location?: Place;
}

/** Units available now per SKU, per DC id; a SKU missing from the map is unknown to the stock view. */
export type StockNow = ReadonlyMap<string, Readonly<Record<string, number>>>;

export interface RoutingRules {
  /** May an order's lines go to different DCs? */
  split: boolean;
}

export interface DcChoiceInput {
  lines: readonly RoutedLine[];
  shipTo: ShipToPoint;
  /** In configured order: the tie-break, and the ranking when the ship-to cannot be located. */
  dcs: readonly DcSite[];
  stock: StockNow;
  rules: RoutingRules;
}

export type DcDecision =
  | { kind: 'whole'; dc: string; reason: string }
  | { kind: 'split'; assignments: Array<{ lineId: string; dc: string }>; reason: string }
  | { kind: 'most'; dc: string; reason: string }
  | { kind: 'none'; reason: string };

/** A DC with its distance from the ship-to (undefined when either end is not located). */
interface RankedDc {
  id: string;
  place: string | undefined;
  km: number | undefined;
}

/** What every rule looks at, worked out once. */
interface Situation {
  lines: readonly RoutedLine[];
  demand: Map<string, number>;
  totalUnits: number;
  /** Nearest first; config order on ties and for DCs without a distance. */
  ranked: RankedDc[];
  stock: StockNow;
  /** How the ship-to is named in reasons: its postal code. */
  origin: string;
  /** Clauses every reason ends with: what could not be located, SKUs the stock view lacks. */
  notes: string[];
}

export function chooseDc(input: DcChoiceInput): DcDecision {
  if (input.dcs.length === 0) return { kind: 'none', reason: 'No distribution centre is configured, so none can be chosen' };
  if (input.lines.length === 0) return { kind: 'none', reason: 'The order has no lines, so no distribution centre is chosen' };
  const situation = situationOf(input);
  return wholeOrder(situation)
    ?? (input.rules.split ? splitByLine(situation) : undefined)
    ?? mostUnits(situation, input.rules.split ? 'no other DC can fill any of its lines whole' : 'splitting is not allowed');
}

function situationOf(input: DcChoiceInput): Situation {
  const demand = demandBySku(input.lines);
  const ranked = rankByDistance(input.dcs, input.shipTo.location);
  return {
    lines: input.lines, demand, ranked, stock: input.stock,
    totalUnits: [...demand.values()].reduce((sum, units) => sum + units, 0),
    origin: input.shipTo.postalCode?.trim() || 'the ship-to address',
    notes: [...locationNotes(input), ...unknownSkuNotes(demand, input.stock)],
  };
}

/** Lines of one SKU add up: the DC must hold them all. */
function demandBySku(lines: readonly RoutedLine[]): Map<string, number> {
  const demand = new Map<string, number>();
  for (const line of lines) demand.set(line.sku, (demand.get(line.sku) ?? 0) + line.quantity);
  return demand;
}

function rankByDistance(dcs: readonly DcSite[], shipTo: Place | undefined): RankedDc[] {
  const ranked = dcs.map((dc, order) => ({
    order, id: dc.id, place: dc.location?.place,
    km: shipTo && dc.location ? distanceKm(shipTo, dc.location) : undefined,
  }));
  ranked.sort((a, b) => compareDistance(a.km, b.km) || a.order - b.order);
  return ranked.map(({ id, place, km }) => ({ id, place, km }));
}

/** Known distances first, shortest first; unknown ones after, as they came. */
function compareDistance(a: number | undefined, b: number | undefined): number {
  if (a === undefined || b === undefined) return (a === undefined ? 1 : 0) - (b === undefined ? 1 : 0);
  return a - b;
}

/** Units of a SKU a DC can give now; a SKU the stock view does not know has no limit. */
function availableAt(stock: StockNow, sku: string, dc: string): number {
  const byDc = stock.get(sku);
  return byDc ? Math.max(0, byDc[dc] ?? 0) : Number.POSITIVE_INFINITY;
}

function fillsWholeOrder(s: Situation, dc: string): boolean {
  return [...s.demand].every(([sku, units]) => availableAt(s.stock, sku, dc) >= units);
}

function unitsFillable(s: Situation, dc: string): number {
  return [...s.demand].reduce((sum, [sku, units]) => sum + Math.min(units, availableAt(s.stock, sku, dc)), 0);
}

/** Rule (a): the nearest DC that can fill every line. */
function wholeOrder(s: Situation): DcDecision | undefined {
  const able = s.ranked.filter((dc) => fillsWholeOrder(s, dc.id));
  const [chosen, ...others] = able;
  if (!chosen) return undefined;
  const ranking = s.ranked.length === 1 ? 'the only DC'
    : able.length === 1 ? `the only one of ${s.ranked.length} DCs that can`
    : `${chosen.km !== undefined ? 'nearest' : 'first in configured order'} of ${able.length} that can (${listed(others, distanceOf)})`;
  return { kind: 'whole', dc: chosen.id, reason: sentence(`${label(s, chosen)} can fill ${allLines(s)}; ${ranking}`, s.notes) };
}

/** Rule (b): each line from the nearest DC that can fill it whole; the rest to the DC that fills most. */
function splitByLine(s: Situation): DcDecision | undefined {
  const fallback = mostFilling(s);
  const picks = pickPerLine(s);
  const assignments = picks.map(({ line, dc }) => ({ lineId: line.lineId, dc: dc?.id ?? fallback.dc.id }));
  if (new Set(assignments.map((a) => a.dc)).size < 2) return undefined;
  const groups = s.ranked
    .map((dc) => ({ dc, lines: picks.filter((p) => p.dc === dc).map((p) => p.line.lineId) }))
    .filter((group) => group.lines.length > 0)
    .map((group) => `${joined(group.lines)} from ${label(s, group.dc)}`);
  const reason = sentence(`No DC can fill ${allLines(s)}, so they are split by line: ${groups.join(', ')}`, [...unfilledNote(s, picks, fallback), ...s.notes]);
  return { kind: 'split', assignments, reason };
}

/** Says which lines no DC can fill whole and where they go instead, if any. */
function unfilledNote(s: Situation, picks: ReturnType<typeof pickPerLine>, fallback: ReturnType<typeof mostFilling>): string[] {
  const unfilled = picks.filter((p) => !p.dc).map((p) => `${p.line.lineId} (${p.line.sku})`);
  if (unfilled.length === 0) return [];
  const goes = unfilled.length === 1 ? 'it goes' : 'they go';
  return [`${joined(unfilled)} cannot be filled whole by any DC, so ${goes} to DC ${fallback.dc.id}, which can fill the most of the order's units (${grouped(fallback.units)} of ${grouped(s.totalUnits)})`];
}

/** In line order, each line takes its units from the nearest DC that still has them all. */
function pickPerLine(s: Situation): Array<{ line: RoutedLine; dc: RankedDc | undefined }> {
  const taken = new Map<string, number>();
  const key = (sku: string, dc: string) => `${dc}\u0000${sku}`;
  return s.lines.map((line) => {
    const dc = s.ranked.find((d) => availableAt(s.stock, line.sku, d.id) - (taken.get(key(line.sku, d.id)) ?? 0) >= line.quantity);
    if (dc) taken.set(key(line.sku, dc.id), (taken.get(key(line.sku, dc.id)) ?? 0) + line.quantity);
    return { line, dc };
  });
}

/** The DC that can fill the most units; on a tie the one ranked first (the nearer). */
function mostFilling(s: Situation): { dc: RankedDc; units: number } {
  const scored = s.ranked.map((dc) => ({ dc, units: unitsFillable(s, dc.id) }));
  return scored.reduce((best, next) => (next.units > best.units ? next : best));
}

/** Rule (c): the DC that can fill the most units, or none when no DC can fill one. */
function mostUnits(s: Situation, why: string): DcDecision {
  const best = mostFilling(s);
  if (best.units === 0) {
    return { kind: 'none', reason: sentence(`No DC can fill any of the ${count(s.totalUnits, 'unit')} on ${count(s.lines.length, 'line')}, so none is chosen`, s.notes) };
  }
  const others = s.ranked.filter((dc) => dc !== best.dc);
  const detail = (dc: RankedDc) => [count(unitsFillable(s, dc.id), 'unit'), distanceOf(dc)].filter(Boolean).join(' at ');
  const head = `No DC can fill ${allLines(s)} and ${why}, so ${label(s, best.dc)} takes the order: it can fill the most units, ${grouped(best.units)} of ${grouped(s.totalUnits)}`;
  return { kind: 'most', dc: best.dc.id, reason: sentence(others.length > 0 ? `${head} (${listed(others, detail)})` : head, s.notes) };
}

function locationNotes(input: DcChoiceInput): string[] {
  const postalCode = input.shipTo.postalCode?.trim();
  const shipTo = input.shipTo.location ? [] : [postalCode
    ? `the ship-to postal code ${postalCode} could not be located, so DCs are taken in configured order`
    : 'the order has no ship-to postal code, so DCs are taken in configured order'];
  const dcs = input.dcs.filter((dc) => !dc.location).map((dc) => `DC ${dc.id}'s postal code ${dc.postalCode} could not be located, so it ranks last`);
  return [...shipTo, ...(input.shipTo.location ? dcs : [])];
}

function unknownSkuNotes(demand: Map<string, number>, stock: StockNow): string[] {
  const unknown = [...demand.keys()].filter((sku) => !stock.has(sku));
  if (unknown.length === 0) return [];
  return [unknown.length === 1
    ? `SKU ${unknown[0]} is not in the stock view, so it counts as available at every DC (the OMS decides)`
    : `SKUs ${joined(unknown)} are not in the stock view, so they count as available at every DC (the OMS decides)`];
}

/** `DC east (Newark NJ, 14 km from 07302)`. */
function label(s: Situation, dc: RankedDc): string {
  const where = [dc.place, dc.km === undefined ? undefined : dc.km < 1 ? `same area as ${s.origin}` : `about ${kilometres(dc.km)} from ${s.origin}`].filter(Boolean);
  return where.length > 0 ? `DC ${dc.id} (${where.join(', ')})` : `DC ${dc.id}`;
}

function distanceOf(dc: RankedDc): string {
  return dc.km === undefined ? '' : kilometres(dc.km);
}

/** `west: 3,920 km, south: 1,210 km and 2 more`: at most three named. */
function listed(dcs: readonly RankedDc[], detail: (dc: RankedDc) => string): string {
  const named = dcs.slice(0, 3).map((dc) => (detail(dc) ? `${dc.id}: ${detail(dc)}` : dc.id));
  return dcs.length > 3 ? `${named.join(', ')} and ${dcs.length - 3} more` : named.join(', ');
}

function sentence(main: string, clauses: readonly string[]): string {
  return [main, ...clauses].join('; ');
}

function joined(items: readonly string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/** `all 3 lines`, or `the order's one line`. */
function allLines(s: Situation): string {
  return s.lines.length === 1 ? "the order's one line" : `all ${count(s.lines.length, 'line')}`;
}

function count(n: number, noun: string): string {
  return `${grouped(n)} ${noun}${n === 1 ? '' : 's'}`;
}

function kilometres(km: number): string {
  return `${grouped(Math.round(km))} km`;
}

/** 3920 → `3,920`, the same on every machine whatever its locale. */
function grouped(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
