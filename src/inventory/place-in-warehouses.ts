/**
 * Nearest-DC routing of an accepted order (`routing.warehouses`): reads what each DC has
 * now (on hand less what orders routed there reserved), locates the ship-to and the DCs
 * by postal code, and lets choose-dc.ts decide. The order then names its DC
 * (`fulfilment.warehouse`, or `warehouse` per line when split), goes to the target that
 * serves that DC, and the reason joins the route entry of its timeline. Pickup orders
 * are left to their store (place-at-store.ts).
 */
import type { WarehouseRouting } from '../config/hub-config.js';
import type { CanonicalOrder } from '../model/order.js';
import type { StockStore } from '../store/stock-store.js';
import { chooseDc, type DcDecision, type DcSite, type StockNow } from './choose-dc.js';
import { loadPostalCoordinates, type PostalCoordinates } from './postal-coordinates.js';

export interface Warehouses {
  sites: DcSite[];
  /** DC → the target instance that serves it (absent: the order's own route). */
  targets: ReadonlyMap<string, string>;
  split: boolean;
  coordinates: PostalCoordinates;
}

export async function loadWarehouses(config: WarehouseRouting | undefined): Promise<Warehouses | undefined> {
  if (!config) return undefined;
  const coordinates = await loadPostalCoordinates(config.coordinates);
  return {
    sites: config.dcs.map((dc) => ({ id: dc.id, postalCode: dc.postalCode, country: dc.country, location: coordinates.locate(dc.country, dc.postalCode) })),
    targets: new Map(config.dcs.filter((dc) => dc.target).map((dc) => [dc.id, dc.target!])),
    split: config.split,
    coordinates,
  };
}

export interface Placement {
  order: CanonicalOrder;
  target: string;
  reason: string;
}

/** The order placed in its DC(s), with the target serving them and why; unchanged without warehouses or for a pickup. */
export async function placeInWarehouses(
  warehouses: Warehouses | undefined, stock: StockStore, order: CanonicalOrder, routed: { target: string; reason: string },
): Promise<Placement> {
  if (!warehouses || order.fulfilment?.method === 'pickup') return { order, ...routed };
  const stockNow = await stockByDc(stock, order, warehouses.sites);
  const decide = (split: boolean) => chooseDc({
    lines: order.lines, stock: stockNow, dcs: warehouses.sites, rules: { split },
    shipTo: {
      ...(order.shipTo?.postalCode ? { postalCode: order.shipTo.postalCode } : {}),
      ...locationOf(warehouses, order),
    },
  });
  let decision = decide(warehouses.split);
  // One order goes to one target: a split across DCs served by different targets is not made.
  if (decision.kind === 'split' && new Set(decision.assignments.map((a) => targetOf(warehouses, a.dc, routed.target))).size > 1) decision = decide(false);
  return applyDecision(warehouses, order, routed, decision);
}

function locationOf(warehouses: Warehouses, order: CanonicalOrder) {
  const to = order.shipTo;
  const location = to?.postalCode ? warehouses.coordinates.locate(to.country, to.postalCode) : undefined;
  return location ? { location } : {};
}

async function stockByDc(stock: StockStore, order: CanonicalOrder, sites: DcSite[]): Promise<StockNow> {
  const known = (await stock.stockOf([...new Set(order.lines.map((l) => l.sku))])).filter((s) => s.known);
  return new Map(known.map((s) => [s.sku, Object.fromEntries(sites.map((site) => [site.id, s.availableByDc[site.id] ?? 0]))]));
}

function targetOf(warehouses: Warehouses, dc: string, fallback: string): string {
  return warehouses.targets.get(dc) ?? fallback;
}

function applyDecision(warehouses: Warehouses, order: CanonicalOrder, routed: { target: string; reason: string }, decision: DcDecision): Placement {
  const reason = `${routed.reason}; ${decision.reason}`;
  switch (decision.kind) {
    case 'none':
      return { order, target: routed.target, reason };
    case 'whole':
    case 'most':
      return {
        order: { ...order, fulfilment: { ...(order.fulfilment ?? { method: 'ship' }), warehouse: decision.dc } },
        target: targetOf(warehouses, decision.dc, routed.target), reason,
      };
    case 'split': {
      const dcOf = new Map(decision.assignments.map((a) => [a.lineId, a.dc]));
      return {
        order: { ...order, lines: order.lines.map((l) => (dcOf.has(l.lineId) ? { ...l, warehouse: dcOf.get(l.lineId)! } : l)) },
        target: targetOf(warehouses, decision.assignments[0]!.dc, routed.target), reason,
      };
    }
  }
}

/** The target serving the DC an order was already placed in, if that DC names one. */
export function placedTarget(warehouses: Warehouses | undefined, order: CanonicalOrder): string | undefined {
  const dc = order.fulfilment?.warehouse ?? order.lines.find((l) => l.warehouse)?.warehouse;
  return dc && warehouses ? warehouses.targets.get(dc) : undefined;
}

/** What each line takes from the inventory view, at the DC it was routed to. */
export function linesToReserve(order: CanonicalOrder): Array<{ sku: string; quantity: number; warehouse?: string }> {
  return order.lines.map((l) => {
    const warehouse = l.warehouse ?? order.fulfilment?.warehouse;
    return { sku: l.sku, quantity: l.quantity, ...(warehouse ? { warehouse } : {}) };
  });
}
