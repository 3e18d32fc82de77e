/**
 * What an e-mail order says, as plain data for the instance's mappings, and which form
 * it is in. In this order of preference:
 * - `text`: our plain-text template in the body (text-order.ts), mapped by `mappings.inbound`;
 * - `csv`: one CSV attachment (a spreadsheet of lines), mapped by `mappings.forms.csv`;
 * - `xml`: one XML attachment (an "Order XML v1" document by default), `mappings.forms.xml`;
 * - `scan`: a scanned order form (PDF, TIFF, PNG, JPEG), `mappings.forms.scan` (the OCR path).
 * Anything that cannot become an order this way is bad input with a message a reviewer
 * can act on; the hub then puts the message in the review queue with its original bytes.
 */
import { BadInputError, parseXmlSafely, readCsvTable } from '../../src/sdk/index.js';
import type { EmailOrdersConfig } from './config.js';
import type { MailAttachment, MailFacts } from './read-mail.js';
import { looksLikeTextOrder, multiply, parseTextOrder } from './text-order.js';

export type MailForm = 'text' | 'csv' | 'xml' | 'scan';

export interface MailOrder {
  /** Undefined for the text template (the instance's inbound mapping). */
  form: Exclude<MailForm, 'text'> | undefined;
  data: unknown;
}

/** The message facts every form's data carries (the XML form excepted: see `xmlData`). */
export interface MessageData {
  reference: string;
  messageId?: string;
  from?: { address: string; name?: string };
  subject: string;
  date: string;
}

const KINDS: Array<{ form: Exclude<MailForm, 'text'>; types: RegExp; names: RegExp }> = [
  { form: 'csv', types: /^(text\/csv|text\/comma-separated-values|application\/csv)$/, names: /\.csv$/i },
  { form: 'xml', types: /^(application|text)\/xml$/, names: /\.xml$/i },
  { form: 'scan', types: /^(application\/pdf|image\/(tiff|png|jpeg))$/, names: /\.(pdf|tiff?|png|jpe?g)$/i },
];

export function formOf(attachment: MailAttachment): Exclude<MailForm, 'text'> | undefined {
  return KINDS.find((kind) => kind.types.test(attachment.contentType) || kind.names.test(attachment.filename))?.form;
}

/** The order in the message; throws BadInputError saying what a reviewer should do. */
export function mailOrder(mail: MailFacts, config: EmailOrdersConfig, receivedAt: string): MailOrder {
  const message: MessageData = {
    reference: mail.reference, ...(mail.messageId ? { messageId: mail.messageId } : {}), ...(mail.from ? { from: mail.from } : {}),
    subject: mail.subject, date: mail.date ?? receivedAt,
  };
  if (looksLikeTextOrder(mail.text)) return { form: undefined, data: textData(mail, message, config) };
  const byForm = (form: MailForm) => mail.attachments.filter((a) => formOf(a) === form);
  for (const form of ['csv', 'xml'] as const) {
    const found = byForm(form);
    if (found.length > 1) throw tooMany(found, form);
    if (found[0]) return { form, data: form === 'csv' ? csvData(found[0], message, config) : xmlData(found[0], message, config) };
  }
  const scans = byForm('scan');
  if (scans.length > 0) {
    return { form: 'scan', data: { message, scans: scans.map(({ filename, contentType, size }) => ({ filename, contentType, size })) } };
  }
  throw new BadInputError('the e-mail holds no order: no "Items:" block of the order template, no CSV or XML order attachment, no scanned order form', {
    code: 'MAIL_NO_ORDER', hint: 'read the message: key the order it asks for, answer the customer with the order template (docs/mail-orders.md), or reject it',
  });
}

function textData(mail: MailFacts, message: MessageData, config: EmailOrdersConfig): unknown {
  const order = parseTextOrder(mail.text);
  if (order.problems.length > 0) {
    throw new BadInputError(`the e-mail order template has ${order.problems.length} problem(s): ${order.problems.join('; ')}`, {
      code: 'MAIL_TEMPLATE', hint: 'correct the order from the message and accept it, or reply to the customer with what to fix',
    });
  }
  return { message, currency: order.currency ?? config.currency, order };
}

function csvData(attachment: MailAttachment, message: MessageData, config: EmailOrdersConfig): unknown {
  const table = readCsvTable(attachment.content);
  // Rows of nothing but delimiters (a spreadsheet's trailing rows) are not lines.
  const filled = table.rows.filter((row) => Object.values(row.cells).some((cell) => cell.trim() !== ''));
  const problems = [...table.problems, ...(filled.length === 0 ? ['no data rows'] : []), ...filled.flatMap(rowProblems)];
  if (problems.length > 0) {
    throw new BadInputError(`the CSV attachment ${attachment.filename} cannot be read: ${problems.join('; ')}`, {
      code: 'MAIL_CSV', hint: 'open the attachment in the original message, key the order from it or ask the customer for a corrected sheet',
    });
  }
  const rows = filled.map((row) => withLineTotal({ line: String(row.line), ...row.cells }));
  return { message, currency: rows[0]?.currency?.trim().toUpperCase() || config.currency, attachment: { filename: attachment.filename }, columns: table.columns, rows };
}

const QUANTITY = /^\s*[1-9]\d*\s*$/;
const PRICE = /^\s*\d+(?:[.,]\d+)?\s*$/;

/** Each line needs a SKU, a whole positive quantity and a plain decimal price, so its total is exact. */
function rowProblems(row: { line: number; cells: Record<string, string> }): string[] {
  const { sku = '', quantity = '', unit_price: price = '' } = row.cells;
  const problems: string[] = [];
  if (sku.trim() === '') problems.push(`line ${row.line}: no sku`);
  if (!QUANTITY.test(quantity)) problems.push(`line ${row.line}: quantity "${quantity.slice(0, 20)}" is not a whole number above 0`);
  if (!PRICE.test(price)) problems.push(`line ${row.line}: unit_price "${price.slice(0, 20)}" is not a price like 24.90`);
  return problems;
}

/** Spreadsheets write `24,90` where the mapping wants `24.90`; each row gets its exact `line_total`. */
function withLineTotal(row: Record<string, string>): Record<string, string> {
  const unitPrice = row.unit_price!.trim().replace(',', '.');
  const quantity = row.quantity!.trim();
  return { ...row, quantity, unit_price: unitPrice, line_total: multiply(quantity, unitPrice) };
}

/**
 * The XML form's data is the root element's content exactly as the xml-orders connector
 * parses it, so one mapping file serves both channels; the sender's address fills in
 * `Customer/Email` when the document has none (the sender identifies the customer).
 */
function xmlData(attachment: MailAttachment, message: MessageData, config: EmailOrdersConfig): unknown {
  let document: Record<string, unknown>;
  try {
    document = parseXmlSafely(attachment.content, { arrays: config.xml.repeated });
  } catch (error) {
    throw new BadInputError(`the XML attachment ${attachment.filename} cannot be read: ${(error as Error).message}`, {
      code: 'MAIL_XML', hint: 'open the attachment in the original message and key the order from it, or ask the sender for a well-formed document', cause: error,
    });
  }
  const root = document[config.xml.root];
  if (typeof root !== 'object' || root === null || Array.isArray(root)) {
    throw new BadInputError(`the XML attachment ${attachment.filename} has no <${config.xml.root}> root element`, {
      code: 'MAIL_XML', hint: `ask the sender for an <${config.xml.root}> document (docs/protocols.md), or key the order from it`,
    });
  }
  const content = root as Record<string, unknown>;
  const customer = typeof content.Customer === 'object' && content.Customer !== null ? content.Customer as Record<string, unknown> : {};
  if (!customer.Email && message.from) return { ...content, Customer: { ...customer, Email: message.from.address } };
  return content;
}

function tooMany(found: MailAttachment[], form: MailForm): BadInputError {
  return new BadInputError(`the e-mail has ${found.length} ${form.toUpperCase()} attachments (${found.map((a) => a.filename).join(', ')}); one e-mail carries one order`, {
    code: 'MAIL_SEVERAL_ORDERS', hint: 'key each order from its attachment, or ask the customer to send one order per e-mail',
  });
}
