/**
 * Template of a new connector's own test file: the shared connector contract, so the
 * folder is checked from the first minute; the connector's unit tests go beside it.
 */
import type { ConnectorSpec } from './connector-spec.js';

export function testTemplate(spec: ConnectorSpec): string {
  return `/**
 * ${spec.title}: the shared connector contract (declaration, settings schema and
 * example, secrets from the environment, declared roles, typed errors on hostile input).
 * Add this connector's own unit tests below it.
 */
import { runConnectorContract } from '${spec.contractImport}';
import connector from './index.js';

runConnectorContract(connector);
`;
}
