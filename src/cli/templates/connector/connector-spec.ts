/**
 * What the connector templates are filled with: the new connector's id and roles, the
 * names derived from its id, and the import paths from its folder to the SDK.
 */

/** Roles `hub connector new` writes a stub for. */
export const SCAFFOLD_ROLES = ['push', 'pull', 'deliver', 'notify'] as const;
export type ScaffoldRole = (typeof SCAFFOLD_ROLES)[number];

export interface ConnectorSpec {
  id: string;
  roles: readonly ScaffoldRole[];
  /** `Acme portal` for `acme-portal`. */
  title: string;
  /** `AcmePortal`: prefix of the settings type. */
  typeName: string;
  /** `ACME_PORTAL`: prefix of the environment variables in the example. */
  envPrefix: string;
  /** Import specifier of `src/sdk/index.js` from the connector's folder. */
  sdkImport: string;
  /** Import specifier of `src/sdk/testkit/contract.js` from the connector's folder. */
  contractImport: string;
}

export function connectorSpec(id: string, roles: readonly ScaffoldRole[], imports: Pick<ConnectorSpec, 'sdkImport' | 'contractImport'>): ConnectorSpec {
  const words = id.split('-');
  return {
    id,
    roles,
    title: [capitalise(words[0] ?? id), ...words.slice(1)].join(' '),
    typeName: words.map(capitalise).join(''),
    envPrefix: words.join('_').toUpperCase(),
    ...imports,
  };
}

/** Whether the connector reaches a system of its own (pulls, delivers or notifies) and so has a `url`. */
export function hasEndpoint(spec: ConnectorSpec): boolean {
  return spec.roles.some((role) => role !== 'push');
}

function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}
