/**
 * The carrier simulator as a process, for the demo:
 *
 *   tsx sims/carrier/main.ts --port 9104 --api-key pc_test_demo --format ups \
 *     --webhook-url http://127.0.0.1:8080/in/parcels/tracking --webhook-secret whsec_demo --auto-progress-ms 5000
 *
 * The API key may come from PARCELCO_API_KEY and the webhook secret from
 * PARCELCO_WEBHOOK_SECRET instead (a random key is made and printed when there is
 * none). Prints one JSON line when listening; the control API lives under /_sim/.
 */
import { parseArgs } from 'node:util';
import { startCarrierSim, TRACKING_FORMATS, type CarrierSimOptions, type TrackingFormat } from './index.js';
import { closeOnSignals, runMain } from '../shared/run-main.js';

const USAGE = `usage: tsx sims/carrier/main.ts [--port 9104] [--host 127.0.0.1] [--api-key KEY] [--format ups|fedex|usps|dhl]
       [--webhook-url URL --webhook-secret SECRET] [--auto-progress-ms MS]`;

function readOptions(): CarrierSimOptions {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '9104' },
      host: { type: 'string', default: '127.0.0.1' },
      'api-key': { type: 'string' },
      format: { type: 'string', default: 'ups' },
      'webhook-url': { type: 'string' },
      'webhook-secret': { type: 'string' },
      'auto-progress-ms': { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new Error(`--port must be a port number\n${USAGE}`);
  const options: CarrierSimOptions = { port, host: values.host, format: readFormat(values.format) };
  const apiKey = values['api-key'] ?? process.env['PARCELCO_API_KEY'];
  if (apiKey) options.apiKey = apiKey;
  const webhookUrl = values['webhook-url'];
  const webhookSecret = values['webhook-secret'] ?? process.env['PARCELCO_WEBHOOK_SECRET'];
  if (webhookUrl && !webhookSecret) throw new Error(`--webhook-url needs --webhook-secret (or PARCELCO_WEBHOOK_SECRET)\n${USAGE}`);
  if (webhookUrl && webhookSecret) options.webhook = { url: webhookUrl, secret: webhookSecret };
  if (values['auto-progress-ms'] !== undefined) {
    const stepMs = Number(values['auto-progress-ms']);
    if (!Number.isInteger(stepMs) || stepMs <= 0) throw new Error(`--auto-progress-ms must be a whole number of milliseconds > 0\n${USAGE}`);
    options.autoProgress = { stepMs };
  }
  return options;
}

function readFormat(text: string): TrackingFormat {
  const format = TRACKING_FORMATS.find((candidate) => candidate === text.toLowerCase());
  if (!format) throw new Error(`--format must be one of ${TRACKING_FORMATS.join(', ')}\n${USAGE}`);
  return format;
}

async function main(): Promise<void> {
  const options = readOptions();
  const sim = await startCarrierSim(options);
  console.log(JSON.stringify({
    event: 'listening', url: sim.url, api: `${sim.url}/v1`, control: `${sim.url}/_sim/`, format: sim.format,
    apiKey: options.apiKey ? 'as given' : sim.apiKey, webhookUrl: options.webhook?.url ?? null,
    autoProgressMs: options.autoProgress?.stepMs ?? null,
  }));
  closeOnSignals(() => sim.close());
}

runMain(main);
