/**
 * Secrets and deployment values come from the environment, written `{ env: NAME }`
 * in the configuration. This module resolves them and finds literal secrets.
 */
import type { ConfigProblem } from './config-error.js';

export interface EnvRef { env: string; default?: string }

export function isEnvRef(value: unknown): value is EnvRef {
  return typeof value === 'object' && value !== null && 'env' in value && typeof (value as EnvRef).env === 'string';
}

/** Replaces every `{ env: NAME }` under `value`; a missing variable without default is a problem. */
export function resolveEnvRefs(
  value: unknown, path: string, env: NodeJS.ProcessEnv, problems: Omit<ConfigProblem, 'file'>[],
): unknown {
  if (isEnvRef(value)) {
    const found = env[value.env] ?? value.default;
    if (found === undefined) problems.push({ path, message: `environment variable ${value.env} is not set` });
    return found;
  }
  if (Array.isArray(value)) return value.map((v, i) => resolveEnvRefs(v, `${path}/${i}`, env, problems));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolveEnvRefs(v, `${path}/${k}`, env, problems)]));
  }
  return value;
}

/** Paths of properties the schema marks `"x-secret": true` that hold a literal instead of `{ env }`. */
export function literalSecrets(schema: Record<string, unknown>, value: unknown, path: string): string[] {
  if (Array.isArray(value)) {
    // A list of objects with secrets (a connector's trading partners): each element is checked.
    const items = schema.items;
    if (typeof items !== 'object' || items === null || Array.isArray(items)) return [];
    return value.flatMap((item, index) => literalSecrets(items as Record<string, unknown>, item, `${path}/${index}`));
  }
  const properties = schema.properties as Record<string, Record<string, unknown>> | undefined;
  if (!properties || typeof value !== 'object' || value === null) return [];
  const found: string[] = [];
  for (const [name, propertySchema] of Object.entries(properties)) {
    const child = (value as Record<string, unknown>)[name];
    if (child === undefined) continue;
    if (propertySchema['x-secret'] === true && !isEnvRef(child)) found.push(`${path}/${name}`);
    else found.push(...literalSecrets(propertySchema, child, `${path}/${name}`));
  }
  return found;
}
