/**
 * Publishes the OMS's stock to the hub as signed `<StockUpdate>` documents
 * (docs/protocols.md, "OMS stock feed"): numbered one by one, sent one at a
 * time in that order, each retried like a status callback.
 */
import { Notifier, waitUntil } from '../shared/wait.js';
import { deliverSigned, type SignedPostOptions } from './callback-sender.js';
import { renderStockDocument } from './xml-render.js';
import type { StockDocumentKind, StockItem, StockPush } from './types.js';

export class StockFeed {
  readonly #options: SignedPostOptions;
  readonly #pushes: StockPush[] = [];
  readonly #changed = new Notifier();
  #tail: Promise<void> = Promise.resolve();
  #inFlight = 0;

  constructor(options: SignedPostOptions) {
    this.#options = options;
  }

  /**
   * Numbers and renders the document now (so `asOf` is the moment of the
   * change), queues it behind the earlier ones and resolves once it was
   * delivered or given up on.
   */
  publish(kind: StockDocumentKind, items: StockItem[]): Promise<void> {
    const sent = items.map(asSent);
    const fields = { kind, sequence: this.#pushes.length + 1, asOf: new Date().toISOString(), items: sent };
    const push: StockPush = { ...fields, xml: renderStockDocument(fields), httpStatus: 0, attempts: 0, delivered: false };
    this.#pushes.push(push);
    this.#inFlight += 1;
    const delivery = this.#tail
      .then(() => deliverSigned(push.xml, this.#options, push, () => this.#changed.notify()))
      .finally(() => {
        this.#inFlight -= 1;
        this.#changed.notify();
      });
    this.#tail = delivery;
    return delivery;
  }

  pushes(): StockPush[] {
    return this.#pushes.map((push) => ({ ...push, items: push.items.map((item) => ({ ...item })) }));
  }

  settled(timeoutMs: number): Promise<void> {
    const probe = (): true | undefined => (this.#inFlight === 0 ? true : undefined);
    return waitUntil(probe, (listener) => this.#changed.subscribe(listener), timeoutMs, 'stock pushes to settle').then(() => undefined);
  }
}

/** The item as the document carries it: the restock date only while nothing is on hand. */
function asSent(item: StockItem): StockItem {
  const { sku, dc, onHand, expectedDate } = item;
  return onHand === 0 && expectedDate !== undefined ? { sku, dc, onHand, expectedDate } : { sku, dc, onHand };
}

/** `…/in/oms-main/status` → `…/in/oms-main/stock` (query kept). */
export function stockUrlFor(callbackUrl: string): string {
  const url = new URL(callbackUrl);
  const segments = url.pathname.replace(/\/+$/, '').split('/');
  segments[segments.length - 1] = 'stock';
  url.pathname = segments.join('/') || '/stock';
  return url.toString();
}
