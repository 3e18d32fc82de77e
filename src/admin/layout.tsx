/**
 * The frame of every console page: a header with the pages this role may open (the
 * watch list with how many orders are on it), who is logged in and a log-out button;
 * the inline style sheet under the page's CSP nonce; an optional auto-refresh.
 */
import type { Child } from 'hono/jsx';
import { can, type Permission, type Principal } from '../auth/roles.js';
import { CsrfField } from './components.js';
import { STYLES } from './styles.js';

export interface PageFrame {
  title: string;
  nonce: string;
  principal?: Principal;
  csrf?: string;
  /** Path of the current page, to mark its link in the navigation. */
  path?: string;
  refreshSeconds?: number;
  /** Where the refresh goes (default: the same page). */
  refreshUrl?: string;
  /** Orders on the watch list, shown beside its link when known. */
  watchCount?: number | undefined;
}

const LINKS: Array<{ href: string; label: string; permission: Permission }> = [
  { href: '/admin', label: 'Dashboard', permission: 'targets:read' },
  { href: '/admin/failures', label: 'Failures', permission: 'failures:read' },
  { href: '/admin/orders', label: 'Orders', permission: 'orders:read' },
  { href: '/admin/watch', label: 'Watch list', permission: 'orders:read' },
  { href: '/admin/acknowledgements', label: 'Acknowledgements', permission: 'failures:read' },
  { href: '/admin/desk', label: 'Desk', permission: 'orders:change' },
  { href: '/admin/devices', label: 'Devices', permission: 'devices:read' },
  { href: '/admin/workbench', label: 'Workbench', permission: 'mappings:test' },
  { href: '/admin/audit', label: 'Audit log', permission: 'audit:read' },
  { href: '/admin/queues', label: 'Queues', permission: 'targets:manage' },
];

function Nav({ principal, path, watchCount }: { principal: Principal; path: string | undefined; watchCount: number | undefined }) {
  return (
    <nav>
      {LINKS.filter((l) => can(principal.role, l.permission)).map((l) => (
        <a href={l.href} aria-current={l.href === path ? 'page' : undefined}>
          {l.label}{l.href === '/admin/watch' && watchCount ? <span class="count" data-watch-count>{watchCount}</span> : null}
        </a>
      ))}
    </nav>
  );
}

export function Layout({ frame, children }: { frame: PageFrame; children?: Child }) {
  const { principal, csrf } = frame;
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        {frame.refreshSeconds ? <meta http-equiv="refresh" content={frame.refreshUrl ? `${frame.refreshSeconds};url=${frame.refreshUrl}` : String(frame.refreshSeconds)} /> : null}
        <title>{frame.title} · order hub</title>
        <style nonce={frame.nonce}>{STYLES}</style>
      </head>
      <body>
        <header>
          <span class="brand">Order hub</span>
          {principal ? <Nav principal={principal} path={frame.path} watchCount={frame.watchCount} /> : <nav />}
          {principal && csrf ? (
            <>
              <span class="who">{principal.name} ({principal.role})</span>
              <form method="post" action="/admin/logout"><CsrfField token={csrf} /><button type="submit">Log out</button></form>
            </>
          ) : null}
        </header>
        <main>{children}</main>
      </body>
    </html>
  );
}
