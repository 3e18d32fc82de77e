/**
 * The operations console under `/admin`: server-rendered pages (hono/jsx, no front-end
 * build) over the same actions and permission table as the JSON API. Log-in is open;
 * every other page needs a session, and every form post the session's CSRF token.
 */
import { Hono } from 'hono';
import type { Credentials } from '../auth/credentials.js';
import type { HubRuntime } from '../pipeline/runtime.js';
import type { AdminEnv } from './admin-env.js';
import { auditRoutes } from './audit-page.js';
import { strictCsp } from './csp.js';
import { dashboardRoutes } from './dashboard-page.js';
import { deskCustomerRoutes } from './desk-customer.js';
import { deskNewOrderRoutes } from './desk-new-order.js';
import { deskOrderRoutes } from './desk-order.js';
import { deskRoutes } from './desk-page.js';
import { devicesRoutes } from './devices-page.js';
import { failuresRoutes } from './failures-page.js';
import { loginRoutes } from './login-page.js';
import { ordersRoutes } from './orders-page.js';
import { queuesBoard } from './queues-board.js';
import { render } from './render.js';
import { reviewRoutes } from './review-page.js';
import { requireSession } from './session.js';
import { voidShipmentRoutes } from './void-shipment-route.js';
import { bookLabelRoutes } from './book-label-route.js';
import { watchCount } from './watch-count.js';
import { watchRoutes } from './watch-page.js';
import { acknowledgementsRoutes } from './acknowledgements-page.js';
import { workbenchRoutes } from './workbench-page.js';

export interface AdminOptions {
  /** Send the session cookie only over HTTPS. */
  secureCookies: boolean;
}

export function adminRoutes(runtime: HubRuntime, credentials: Credentials, options: AdminOptions = { secureCookies: false }): Hono<AdminEnv> {
  const app = new Hono<AdminEnv>();
  app.route('/queues', queuesBoard(runtime, credentials));

  const pages = new Hono<AdminEnv>();
  pages.use('*', strictCsp());
  pages.route('/', loginRoutes(credentials, runtime.audit, options));
  pages.use('*', requireSession(credentials));
  pages.use('*', watchCount(runtime));
  pages.route('/', dashboardRoutes(runtime));
  pages.route('/failures', failuresRoutes(runtime));
  pages.route('/orders', ordersRoutes(runtime));
  pages.route('/orders', voidShipmentRoutes(runtime));
  pages.route('/orders', bookLabelRoutes(runtime));
  pages.route('/watch', watchRoutes(runtime));
  pages.route('/acknowledgements', acknowledgementsRoutes(runtime));
  pages.route('/audit', auditRoutes(runtime));
  pages.route('/review', reviewRoutes(runtime));
  pages.route('/desk', deskRoutes(runtime));
  pages.route('/desk/customers', deskCustomerRoutes(runtime));
  pages.route('/desk/orders/new', deskNewOrderRoutes(runtime));
  pages.route('/desk/orders', deskOrderRoutes(runtime));
  pages.route('/devices', devicesRoutes(runtime));
  pages.route('/workbench', workbenchRoutes(runtime));
  pages.onError((error, c) => {
    runtime.log.error({ err: error, path: new URL(c.req.url).pathname }, 'console page failed');
    return render(c, 'Unavailable', <div class="card"><h1>Something went wrong</h1><p>The hub could not answer; try again shortly.</p></div>, { status: 503 });
  });
  app.route('/', pages);
  return app;
}
