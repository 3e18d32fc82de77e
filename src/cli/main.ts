/**
 * The `hub` command: run the hub (start, api, worker), check a configuration, run
 * mapping golden tests, list or replay dead letters, manage users and tokens, and seed
 * the agent desk's demo data; for integrators, scaffold a connector, draft a mapping
 * from a sample, and dry-run a payload through an instance.
 */
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Command } from 'commander';
import { Credentials } from '../auth/credentials.js';
import { ROLES, isRole } from '../auth/roles.js';
import { ConfigError } from '../config/config-error.js';
import { loadConfig } from '../config/load-config.js';
import { formatGoldenReport, runGoldenTests } from '../mapping/index.js';
import { createLogger } from '../obs/logger.js';
import { replayAll, replayDeadLetter } from '../pipeline/replay.js';
import { archiveLiveMappings } from '../pipeline/archive-mappings.js';
import { auditReplay, replayWithVersion } from '../pipeline/replay-with-version.js';
import { BadInputError } from '../sdk/errors/index.js';
import { createRuntime } from '../pipeline/runtime.js';
import { discoverConnectors } from '../registry/discover.js';
import { seedDeskData } from '../customers/seed-data.js';
import { runHub, stopOnSignals } from './run-hub.js';
import { connectorNextSteps, scaffoldConnector } from './connector-new.js';
import { dryRun } from './dry-run.js';
import { newMapping } from './mapping-new.js';
import { SCAFFOLD_ROLES } from './templates/connector/connector-spec.js';

const DEFAULT_CONFIG = process.env.HUB_CONFIG ?? 'config/hub.yaml';

const program = new Command('hub').description('Multichannel order-integration hub').showHelpAfterError();

for (const [name, api, workers, description] of [
  ['start', true, true, 'run API, workers and poll schedulers in one process'],
  ['api', true, false, 'run only the HTTP API (inbound channels, REST, probes)'],
  ['worker', false, true, 'run only the queue workers and poll schedulers'],
] as const) {
  program.command(name).description(description)
    .option('-c, --config <file>', 'hub configuration file', DEFAULT_CONFIG)
    .option('--probe-port <port>', 'worker only: serve /healthz and /readyz on this port', (v) => Number(v))
    .action(async (options: { config: string; probePort?: number }) => {
      const log = createLogger({ name: `hub-${name}` });
      const hub = await runHub({
        configFile: options.config, api, workers, log, ...(options.probePort === undefined ? {} : { probePort: options.probePort }),
      });
      stopOnSignals(hub, log);
    });
}

const config = program.command('config').description('configuration tools');
config.command('check').description('validate a configuration file and explain every problem')
  .argument('[file]', 'configuration file', DEFAULT_CONFIG)
  .action(async (file: string) => {
    const loaded = loadConfig(file, await discoverConnectors());
    console.log(`ok: ${loaded.file}`);
    for (const instance of loaded.instances.values()) {
      console.log(`  ${instance.id.padEnd(20)} ${instance.connector.padEnd(18)} ${instance.channel ?? ''}`);
    }
  });

const mapping = program.command('mapping').description('mapping tools');
mapping.command('test').description('run the golden samples of mapping files (default: every file in mappings/)')
  .argument('[files...]', 'mapping files')
  .action(async (files: string[]) => {
    const targets = files.length > 0 ? files : mappingFiles('mappings');
    let failed = 0;
    for (const file of targets) {
      const results = await runGoldenTests(file);
      failed += results.filter((r) => !r.passed).length;
      console.log(formatGoldenReport(results));
    }
    if (failed > 0) process.exitCode = 1;
  });

mapping.command('new').description('draft an inbound mapping to the canonical order from a sample payload')
  .requiredOption('--from <sample>', 'a sample order as the channel sends it: JSON, or XML')
  .option('--id <id>', 'the mapping\'s id (default: <sample name>-to-canonical)')
  .option('--format <format>', 'json or xml (default: by the sample\'s extension)')
  .option('--out <file>', 'where to write it (default: mappings/<id>.json); never overwritten')
  .option('--expect', 'add the sample as a golden test, with the draft\'s output written beside it as the expected order')
  .action(async (options: { from: string; id?: string; format?: string; out?: string; expect?: boolean }) => {
    console.log((await newMapping(options)).report);
  });

const connector = program.command('connector').description('connector tools');
connector.command('new').description('scaffold connectors/<id>/: defineConnector with its roles, settings schema, a stub per role, the contract test')
  .argument('<id>', 'connector id: lower-case words joined by hyphens, e.g. acme-portal')
  .option('--roles <roles>', `comma-separated roles, of ${SCAFFOLD_ROLES.join(', ')}`, 'push')
  .action((id: string, options: { roles: string }) => {
    console.log(connectorNextSteps(scaffoldConnector({ id, roles: options.roles })));
  });

program.command('dry-run').description('run a payload through an instance as the hub would and print every step; nothing is stored or delivered (exit 0 accepted, 2 review, 3 undeliverable, 1 usage)')
  .argument('<instance>', 'the instance the payload comes in through')
  .argument('<file>', 'the payload, as the channel sends it')
  .option('-c, --config <file>', 'hub configuration file', DEFAULT_CONFIG)
  .option('--content-type <type>', 'content type of the payload (default: by the file\'s extension)')
  .option('--form <form>', 'the form of order it is, for instances with mappings.forms (csv, xml, …)')
  .action(async (instance: string, file: string, options: { config: string; contentType?: string; form?: string }) => {
    const result = await dryRun({ instance, file, ...options });
    console.log(result.report);
    process.exitCode = result.exitCode;
  });

const dead = program.command('dead-letters').description('dead letters: list and replay');
dead.command('list').option('-c, --config <file>', 'hub configuration file', DEFAULT_CONFIG)
  .action(async (options: { config: string }) => withRuntime(options.config, async (runtime) => {
    for (const letter of await runtime.deadLetters.list(1000)) {
      console.log(`${letter.id}\t${letter.at}\t${letter.stage}\t${letter.instance}\t${letter.errorCode}\t${letter.message}`);
    }
  }));
dead.command('replay').argument('[id]', 'dead letter id (omit with --all)')
  .option('--all', 'replay every dead letter (optionally only of --instance)')
  .option('--instance <id>', 'only dead letters of this connector instance')
  .option('--mapping <id@version>', 'replay one delivery dead letter with exactly this mapping version (see GET /api/dead-letters/ID/preview)')
  .option('-c, --config <file>', 'hub configuration file', DEFAULT_CONFIG)
  .action(async (id: string | undefined, options: { all?: boolean; instance?: string; mapping?: string; config: string }) =>
    withRuntime(options.config, async (runtime) => {
      if (options.all) {
        const replayed = await replayAll(runtime, (l) => !options.instance || l.instance === options.instance, 'cli');
        await runtime.audit.record('cli', 'replay', `${replayed.length} dead letter(s)`, { instance: options.instance ?? 'all' });
        console.log(`replayed ${replayed.length} dead letter(s)`);
      } else if (id && options.mapping) {
        // The mappings the configuration names now, under their versions of record, as a started hub has them.
        await archiveLiveMappings(runtime);
        const result = await replayWithVersion(runtime, id, options.mapping, 'cli').catch((error: unknown) => {
          if (!(error instanceof BadInputError)) throw error;
          throw new Error(`${error.message}${error.hint ? `\n  ${error.hint}` : ''}`);
        });
        if (result) await auditReplay(runtime, 'cli', result);
        console.log(result ? `replayed ${id} with ${result.mapping} as job ${result.jobId}` : `no dead letter ${id}`);
        if (!result) process.exitCode = 1;
      } else if (id) {
        const result = await replayDeadLetter(runtime, id, 'cli');
        if (result) await runtime.audit.record('cli', 'replay', id);
        console.log(result ? `replayed ${id} as job ${result.jobId}` : `no dead letter ${id}`);
        if (!result) process.exitCode = 1;
      } else {
        throw new Error('give a dead letter id or --all');
      }
    }));

const users = program.command('user').description('people who log in to the hub');
users.command('add').argument('<name>', 'user name')
  .requiredOption('--role <role>', `one of ${ROLES.join(', ')}`)
  .option('-c, --config <file>', 'hub configuration file', DEFAULT_CONFIG)
  .description('add or update a user; the password comes from HUB_USER_PASSWORD or standard input')
  .action(async (name: string, options: { role: string; config: string }) => withRuntime(options.config, async (runtime) => {
    if (!isRole(options.role)) throw new Error(`--role must be one of ${ROLES.join(', ')}`);
    const password = process.env.HUB_USER_PASSWORD ?? (await readStdin()).trim();
    await new Credentials(runtime.redis, runtime.config.redis.prefix).addUser(name, options.role, password);
    console.log(`user ${name} (${options.role}) saved`);
  }));

const tokens = program.command('token').description('API tokens for machines');
tokens.command('create').argument('<name>', 'what the token is for')
  .requiredOption('--role <role>', `one of ${ROLES.join(', ')}`)
  .option('-c, --config <file>', 'hub configuration file', DEFAULT_CONFIG)
  .description('create an API token; it is printed once and stored only as a hash')
  .action(async (name: string, options: { role: string; config: string }) => withRuntime(options.config, async (runtime) => {
    if (!isRole(options.role)) throw new Error(`--role must be one of ${ROLES.join(', ')}`);
    console.log(await new Credentials(runtime.redis, runtime.config.redis.prefix).createToken(name, options.role));
  }));
tokens.command('revoke').argument('<token>', 'the token to revoke')
  .option('-c, --config <file>', 'hub configuration file', DEFAULT_CONFIG)
  .action(async (token: string, options: { config: string }) => withRuntime(options.config, async (runtime) => {
    const revoked = await new Credentials(runtime.redis, runtime.config.redis.prefix).revokeToken(token);
    console.log(revoked ? 'revoked' : 'no such token');
    if (!revoked) process.exitCode = 1;
  }));

program.command('seed').description('write the agent desk\'s demo data set: customers and their orders on every channel (for demos and load tests, never production)')
  .option('-c, --config <file>', 'hub configuration file', DEFAULT_CONFIG)
  .option('--orders <n>', 'orders to write', (v) => Number(v), 100_000)
  .option('--customers <n>', 'customers they belong to', (v) => Number(v), 20_000)
  .action(async (options: { config: string; orders: number; customers: number }) => withRuntime(options.config, async (runtime) => {
    if (!(options.orders > 0 && options.customers > 0 && options.customers <= options.orders)) throw new Error('--orders and --customers must be positive, with no more customers than orders');
    const started = Date.now();
    await seedDeskData(runtime.redis, runtime.keys, { orders: options.orders, customers: options.customers }, (done) => {
      if (done % 10_000 === 0 || done === options.orders) console.log(`${done} orders`);
    });
    console.log(`seeded ${options.orders} orders of ${options.customers} customers in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }));

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function mappingFiles(dir: string): string[] {
  return readdirSync(dir).filter((f) => /\.(json|ya?ml)$/.test(f)).map((f) => resolve(join(dir, f)));
}

async function withRuntime(configFile: string, body: (runtime: Awaited<ReturnType<typeof createRuntime>>) => Promise<void>) {
  const log = createLogger({ level: 'warn' });
  const registry = await discoverConnectors();
  const runtime = await createRuntime(loadConfig(configFile, registry), registry, log);
  try {
    await body(runtime);
  } finally {
    await runtime.close();
  }
}

program.parseAsync().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(`configuration refused:\n${error.message}`);
  } else {
    console.error(`hub: ${(error as Error).message}`);
  }
  process.exit(1);
});
