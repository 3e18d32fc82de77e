/**
 * Template of a new connector's `not-written-yet.ts`: the typed error every stub throws
 * until its role is written. A `PermanentError` (a delivery or notice goes to the dead
 * letters with the hint; a pushed request is answered 503, so its sender tries again
 * later and nothing is lost), naming the file to write.
 */
import type { ConnectorSpec } from './connector-spec.js';

export function notWrittenTemplate(spec: ConnectorSpec): string {
  return `/**
 * The error every stub of ${spec.title} throws until it is written: typed (the hub
 * knows what to do with it) and naming the file to write.
 */
import { PermanentError } from '${spec.sdkImport}';

export function notWrittenYet(role: string, file: string): PermanentError {
  return new PermanentError(\`connector ${spec.id}: \${role} is not written yet\`, {
    code: 'NOT_WRITTEN_YET',
    hint: \`write \${role} in connectors/${spec.id}/\${file} (see docs/connectors.md)\`,
  });
}
`;
}
