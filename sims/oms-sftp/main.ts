/**
 * CLI of the flat-file OMS simulator for the demo:
 *   OMS_SFTP_KEY_FILE=~/.ssh/oms tsx sims/oms-sftp/main.ts --host 127.0.0.1 --port 2222 --user oms --auto-progress
 * With `--stock stock.json` ({ "dcs": [...], "items": [...] }) it keeps stock and writes a
 * snapshot file at start, then delta files as orders and changes move it.
 * The private key is read from the file named by OMS_SFTP_KEY_FILE; without it the
 * password comes from OMS_SFTP_PASSWORD. Every log entry is printed as a JSON line.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { startOmsSftpSim } from './index.js';
import type { OmsSftpSimOptions, OmsSftpStockOptions, SftpConnection } from './types.js';
import { closeOnSignals, runMain } from '../shared/run-main.js';

const USAGE = `usage: OMS_SFTP_KEY_FILE=<key> | OMS_SFTP_PASSWORD=<pw> tsx sims/oms-sftp/main.ts --port 2222 --user oms
       [--host 127.0.0.1] [--inbox /inbox] [--outbox /outbox] [--auto-progress] [--done-files]
       [--poll-interval 200] [--carrier UPS] [--host-key-fingerprint SHA256:…] [--stock stock.json]`;

function readOptions(): OmsSftpSimOptions {
  const { values } = parseArgs({
    options: {
      host: { type: 'string', default: '127.0.0.1' },
      port: { type: 'string', default: '22' },
      user: { type: 'string' },
      inbox: { type: 'string', default: '/inbox' },
      outbox: { type: 'string', default: '/outbox' },
      'auto-progress': { type: 'boolean', default: false },
      'done-files': { type: 'boolean', default: false },
      'poll-interval': { type: 'string', default: '200' },
      carrier: { type: 'string', default: 'UPS' },
      'host-key-fingerprint': { type: 'string' },
      stock: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 1 || port > 65_535) throw new Error(`--port must be a port number\n${USAGE}`);
  const pollIntervalMs = Number(values['poll-interval']);
  if (!Number.isFinite(pollIntervalMs) || pollIntervalMs < 10) throw new Error('--poll-interval must be a number of milliseconds (>= 10)');
  if (!values.user) throw new Error(`--user is required\n${USAGE}`);
  const sftp: SftpConnection = { host: values.host, port, username: values.user, ...credentials() };
  if (values['host-key-fingerprint']) sftp.hostKeyFingerprint = values['host-key-fingerprint'];
  const options: OmsSftpSimOptions = {
    sftp, inbox: values.inbox, outbox: values.outbox, pollIntervalMs, carrier: values.carrier, doneFiles: values['done-files'],
    onLog: (entry) => console.log(JSON.stringify(entry)),
  };
  if (values['auto-progress']) options.autoProgress = { allocateAfterMs: 2000, shipAfterMs: 4000 };
  if (values.stock) options.stock = JSON.parse(readFileSync(values.stock, 'utf8')) as OmsSftpStockOptions;
  return options;
}

function credentials(): Pick<SftpConnection, 'privateKey' | 'password'> {
  const keyFile = process.env['OMS_SFTP_KEY_FILE'];
  if (keyFile) return { privateKey: readFileSync(keyFile, 'utf8') };
  const password = process.env['OMS_SFTP_PASSWORD'];
  if (password) return { password };
  throw new Error(`set OMS_SFTP_KEY_FILE or OMS_SFTP_PASSWORD\n${USAGE}`);
}

async function main(): Promise<void> {
  const options = readOptions();
  const sim = await startOmsSftpSim(options);
  if (options.stock) await sim.writeStockSnapshot();
  console.log(JSON.stringify({
    event: 'started', sftp: `${options.sftp.username}@${options.sftp.host}:${options.sftp.port}`,
    inbox: options.inbox, outbox: options.outbox, doneFiles: options.doneFiles, autoProgress: Boolean(options.autoProgress), stock: Boolean(options.stock),
  }));
  closeOnSignals(() => sim.close());
}

runMain(main);
