/**
 * The OpenAPI document stays true to the code: it is plain JSON, every operation
 * declares its answers, and every route api-routes.ts registers is described.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { openApiDocument, openApiRoutes, type Method } from '../../src/http/openapi.js';

const METHODS: Method[] = ['get', 'post', 'put', 'patch', 'delete'];

/** `METHOD /api/path/{param}` for each `app.<method>('/…'` (or a template literal) in api-routes.ts. */
function registeredApiRoutes(): string[] {
  const source = readFileSync('src/http/api-routes.ts', 'utf8');
  const routes: string[] = [];
  for (const match of source.matchAll(/app\.(get|post|put|patch|delete)\((['`])(\/[^'`]*)\2/g)) {
    const path = match[3]!.replace(/:(\w+)/g, '{$1}');
    routes.push(`${match[1]} /api${path}`);
  }
  return routes;
}

/** Documented `METHOD path` pairs; `${…}` in a registered path matches any one segment. */
function documented(route: string): boolean {
  const [method, path] = route.split(' ') as [Method, string];
  const pattern = new RegExp(`^${path.replace(/[.*+?^()|[\]\\]/g, '\\$&').replace(/\$\{\w+\}/g, '[^/]+')}$`);
  return Object.entries(openApiDocument.paths).some(([documentedPath, item]) => pattern.test(documentedPath) && item[method] !== undefined);
}

describe('OpenAPI document', () => {
  it('is valid JSON of an OpenAPI 3.1 document and is served at /openapi.json', async () => {
    const text = JSON.stringify(openApiDocument);
    expect(JSON.parse(text)).toEqual(openApiDocument);
    expect(openApiDocument.openapi).toBe('3.1.0');
    const response = await openApiRoutes().request('/openapi.json');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual(openApiDocument);
  });

  it('gives every operation an id and responses, and resolves every $ref', () => {
    const text = JSON.stringify(openApiDocument);
    const ids = new Set<string>();
    for (const [path, item] of Object.entries(openApiDocument.paths)) {
      const operations = METHODS.flatMap((m) => (item[m] ? [item[m]] : []));
      expect(operations.length, path).toBeGreaterThan(0);
      for (const operation of operations) {
        expect(Object.keys(operation.responses).length, `${path} responses`).toBeGreaterThan(0);
        expect(ids.has(operation.operationId), `duplicate ${operation.operationId}`).toBe(false);
        ids.add(operation.operationId);
      }
      for (const name of path.matchAll(/\{(\w+)\}/g)) {
        for (const operation of operations) {
          expect(operation.parameters?.some((p) => 'name' in p && p.name === name[1] && p.in === 'path'), `${path} declares ${name[1]}`).toBe(true);
        }
      }
    }
    for (const [, section, name] of text.matchAll(/"#\/components\/(\w+)\/(\w+)"/g)) {
      const components = openApiDocument.components as unknown as Record<string, Record<string, unknown>>;
      expect(components[section!]?.[name!], `${section}/${name}`).toBeDefined();
    }
  });

  it('describes every route registered in api-routes.ts, plus /metrics and /api/queues', () => {
    const routes = registeredApiRoutes();
    expect(routes.length).toBeGreaterThan(10);
    expect(routes.filter((route) => !documented(route))).toEqual([]);
    expect(openApiDocument.paths['/metrics']?.get).toBeDefined();
    expect(openApiDocument.paths['/api/queues']?.get).toBeDefined();
  });

  it('declares bearer and session-cookie security, with the CSRF header on unsafe API methods', () => {
    expect(openApiDocument.components.securitySchemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(openApiDocument.components.securitySchemes.cookieAuth).toMatchObject({ type: 'apiKey', in: 'cookie', name: 'hub_session' });
    expect(openApiDocument.components.parameters.csrfToken).toMatchObject({ name: 'X-CSRF-Token', in: 'header' });
    for (const [path, item] of Object.entries(openApiDocument.paths)) {
      if (!path.startsWith('/api/') || !item.post) continue;
      expect(item.post.parameters, path).toContainEqual({ $ref: '#/components/parameters/csrfToken' });
    }
  });
});
