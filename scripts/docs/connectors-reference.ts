/**
 * docs/reference/connectors.md: every connector folder the registry finds, with its id,
 * title, description, roles, version and settings table (from its `configSchema`), and
 * an example of its settings (its `exampleConfig`, secrets as `{ env }`).
 */
import type { ConnectorDefinition } from '../../src/sdk/connector.js';
import { code, generatedBanner, table } from './markdown.js';
import { requiredAlternatives, settingRows } from './settings-rows.js';

export function connectorsReference(definitions: readonly ConnectorDefinition[]): string {
  const sorted = [...definitions].sort((a, b) => a.id.localeCompare(b.id));
  return [
    generatedBanner(),
    '',
    '# Connectors reference',
    '',
    'Every folder under `connectors/`, as the hub discovers it: what it is, the roles it plays and the',
    'settings an instance of it takes (`instances.<id>.settings` in the configuration). Secrets are only',
    'ever written `{ env: NAME }`. How to write a connector: [../connectors.md](../connectors.md); a new one',
    'step by step: [../integrator-guide.md](../integrator-guide.md).',
    '',
    table(['connector', 'title', 'roles'], sorted.map((d) => [`[${code(d.id)}](#${d.id})`, d.title, d.roles.join(', ')])),
    '',
    ...sorted.flatMap(connectorSection),
  ].join('\n');
}

function connectorSection(definition: ConnectorDefinition): string[] {
  const rows = settingRows(definition.configSchema);
  const alternatives = requiredAlternatives(definition.configSchema);
  return [
    `## ${definition.id}`,
    '',
    `**${definition.title}** (version ${definition.version}). ${definition.description}`,
    '',
    `Roles: ${definition.roles.map(code).join(', ')}.`,
    '',
    rows.length === 0 ? 'Settings: none.' : table(
      ['setting', 'type', 'default', 'required', 'secret', 'description'],
      rows.map((r) => [code(r.key), r.type, r.default, r.required, r.secret ? 'secret' : '', r.description]),
    ),
    ...(alternatives ? ['', `The settings need ${alternatives}.`] : []),
    '',
    'Example settings:',
    '',
    '```json',
    JSON.stringify(definition.exampleConfig, null, 2),
    '```',
    '',
  ];
}
