/**
 * Template of a new connector's `index.ts`: `defineConnector` with its id, roles,
 * settings schema and example, and a `create` that wires each role's stub.
 */
import { exampleConfigSource } from './config-template.js';
import type { ConnectorSpec } from './connector-spec.js';
import { roleTemplate } from './role-templates.js';

export function indexTemplate(spec: ConnectorSpec): string {
  const roles = spec.roles.map(roleTemplate);
  const imports = roles.map((role) => `import { ${role.importName} } from './${role.file.replace(/\.ts$/, '.js')}';`);
  return `/**
 * ${spec.title}: TODO say what this connector takes in or sends out, over what, and
 * what it keys orders by. Scaffolded by \`hub connector new\` (docs/integrator-guide.md).
 */
import { defineConnector } from '${spec.sdkImport}';
import { configSchema, type ${spec.typeName}Config } from './config.js';
${imports.join('\n')}

export default defineConnector<${spec.typeName}Config>({
  id: '${spec.id}',
  title: '${spec.title}',
  description: 'TODO: what comes in or goes out, over what, keyed by what.',
  version: '0.1.0',
  roles: [${spec.roles.map((role) => `'${role}'`).join(', ')}],
  configSchema,
  exampleConfig: ${exampleConfigSource(spec)},
  create({ config }) {
    return {
${roles.map((role) => `      ${role.wiring}`).join('\n')}
      async check() {
        return { ok: true, detail: 'TODO: reach the far side and say whether the credentials work' };
      },
    };
  },
});
`;
}
