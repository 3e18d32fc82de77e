/**
 * CLI of the mail sink for the demo:
 *   tsx sims/mail-sink/main.ts --port 9125 --dir .demo/mail
 * Accepts every message, prints one line per message (recipient and subject) and
 * writes each to <dir>/<n>-<recipient>.eml to open in a mail client.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startMailSink } from './index.js';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '9125' },
    host: { type: 'string', default: '127.0.0.1' },
    dir: { type: 'string' },
  },
});
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new Error('--port must be a port number');
if (values.dir) mkdirSync(values.dir, { recursive: true });
let count = 0;
const sink = await startMailSink({
  port, host: values.host,
  onMail(mail) {
    count += 1;
    const to = mail.envelopeTo.join(', ');
    console.log(`mail to ${to}: ${mail.parsed.subject ?? '(no subject)'}`);
    if (values.dir) writeFileSync(join(values.dir, `${String(count).padStart(3, '0')}-${to.replace(/[^\w.@-]/g, '_')}.eml`), mail.raw);
  },
});
console.log(`mail sink listening on ${values.host}:${sink.port}`);
process.on('SIGTERM', () => void sink.close().then(() => process.exit(0)));
process.on('SIGINT', () => void sink.close().then(() => process.exit(0)));
