/**
 * The connector SDK: everything a connector may import. Connectors import only
 * from here, never from the rest of `src/`.
 */
export * from './connector.js';
export * from './errors/index.js';
export { hmacSha256, verifyHmacSha256, secretsEqual, signCallback, type DigestEncoding } from './signature.js';
export { DEVICE_HEADERS } from '../devices/signed-message.js';
export { parseXmlSafely, xmlText, type SafeXmlOptions } from './xml.js';
export { httpRequest, raiseForStatus, safeUrl, type HttpRequest, type HttpResponse } from './http-client.js';
export { parseJsonBody, parseRawByContentType } from './parse-raw.js';
export { planPartnerDocuments, confirmationOf, type Confirmation, type LineConfirmation, type PartnerDocument } from './partner-documents.js';
export { readCsvTable, type CsvTable, type CsvTableOptions } from './csv-table.js';
export * from './sftp/index.js';
// OCR forms (sharp, tesseract.js, pdf-lib) are a separate entry, `src/sdk/forms.js`, that
// connectors load when they first need it: processes that read no forms do not pay for it.
export type { Logger } from 'pino';
export type { Address, CanonicalOrder, Channel, Customer, MappedOrder, MinorUnits, OrderLine, Totals } from '../model/order.js';
export type { LineQuantities, OrderState, OrderStatus, ParcelStatus, Shipment, StatusEvent, StatusEventType } from '../model/status.js';
export { PARCEL_STATUSES } from '../model/status.js';
export { currencyExponent, fromMinorUnits } from '../model/money.js';
export type { AskedChange, OrderChangeOp } from '../model/order-change.js';
