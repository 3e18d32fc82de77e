/**
 * The storefront's own order id, as exact text. Shopify ids can exceed what a JSON
 * number holds exactly, so the string `admin_graphql_api_id` (gid://shopify/Order/<id>)
 * wins; a numeric id is used only when it is still exact.
 */
export function storefrontOrderId(order: Record<string, unknown>): string | undefined {
  const gid = order.admin_graphql_api_id;
  if (typeof gid === 'string' && /\/\d+$/.test(gid)) return gid.slice(gid.lastIndexOf('/') + 1);
  const id = order.id;
  if (typeof id === 'string' && id.length > 0) return id;
  if (typeof id === 'number' && Number.isSafeInteger(id)) return String(id);
  return undefined;
}
