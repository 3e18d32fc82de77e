/**
 * Redis key layout of the hub, in one place. Every key starts with the configured
 * prefix. Personal data never appears in a key name: emails and phones are hashed.
 */
import { createHash } from 'node:crypto';

export function digest(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 32);
}

export class Keys {
  constructor(readonly prefix: string) {}

  order(id: string) { return `${this.prefix}:order:${id}`; }
  raw(id: string) { return `${this.prefix}:raw:${id}`; }
  timeline(id: string) { return `${this.prefix}:tl:${id}`; }
  events(id: string) { return `${this.prefix}:evt:${id}`; }
  dedup(source: string, dedupKey: string) { return `${this.prefix}:dedup:${source}:${digest(dedupKey)}`; }
  confirmation(code: string) { return `${this.prefix}:idx:conf:${code}`; }
  externalRef(source: string, ref: string) { return `${this.prefix}:idx:ref:${source}:${digest(ref)}`; }
  email(email: string) { return `${this.prefix}:idx:email:${digest(email.trim().toLowerCase())}`; }
  phone(phone: string) { return `${this.prefix}:idx:phone:${digest(phone)}`; }
  /** The customer directory (src/customers/): one hash per customer, their orders by time. */
  customer(id: string) { return `${this.prefix}:cust:${id}`; }
  customerOrders(id: string) { return `${this.prefix}:cust-orders:${id}`; }
  /** Customer by e-mail, phone or account number (hashed): customer id. */
  customerBy(kind: 'email' | 'phone' | 'account', value: string) { return `${this.prefix}:idx:cust-${kind}:${digest(value)}`; }
  /** Sorted set for name search: member `<normalized name>\t<customer id>`, all scores 0. */
  customerNames() { return `${this.prefix}:cust-names`; }
  /** List of the screen pops for one agent's desk (JSON), newest first. */
  deskPops(agent: string) { return `${this.prefix}:desk-pops:${digest(agent)}`; }
  /** List of an agent's notes on a customer (JSON). */
  customerNotes(id: string) { return `${this.prefix}:cust-notes:${id}`; }
  audit() { return `${this.prefix}:audit`; }
  /** Sorted set of orders waiting for review, by the time they got there. */
  reviewQueue() { return `${this.prefix}:review`; }
  deadLetters() { return `${this.prefix}:dlq`; }
  deadLetter(id: string) { return `${this.prefix}:dlq:${id}`; }
  openBatch(target: string) { return `${this.prefix}:batch:${target}:open`; }
  /** Prefix of a target's batch hashes: + batchId (hash), + batchId + ':orders' (list). */
  batchPrefix(target: string) { return `${this.prefix}:batch:${target}:`; }
  batch(target: string, batchId: string) { return `${this.batchPrefix(target)}${batchId}`; }
  batchOrders(target: string, batchId: string) { return `${this.batchPrefix(target)}${batchId}:orders`; }
  batchIndex(target: string) { return `${this.prefix}:batches:${target}`; }
  batchOf(target: string, orderId: string) { return `${this.prefix}:batch-of:${target}:${orderId}`; }
  breaker(target: string) { return `${this.prefix}:breaker:${target}`; }
  /** Sorted set of filed inbound items (not orders), by the time they were filed. */
  filed() { return `${this.prefix}:filed`; }
  filedItem(id: string) { return `${this.prefix}:filed:${id}`; }
  filedDedup(source: string, dedupKey: string) { return `${this.prefix}:filed-dedup:${source}:${digest(dedupKey)}`; }
  /** Stock of one SKU: `<dc>` on hand, `<dc>@` reported at (ms), `<dc>#` expected date. */
  stock(sku: string) { return `${this.prefix}:stk:${sku}`; }
  stockSkus() { return `${this.prefix}:stk-skus`; }
  stockSnapshotAt() { return `${this.prefix}:stk-snapshot`; }
  /** Units of a SKU taken by accepted orders the OMS has not reported yet. */
  reservedPrefix() { return `${this.prefix}:stk-resv:`; }
  reserved(sku: string) { return `${this.reservedPrefix()}${sku}`; }
  /** Hash: SKU → the alternatives the OMS offers for it, space-separated. */
  stockAlternatives() { return `${this.prefix}:stk-alt`; }
  reservedAtDcPrefix() { return `${this.prefix}:stk-resv-dc:`; }
  /** Units of a SKU reserved by orders routed to a DC: DC → units. */
  reservedAtDc(sku: string) { return `${this.reservedAtDcPrefix()}${sku}`; }
  /** What one order reserved: SKU → units. */
  orderReservation(orderId: string) { return `${this.prefix}:resv:${orderId}`; }
  /** Sorted set of the SKUs bought with this one: member another SKU, score orders that had both. */
  together(sku: string) { return `${this.prefix}:together:${sku}`; }
  /** Hash: SKU → orders counted for "bought together" that had it. */
  togetherOrders() { return `${this.prefix}:together-orders`; }
  cursor(instance: string) { return `${this.prefix}:cursor:${instance}`; }
  /** Sorted set: worker process id → heartbeat expiry time. */
  workerHeartbeats() { return `${this.prefix}:workers`; }
  /** Registered devices (kiosks): one hash per device, the set of ids, key id → device. */
  device(id: string) { return `${this.prefix}:dev:${id}`; }
  devices() { return `${this.prefix}:devs`; }
  deviceKey(keyId: string) { return `${this.prefix}:dev-key:${keyId}`; }
  /** Sequence numbers a device's orders hold: hash (hwm, max, seenAt) and the held ones above hwm. */
  deviceSequence(id: string) { return `${this.prefix}:dev-seq:${id}`; }
  deviceHeld(id: string) { return `${this.prefix}:dev-held:${id}`; }
  /** A nonce a device signed with, kept for the tolerance so a replay is refused. */
  deviceNonce(id: string, nonce: string) { return `${this.prefix}:dev-nonce:${id}:${nonce}`; }
  /** Parcels: tracking number → the order (string), and a booked parcel's label (bytes). */
  trackingNumber(number: string) { return `${this.prefix}:idx:tn:${number}`; }
  label(number: string) { return `${this.prefix}:label:${number}`; }
  /** Parcels a carrier instance follows by asking: sorted set, score = when next to ask. */
  trackingDue(instance: string) { return `${this.prefix}:track-due:${instance}`; }
  /** How long each followed parcel waits between looks now (hash: tracking number → ms). */
  trackingEvery(instance: string) { return `${this.prefix}:track-every:${instance}`; }
  /** Orders with a parcel in an exception: the console's watch list (sorted set by time). */
  watchList() { return `${this.prefix}:watch`; }
  /** The mapping archive: one mapping file per `id@version` (JSON, write-once), and each id's versions by first use. */
  mappingVersion(id: string, version: string) { return `${this.prefix}:mapping:${id}@${version}`; }
  mappingVersions(id: string) { return `${this.prefix}:mapping-versions:${id}`; }
  /** A series of control numbers of an instance (counter), and the number a document got. */
  controlSeries(instance: string, series: string) { return `${this.prefix}:ctl:${instance}:${series}`; }
  controlNumber(instance: string, series: string, documentKey: string) { return `${this.prefix}:ctl-doc:${instance}:${series}:${documentKey}`; }
  /** A document waiting for its acknowledgement (JSON), and the marker of its first acknowledgement. */
  awaitedAck(instance: string, key: string) { return `${this.prefix}:ack:${instance}:${key}`; }
  ackSettled(instance: string, key: string) { return `${this.prefix}:ack-settled:${instance}:${key}`; }
  /** Sorted set of the documents waiting for an acknowledgement: member `<instance> <key>`, score when due. */
  acksDue() { return `${this.prefix}:acks-due`; }
}
