/**
 * `/admin/queues`: bull-board over every queue of the hub (normalize, deliver-<target>,
 * notify-<instance>, poll), for admins and operators only. It is read-only: retrying
 * or removing jobs there would bypass the dead-letter flow and the audit log, so those
 * actions stay on the failures page.
 */
import { createBullBoard } from '@bull-board/api';
import type { IServerAdapter } from '@bull-board/api/typings/app';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { HonoAdapter } from '@bull-board/hono';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import type { Credentials } from '../auth/credentials.js';
import { deliverQueue, NORMALIZE_QUEUE, notifyQueue, POLL_QUEUE } from '../pipeline/queue-names.js';
import type { HubRuntime } from '../pipeline/runtime.js';
import type { AdminEnv } from './admin-env.js';
import { requirePage, requireSession } from './session.js';

const BASE_PATH = '/admin/queues';

export function hubQueueNames(runtime: HubRuntime): string[] {
  const names = [NORMALIZE_QUEUE];
  for (const instance of runtime.instances.values()) {
    if (instance.connector.deliver || instance.connector.deliverBatch) names.push(deliverQueue(instance.id));
    if (instance.connector.notify) names.push(notifyQueue(instance.id));
  }
  return [...names, POLL_QUEUE];
}

/**
 * @bull-board/hono 9.10.1 declares its own nested copy of @bull-board/api 9.10.1, whose
 * private fields make TypeScript see two different adapter types; the runtime protocol
 * between them is the same.
 */
function asServerAdapter(adapter: HonoAdapter): IServerAdapter {
  return adapter as unknown as IServerAdapter;
}

export function queuesBoard(runtime: HubRuntime, credentials: Credentials): Hono<AdminEnv> {
  const adapter = new HonoAdapter(serveStatic).setBasePath(BASE_PATH);
  createBullBoard({
    queues: hubQueueNames(runtime).map((name) => new BullMQAdapter(runtime.queues.get(name), { readOnlyMode: true })),
    serverAdapter: asServerAdapter(adapter),
    options: { uiConfig: { boardTitle: 'Order hub queues' } },
  });
  const app = new Hono<AdminEnv>();
  app.use('*', requireSession(credentials), requirePage('targets:manage'));
  app.route('/', adapter.registerPlugin());
  return app;
}
