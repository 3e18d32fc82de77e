/**
 * `GET /admin`: one row per target queue — counts, paused, breaker, last success, last
 * error, dead letters — with a healthy/degraded/failing badge and the rule behind it
 * (the verdict of `queueHealth`, the same rules as `/api/queues`; `targetVerdict` for a
 * queue it does not report).
 * Refreshes itself every 5 s; operators get pause and resume buttons
 * (`POST /admin/targets/:id/pause|resume`).
 */
import { Hono } from 'hono';
import { can, type Principal } from '../auth/roles.js';
import { setTargetPaused } from '../pipeline/operator-actions.js';
import type { HubRuntime } from '../pipeline/runtime.js';
import { queueHealth } from '../pipeline/queue-health.js';
import { minuteSeries } from '../pipeline/queue-stats.js';
import { topologyQueues } from '../pipeline/topology.js';
import { ThroughputChart } from './throughput-chart.js';
import { targetHealth, type TargetHealth } from '../pipeline/target-health.js';
import type { AdminEnv } from './admin-env.js';
import { Badge, Notice, PostButton, Time } from './components.js';
import { notFound, render } from './render.js';
import { requirePage } from './session.js';
import { targetVerdict, type TargetVerdict } from './target-status.js';

const REFRESH_SECONDS = 5;
const COUNTS = ['waiting', 'active', 'delayed', 'failed'] as const;

function PauseButton({ row, csrf }: { row: TargetHealth; csrf: string }) {
  if (row.role !== 'deliver') return null;
  const action = row.paused ? 'resume' : 'pause';
  return <PostButton action={`/admin/targets/${encodeURIComponent(row.instance)}/${action}`} csrf={csrf} label={row.paused ? 'Resume' : 'Pause'} kind="secondary" />;
}

type Verdicts = Map<string, TargetVerdict>;

async function verdictsByQueue(runtime: HubRuntime): Promise<Verdicts> {
  return new Map((await queueHealth(runtime)).map((q) => [q.queue, { status: q.status, rule: q.rule }]));
}

function TargetRow({ row, manage, csrf, verdicts }: { row: TargetHealth; manage: boolean; csrf: string; verdicts: Verdicts }) {
  const verdict = verdicts.get(row.queue) ?? targetVerdict(row);
  return (
    <tr class={verdict.status} data-target={row.instance} data-role={row.role}>
      <td><strong>{row.instance}</strong><div class="muted">{row.role} · {row.connector}</div></td>
      <td><Badge status={verdict.status} /><div class={`rule ${verdict.status}`} data-rule>{verdict.rule}</div></td>
      {COUNTS.map((name) => <td class="num">{row.counts[name] ?? 0}</td>)}
      <td class="num">{row.deadLetters}</td>
      <td>{row.paused ? 'paused' : 'running'}</td>
      <td>{row.breaker.state}</td>
      <td><Time at={row.breaker.lastSuccessAt} /></td>
      <td>{row.breaker.lastError ? <><Time at={row.breaker.lastFailureAt} /><div class="muted">{row.breaker.lastError}</div></> : <span class="muted">—</span>}</td>
      {manage ? <td><PauseButton row={row} csrf={csrf} /></td> : null}
    </tr>
  );
}

function TargetTable({ rows, verdicts, principal, csrf }: { rows: TargetHealth[]; verdicts: Verdicts; principal: Principal; csrf: string }) {
  const manage = can(principal.role, 'targets:manage');
  return (
    <div class="scroll">
      <table>
        <thead>
          <tr>
            <th>Target</th><th>Status</th>{COUNTS.map((name) => <th>{name}</th>)}<th>dead letters</th>
            <th>queue</th><th>breaker</th><th>last success</th><th>last error</th>{manage ? <th>action</th> : null}
          </tr>
        </thead>
        <tbody>{rows.map((row) => <TargetRow row={row} manage={manage} csrf={csrf} verdicts={verdicts} />)}</tbody>
      </table>
    </div>
  );
}

async function throughput(runtime: HubRuntime): Promise<Array<{ queue: string; series: number[] }>> {
  const queues = topologyQueues(runtime.instances.values()).map((role) => role.queue);
  return Promise.all(queues.map(async (queue) => ({ queue, series: await minuteSeries(runtime.redis, runtime.config.redis.prefix, queue) })));
}

export function dashboardRoutes(runtime: HubRuntime): Hono<AdminEnv> {
  const app = new Hono<AdminEnv>();

  app.get('/', requirePage('targets:read'), async (c) => {
    const [rows, verdicts, charts] = await Promise.all([targetHealth(runtime), verdictsByQueue(runtime), throughput(runtime)]);
    return render(c, 'Dashboard', (
      <>
        <h1>Targets</h1>
        <Notice text={c.req.query('notice')} />
        <TargetTable rows={rows} verdicts={verdicts} principal={c.get('principal')} csrf={c.get('csrf')} />
        <h2>Throughput, last hour (completed per minute)</h2>
        <div class="charts">{charts.map((chart) => <ThroughputChart queue={chart.queue} series={chart.series} />)}</div>
        <p class="muted">Refreshes every {REFRESH_SECONDS} s.</p>
      </>
    ), { refreshSeconds: REFRESH_SECONDS });
  });

  for (const [action, paused] of [['pause', true], ['resume', false]] as const) {
    app.post(`/targets/:id/${action}`, requirePage('targets:manage'), async (c) => {
      const target = c.req.param('id');
      if (!await setTargetPaused(runtime, target, paused, c.get('principal').name)) return notFound(c, `No delivery target ${target}.`);
      return c.redirect(`/admin?notice=${encodeURIComponent(`${target} ${paused ? 'paused' : 'resumed'}`)}`, 303);
    });
  }
  return app;
}
