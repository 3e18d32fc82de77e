/**
 * What a draft mapping looks for, per canonical field: the names a channel is likely to
 * give it (in order of preference) and how its value is read (which pipes). Groups are
 * the lines (a list) and the addresses (objects), each with fields of their own.
 */

/** How a guessed value is read; the pipes are chosen from this when the field is written. */
export type ValueReading = 'text' | 'trimmed' | 'datetime' | 'currency' | 'email' | 'phone' | 'money' | 'integer' | 'country';

export interface ValueTarget {
  /** Canonical pointer, relative to its group (or the order). */
  readonly pointer: string;
  readonly names: readonly string[];
  readonly reading: ValueReading;
  readonly required: boolean;
  /** Only nodes inside an object or list of one of these names. */
  readonly under?: readonly string[];
  /** A missing value means 0 (shipping, tax, discount): written with `"default": "0"`. */
  readonly zeroWhenMissing?: boolean;
}

export interface GroupTarget {
  readonly pointer: string;
  readonly names: readonly string[];
  readonly kind: 'list' | 'object';
  readonly required: boolean;
  readonly fields: readonly ValueTarget[];
}

const CUSTOMER = ['customer', 'buyer', 'purchaser', 'orderedby', 'contact', 'client', 'soldto'];

export const ORDER_FIELDS: readonly ValueTarget[] = [
  { pointer: '/externalId', reading: 'text', required: true, names: ['orderId', 'orderNumber', 'orderNo', 'poNumber', 'purchaseOrderNumber', 'orderRef', 'orderReference', 'reference', 'number', 'id'] },
  { pointer: '/placedAt', reading: 'datetime', required: true, names: ['createdAt', 'orderDate', 'placedAt', 'orderedAt', 'dateCreated', 'createDate', 'created', 'date', 'processedAt', 'submittedAt', 'timestamp'] },
  { pointer: '/currency', reading: 'currency', required: true, names: ['currency', 'currencyCode', 'orderCurrency', 'currencyIso'] },
  { pointer: '/customer/id', reading: 'text', required: false, under: CUSTOMER, names: ['id', 'customerId', 'customerNumber', 'accountId', 'accountNumber'] },
  { pointer: '/customer/email', reading: 'email', required: false, names: ['email', 'emailAddress', 'customerEmail', 'contactEmail', 'mail'] },
  { pointer: '/customer/phone', reading: 'phone', required: false, names: ['phone', 'phoneNumber', 'telephone', 'telephoneNumber', 'mobile', 'tel'] },
  { pointer: '/totals/subtotal', reading: 'money', required: true, names: ['subtotal', 'subtotalPrice', 'totalLineItemsPrice', 'itemsTotal', 'merchandiseTotal', 'netTotal', 'goodsTotal'] },
  { pointer: '/totals/shipping', reading: 'money', required: true, zeroWhenMissing: true, names: ['shipping', 'shippingTotal', 'totalShipping', 'shippingPrice', 'totalShippingPrice', 'totalShippingPriceSet', 'shippingCost', 'shippingAmount', 'freight'] },
  { pointer: '/totals/tax', reading: 'money', required: true, zeroWhenMissing: true, names: ['tax', 'totalTax', 'taxTotal', 'taxAmount', 'vat'] },
  { pointer: '/totals/discount', reading: 'money', required: true, zeroWhenMissing: true, names: ['discount', 'totalDiscounts', 'totalDiscount', 'discountTotal', 'discountAmount'] },
  { pointer: '/totals/grandTotal', reading: 'money', required: true, names: ['grandTotal', 'totalPrice', 'total', 'orderTotal', 'totalAmount', 'totalDue'] },
  { pointer: '/notes', reading: 'trimmed', required: false, names: ['note', 'notes', 'comment', 'comments', 'remarks', 'customerNote', 'instructions'] },
];

/** Where a customer's name may be found, best first: on the customer, else on the bill-to. */
export const CUSTOMER_NAME = {
  pointer: '/customer/name',
  names: ['name', 'fullName', 'customerName', 'contactName'],
  first: ['firstName', 'givenName', 'forename'],
  last: ['lastName', 'surname', 'familyName'],
  under: [CUSTOMER, ['billingAddress', 'billTo', 'billing', 'invoiceAddress']],
} as const;

const ADDRESS_FIELDS: readonly ValueTarget[] = [
  { pointer: '/name', reading: 'trimmed', required: false, names: ['name', 'fullName', 'deliverTo', 'addressee', 'contactName'] },
  { pointer: '/company', reading: 'trimmed', required: false, names: ['company', 'companyName', 'organisation', 'organization'] },
  { pointer: '/line1', reading: 'trimmed', required: true, names: ['address1', 'line1', 'street', 'street1', 'addressLine1', 'streetAddress', 'address'] },
  { pointer: '/line2', reading: 'trimmed', required: false, names: ['address2', 'line2', 'street2', 'addressLine2'] },
  { pointer: '/city', reading: 'trimmed', required: true, names: ['city', 'town', 'locality'] },
  { pointer: '/region', reading: 'trimmed', required: false, names: ['provinceCode', 'stateCode', 'region', 'state', 'province', 'county'] },
  { pointer: '/postalCode', reading: 'trimmed', required: false, names: ['zip', 'postalCode', 'postCode', 'zipCode'] },
  { pointer: '/country', reading: 'country', required: true, names: ['countryCode', 'isoCountryCode', 'country', 'countryName'] },
  { pointer: '/phone', reading: 'phone', required: false, names: ['phone', 'phoneNumber', 'telephone', 'telephoneNumber'] },
];

export const GROUPS: readonly GroupTarget[] = [
  { pointer: '/billTo', kind: 'object', required: false, names: ['billingAddress', 'billTo', 'invoiceAddress', 'billing', 'invoiceTo'], fields: ADDRESS_FIELDS },
  { pointer: '/shipTo', kind: 'object', required: false, names: ['shippingAddress', 'shipTo', 'deliveryAddress', 'shipping', 'delivery', 'recipient'], fields: ADDRESS_FIELDS },
  {
    pointer: '/lines', kind: 'list', required: true,
    names: ['lineItems', 'lines', 'items', 'orderLines', 'itemOut', 'line', 'item', 'orderItems', 'products', 'positions'],
    fields: [
      { pointer: '/lineId', reading: 'text', required: true, names: ['lineId', 'lineNumber', 'lineNo', 'number', 'id', 'position'] },
      { pointer: '/sku', reading: 'text', required: true, names: ['sku', 'supplierPartId', 'partNumber', 'partNo', 'itemNumber', 'itemNo', 'productCode', 'articleNumber', 'code', 'itemId', 'productId'] },
      { pointer: '/description', reading: 'trimmed', required: false, names: ['description', 'title', 'name', 'productName', 'itemName', 'shortName'] },
      { pointer: '/quantity', reading: 'integer', required: true, names: ['quantity', 'qty', 'orderedQuantity', 'quantityOrdered', 'count'] },
      { pointer: '/unitPrice', reading: 'money', required: true, names: ['unitPrice', 'price', 'priceEach', 'unitCost', 'itemPrice', 'netPrice'] },
      { pointer: '/discount', reading: 'money', required: false, names: ['discount', 'totalDiscount', 'lineDiscount', 'discountAmount'] },
      { pointer: '/tax', reading: 'money', required: false, names: ['tax', 'lineTax', 'taxAmount', 'totalTax'] },
    ],
  },
];

/** The names a line's quantity goes by: an element with one is an order line, not a wrapper. */
export const QUANTITY_NAMES: readonly string[] = GROUPS.find((g) => g.pointer === '/lines')!.fields.find((f) => f.pointer === '/quantity')!.names;
