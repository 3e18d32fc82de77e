/** `GET /admin/audit`: the newest audit entries — who did what, on what, when, why. */
import { Hono } from 'hono';
import type { AuditEntry } from '../store/audit-log.js';
import type { HubRuntime } from '../pipeline/runtime.js';
import type { AdminEnv } from './admin-env.js';
import { Time } from './components.js';
import { render } from './render.js';
import { requirePage } from './session.js';

const SHOW = 200;

function AuditTable({ entries }: { entries: AuditEntry[] }) {
  if (entries.length === 0) return <p class="card muted">Nothing recorded yet.</p>;
  return (
    <div class="scroll">
      <table>
        <thead><tr><th>Time</th><th>Who</th><th>Action</th><th>On</th><th>Detail</th></tr></thead>
        <tbody>{entries.map((e) => (
          <tr><td><Time at={e.at} /></td><td>{e.actor}</td><td>{e.action}</td><td>{e.subject}</td><td>{e.detail ? <pre>{JSON.stringify(e.detail)}</pre> : null}</td></tr>
        ))}</tbody>
      </table>
    </div>
  );
}

export function auditRoutes(runtime: HubRuntime) {
  const app = new Hono<AdminEnv>();
  app.get('/', requirePage('audit:read'), async (c) => {
    const entries = await runtime.audit.list(SHOW);
    return render(c, 'Audit log', <><h1>Audit log</h1><p class="muted">The newest {SHOW} entries.</p><AuditTable entries={entries} /></>);
  });
  return app;
}
