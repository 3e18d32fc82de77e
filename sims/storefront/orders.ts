/**
 * Deterministic sample orders for the storefront simulator, in Shopify and
 * WooCommerce shapes (both rendered from the same per-number plan).
 */
export { makeShopifyOrder, SHOPIFY_ORDER_ID_BASE } from './shopify-order.js';
export type { ShopifyAddress, ShopifyLineItem, ShopifyMoneySet, ShopifyOrder } from './shopify-order.js';
export { makeWooOrder, WOO_ORDER_ID_BASE } from './woo-order.js';
export type { WooAddress, WooLineItem, WooOrder } from './woo-order.js';
