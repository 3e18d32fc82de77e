/**
 * An in-memory stand-in for the hub's kiosk intake, for the simulator's own tests and dry runs
 * (`--transport memory`): it holds each device's orders by seq, answers captured / duplicate
 * (with the first answer's confirmation) / rejected (a SKU it does not know, kept for review)
 * and highestContiguous, can refuse revoked keys, fail uploads at a rate (503), and push a
 * `status` message per captured order. It checks nothing else: the real hub is the reference.
 */
import { newNonce } from './signing.js';
import type { Rng } from './prng.js';
import type { KioskTransport, UploadOutcome } from './transport.js';
import type { HubMessage, KioskIdentity, KioskOrder, UploadReply, UploadResult } from './types.js';

export interface MemoryHubOptions {
  /** SKUs the hub knows; an order with another is `rejected`. Default: every SKU is known. */
  knownSkus?: Iterable<string>;
  /** Push a `status` (state `received`) for every captured order; default false. */
  pushStatuses?: boolean;
}

export interface MemoryTransportFaults {
  /** Chance an upload fails with 503 before the hub sees it; default 0. */
  failRate?: number;
  rng?: Rng;
}

interface DeviceBook {
  results: Map<number, UploadResult>;
  highestContiguous: number;
  listeners: Set<(message: HubMessage) => void>;
}

export class MemoryHub {
  /** Uploads received (refused ones included). */
  uploads = 0;
  readonly #known: Set<string> | undefined;
  readonly #books = new Map<string, DeviceBook>();
  readonly #revoked = new Set<string>();
  #counter = 0;

  constructor(private readonly options: MemoryHubOptions = {}) {
    this.#known = options.knownSkus === undefined ? undefined : new Set(options.knownSkus);
  }

  /** Uploads signed with this key id are refused (401 KEY_REVOKED). */
  revoke(keyId: string): void {
    this.#revoked.add(keyId);
  }

  /** What the hub holds of a device: seq → first answer. */
  held(deviceId: string): Map<number, UploadResult> {
    return new Map(this.#book(deviceId).results);
  }

  highestContiguous(deviceId: string): number {
    return this.#book(deviceId).highestContiguous;
  }

  /** Takes one upload body as the hub would; a refusal is returned, not thrown. */
  receive(identity: KioskIdentity, body: string): { reply: UploadReply } | { refused: { status: number; code: string; detail: string } } {
    this.uploads += 1;
    if (this.#revoked.has(identity.key.keyId)) return { refused: { status: 401, code: 'KEY_REVOKED', detail: `key ${identity.key.keyId} is revoked` } };
    let orders: KioskOrder[];
    try {
      orders = (JSON.parse(body) as { orders: KioskOrder[] }).orders;
      if (!Array.isArray(orders)) throw new Error('orders is not an array');
    } catch (error) {
      return { refused: { status: 400, code: 'BAD_BODY', detail: error instanceof Error ? error.message : String(error) } };
    }
    const book = this.#book(identity.deviceId);
    const results = orders.map((order) => this.#take(book, order));
    while (book.results.has(book.highestContiguous + 1)) book.highestContiguous += 1;
    return { reply: { device: identity.deviceId, store: identity.store, results, highestContiguous: book.highestContiguous } };
  }

  /** A transport for one kiosk that talks to this hub directly. */
  transport(identity: KioskIdentity, faults: MemoryTransportFaults = {}): KioskTransport {
    const book = this.#book(identity.deviceId);
    return {
      name: 'memory',
      upload: async (body: string): Promise<UploadOutcome> => {
        const nonce = newNonce();
        await Promise.resolve();
        if (faults.rng !== undefined && faults.rng.chance(faults.failRate ?? 0)) return { kind: 'retry', nonce, status: 503, reason: 'HTTP 503' };
        const answer = this.receive(identity, body);
        return 'reply' in answer ? { kind: 'reply', nonce, reply: answer.reply } : { kind: 'refused', nonce, ...answer.refused };
      },
      onMessage: (listener) => {
        book.listeners.add(listener);
        return () => book.listeners.delete(listener);
      },
      close: async () => undefined,
    };
  }

  #book(deviceId: string): DeviceBook {
    let book = this.#books.get(deviceId);
    if (book === undefined) {
      book = { results: new Map(), highestContiguous: 0, listeners: new Set() };
      this.#books.set(deviceId, book);
    }
    return book;
  }

  #take(book: DeviceBook, order: KioskOrder): UploadResult {
    const known = book.results.get(order.seq);
    if (known !== undefined) return { ...known, outcome: 'duplicate' };
    this.#counter += 1;
    const unknown = this.#known === undefined ? undefined : order.lines.find((line) => !this.#known?.has(line.sku));
    const result: UploadResult = unknown === undefined
      ? { seq: order.seq, outcome: 'captured', confirmation: `KC-${String(this.#counter).padStart(6, '0')}`, hubOrderId: `ho_${this.#counter}`, state: 'received' }
      : { seq: order.seq, outcome: 'rejected', hubOrderId: `ho_${this.#counter}`, state: 'review', reason: `unknown SKU ${unknown.sku}` };
    book.results.set(order.seq, result);
    if (this.options.pushStatuses && result.confirmation !== undefined) {
      const status: HubMessage = {
        type: 'status', seq: order.seq, confirmation: result.confirmation, state: 'received', version: 1, occurredAt: new Date().toISOString(),
      };
      queueMicrotask(() => {
        for (const listener of book.listeners) listener(status);
      });
    }
    return { ...result };
  }
}
