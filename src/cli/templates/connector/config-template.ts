/**
 * Template of a new connector's `config.ts`: the settings as JSON Schema (validated when
 * the hub loads its configuration, printed in the reference docs) and the matching type.
 * A push connector gets the secret its sender signs with; one that reaches a system of
 * its own gets the system's URL and an API key. Secrets are `"x-secret": true`, so they
 * are only ever taken from the environment.
 */
import { hasEndpoint, type ConnectorSpec } from './connector-spec.js';

interface Setting {
  name: string;
  type: string;
  /** The property's JSON Schema, as TypeScript source. */
  schema: string;
  doc: string;
  required: boolean;
}

export function configTemplate(spec: ConnectorSpec): string {
  const settings = settingsOf(spec);
  const required = settings.filter((s) => s.required).map((s) => `'${s.name}'`);
  return `/**
 * Settings of one ${spec.title} instance, as JSON Schema (drives validation and the
 * reference docs: describe every setting) and the matching TypeScript type.
 */
export interface ${spec.typeName}Config {
${settings.map((s) => `  /** ${s.doc} */\n  ${s.name}: ${s.type};`).join('\n')}
}

export const configSchema = {
  type: 'object',
  additionalProperties: false,
  required: [${required.join(', ')}],
  properties: {
${settings.map((s) => `    ${s.name}: {\n      ${s.schema},\n      description: '${s.doc}',\n    },`).join('\n')}
  },
} as const;
`;
}

/** The example settings `defineConnector` carries, as TypeScript source (secrets as `{ env }`). */
export function exampleConfigSource(spec: ConnectorSpec): string {
  const entries: string[] = [];
  if (spec.roles.includes('push')) entries.push(`secret: { env: '${spec.envPrefix}_SECRET' }`, 'toleranceSeconds: 300');
  if (hasEndpoint(spec)) entries.push(`url: 'https://${spec.id}.example.com/api'`, `apiKey: { env: '${spec.envPrefix}_API_KEY' }`);
  return `{ ${entries.join(', ')} }`;
}

function settingsOf(spec: ConnectorSpec): Setting[] {
  const settings: Setting[] = [];
  if (spec.roles.includes('push')) {
    settings.push(
      { name: 'secret', type: 'string', required: true, schema: "type: 'string', minLength: 16, 'x-secret': true", doc: 'Shared secret the sender signs each request with (HMAC-SHA256 of the exact body).' },
      { name: 'toleranceSeconds', type: 'number', required: false, schema: "type: 'integer', minimum: 1, maximum: 86400, default: 300", doc: 'Refuse requests whose timestamp is further than this from now.' },
    );
  }
  if (hasEndpoint(spec)) {
    settings.push(
      { name: 'url', type: 'string', required: true, schema: "type: 'string', format: 'uri'", doc: `Base URL of the ${spec.title} API.` },
      { name: 'apiKey', type: 'string', required: true, schema: "type: 'string', minLength: 8, 'x-secret': true", doc: `API key the hub sends to ${spec.title}.` },
      { name: 'timeoutMs', type: 'number', required: false, schema: "type: 'integer', minimum: 100, default: 10000", doc: 'Give up on an answer after this long (then retry).' },
    );
  }
  if (spec.roles.includes('pull')) {
    settings.push({ name: 'intervalMs', type: 'number', required: false, schema: "type: 'integer', minimum: 1000, default: 30000", doc: 'How often the hub asks for new orders.' });
  }
  return settings;
}
