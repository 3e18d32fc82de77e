/**
 * Sends an order e-mail to the hub's SMTP listener, as a customer's mail server would:
 * the sample text-template order by default, or a CSV order sheet as an attachment.
 * Prints the hub's answer (250 with the confirmation code).
 *
 *   npx tsx scripts/send-mail-order.ts [--port 2526] [--host 127.0.0.1] [--from ada@example.org] [--csv <file>] [--text <file>]
 */
import nodemailer from 'nodemailer';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    host: { type: 'string', default: '127.0.0.1' },
    port: { type: 'string', default: '2526' },
    from: { type: 'string', default: 'Ada Lovelace <ada@example.org>' },
    to: { type: 'string', default: 'orders@shop.example' },
    text: { type: 'string', default: 'connectors/email-orders/samples/text-order.txt' },
    csv: { type: 'string' },
  },
});

const transport = nodemailer.createTransport({ host: values.host, port: Number(values.port), secure: false, ignoreTLS: true });
const info = await transport.sendMail({
  from: values.from,
  to: values.to,
  subject: 'Order',
  text: values.csv ? 'Please find our order attached.' : readFileSync(values.text!, 'utf8'),
  ...(values.csv ? { attachments: [{ filename: basename(values.csv), content: readFileSync(values.csv), contentType: 'text/csv' }] } : {}),
});
console.log(`${values.host}:${values.port} answered: ${info.response}`);
transport.close();
