/**
 * The fax gateway simulator as a process, for the demo: watches the folder the hub drops
 * confirmation faxes in and prints each one it "sends".
 *
 *   node --import tsx sims/fax-gateway/main.ts --outbox .demo/fax/out
 */
import { parseArgs } from 'node:util';
import { startFaxGateway } from './index.js';

const { values } = parseArgs({ options: { outbox: { type: 'string' } } });
if (!values.outbox) {
  console.error('usage: main.ts --outbox <folder the hub drops confirmation faxes in>');
  process.exit(2);
}
const gateway = await startFaxGateway({
  outbox: values.outbox,
  onSent: (fax) => console.log(`fax to +${fax.to}: ${fax.file} (${fax.bytes.length} bytes)`),
});
console.log(`fax gateway: sending what the hub drops in ${values.outbox}`);
const stop = () => void gateway.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
