/**
 * `hub connector new <id>`: scaffolds `connectors/<id>/` with `index.ts`
 * (defineConnector with the given roles), `config.ts` (settings schema and type, secrets
 * as `{ env }` in the example), one stub per role that throws a typed "not written yet"
 * error, and `<id>.test.ts` running the shared contract, so the new folder passes the
 * contract suite at once. Refuses a bad id, an unknown role and a folder that exists.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { configTemplate } from './templates/connector/config-template.js';
import { connectorSpec, SCAFFOLD_ROLES, type ConnectorSpec, type ScaffoldRole } from './templates/connector/connector-spec.js';
import { indexTemplate } from './templates/connector/index-template.js';
import { notWrittenTemplate } from './templates/connector/not-written-template.js';
import { roleTemplate } from './templates/connector/role-templates.js';
import { testTemplate } from './templates/connector/test-template.js';
import { projectRoot } from './project-root.js';
import { UsageError } from './usage-error.js';

/** Lower-case words joined by single hyphens, 3 to 40 characters: it is a folder, a route part and a config value. */
const CONNECTOR_ID = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

export interface ScaffoldOptions {
  id: string;
  /** Comma-separated, as typed: `push,notify`. */
  roles: string;
  /** Where connector folders live (default: the project's `connectors/`). */
  connectorsDir?: string;
}

export interface Scaffolded {
  folder: string;
  files: string[];
  spec: ConnectorSpec;
}

export function scaffoldConnector(options: ScaffoldOptions): Scaffolded {
  const root = projectRoot();
  const connectorsDir = resolve(options.connectorsDir ?? join(root, 'connectors'));
  const id = checkedId(options.id);
  const folder = join(connectorsDir, id);
  if (existsSync(folder)) throw new UsageError(`${folder} exists already: choose another id, or remove the folder first`);
  const spec = connectorSpec(id, parseRoles(options.roles), {
    sdkImport: importPath(folder, join(root, 'src', 'sdk', 'index.js')),
    contractImport: importPath(folder, join(root, 'src', 'sdk', 'testkit', 'contract.js')),
  });
  const sources = filesOf(spec);
  mkdirSync(folder, { recursive: true });
  for (const [name, source] of sources) writeFileSync(join(folder, name), source, { flag: 'wx' });
  return { folder, files: [...sources.keys()], spec };
}

/** What to do next, printed after the folder is made. */
export function connectorNextSteps(made: Scaffolded, cwd = process.cwd()): string {
  const folder = relative(cwd, made.folder) || '.';
  const stubs = made.spec.roles.map((role) => roleTemplate(role).file).join(', ');
  return [
    `made ${folder}/ (${made.spec.roles.join(', ')}):`,
    ...made.files.map((file) => `  ${folder}/${file}`),
    '',
    'next:',
    `  1. write the stubs (${stubs}), then the title, description and settings in index.ts and config.ts`,
    `  2. npx vitest run ${folder}   (the shared contract passes already: keep it passing)`,
    '  3. hub mapping new --from <a sample order>   (drafts the inbound mapping)',
    `  4. add an instance to config/hub.yaml: { connector: ${made.spec.id}, channel: …, settings: …, mappings: { inbound: … } }`,
    '  5. hub config check, then hub dry-run <instance> <the sample>',
    '  step by step: docs/integrator-guide.md',
  ].join('\n');
}

function filesOf(spec: ConnectorSpec): Map<string, string> {
  const files = new Map<string, string>([
    ['index.ts', indexTemplate(spec)],
    ['config.ts', configTemplate(spec)],
    ['not-written-yet.ts', notWrittenTemplate(spec)],
  ]);
  for (const role of spec.roles) {
    const template = roleTemplate(role);
    files.set(template.file, template.source(spec));
  }
  files.set(`${spec.id}.test.ts`, testTemplate(spec));
  return files;
}

function checkedId(id: string): string {
  if (CONNECTOR_ID.test(id) && id.length >= 3 && id.length <= 40) return id;
  throw new UsageError(`"${id}" is not a connector id: use 3 to 40 lower-case letters and digits in words joined by single hyphens, starting with a letter (e.g. acme-portal)`);
}

function parseRoles(text: string): ScaffoldRole[] {
  const roles = text.split(',').map((role) => role.trim()).filter((role) => role !== '');
  if (roles.length === 0) throw new UsageError(`--roles needs at least one of ${SCAFFOLD_ROLES.join(', ')}`);
  const unknown = roles.filter((role) => !isScaffoldRole(role));
  if (unknown.length > 0) {
    throw new UsageError(`--roles: ${unknown.join(', ')} cannot be scaffolded (choose from ${SCAFFOLD_ROLES.join(', ')}; add other roles by hand, see docs/connectors.md)`);
  }
  return [...new Set(roles as ScaffoldRole[])];
}

function isScaffoldRole(role: string): role is ScaffoldRole {
  return (SCAFFOLD_ROLES as readonly string[]).includes(role);
}

/** An ES module specifier from `folder` to `file`: relative, with forward slashes. */
function importPath(folder: string, file: string): string {
  const path = relative(folder, file).split(sep).join('/');
  return path.startsWith('.') ? path : `./${path}`;
}
