/**
 * The kiosk channel's MQTT topics: a device publishes its uploads to its store's topic,
 * and reads answers and status changes on its own.
 *   <prefix>/<store>/orders            uploads (QoS 1), the hub subscribes to <prefix>/+/orders
 *   <prefix>/<store>/<device>/status   receipts, refusals and status changes (QoS 1)
 */
export function uploadFilter(prefix: string): string {
  return `${prefix}/+/orders`;
}

export function statusTopic(prefix: string, store: string, device: string): string {
  return `${prefix}/${store}/${device}/status`;
}

/** The store of an upload topic, or undefined when the topic is not one. */
export function storeOfUploadTopic(prefix: string, topic: string): string | undefined {
  if (!topic.startsWith(`${prefix}/`) || !topic.endsWith('/orders')) return undefined;
  const store = topic.slice(prefix.length + 1, -'/orders'.length);
  return /^[A-Za-z0-9_-]{1,40}$/.test(store) ? store : undefined;
}
