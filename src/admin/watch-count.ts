/**
 * How many orders are on the watch list, for the navigation of every console page: one
 * `ZCARD` per page for roles that may open the list. A Redis hiccup leaves the link
 * without its count rather than failing the page.
 */
import { createMiddleware } from 'hono/factory';
import { can } from '../auth/roles.js';
import type { HubRuntime } from '../pipeline/runtime.js';
import type { AdminEnv } from './admin-env.js';

export function watchCount(runtime: HubRuntime) {
  return createMiddleware<AdminEnv>(async function countWatched(c, next) {
    if (c.req.method === 'GET' && can(c.get('principal').role, 'orders:read')) {
      const count = await runtime.redis.zcard(runtime.keys.watchList()).catch(() => undefined);
      if (count !== undefined) c.set('watchCount', count);
    }
    return next();
  });
}
