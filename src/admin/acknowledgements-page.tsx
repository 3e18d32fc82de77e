/**
 * `GET /admin/acknowledgements`: the documents the hub sent trading partners (X12 855,
 * 856, 810) that still wait for the partner's acknowledgement (997), soonest due first,
 * the overdue ones marked. Per document its partner, what it is, its order (linking to
 * the order page), when it was sent and when it was due. `POST …/:instance/:key/dismiss`
 * (`failures:replay`) stops waiting for one the partner confirmed another way: audited
 * and on the order's timeline, as over the API.
 */
import { Hono } from 'hono';
import { can } from '../auth/roles.js';
import type { HubRuntime } from '../pipeline/runtime.js';
import type { AcknowledgementRecord } from '../store/acknowledgement-store.js';
import type { AdminEnv } from './admin-env.js';
import { Notice, PostButton, Time } from './components.js';
import { render } from './render.js';
import { requirePage } from './session.js';

const SHOWN = 500;

function DocumentRow({ record, now, csrf }: { record: AcknowledgementRecord; now: number; csrf: string | undefined }) {
  const overdue = Date.parse(record.dueAt) < now;
  return (
    <tr data-awaited={record.key} class={overdue ? 'exception' : undefined}>
      <td>{record.partner}<div class="muted">{record.instance}</div></td>
      <td>{record.document}</td>
      <td>{record.hubOrderId ? <a href={`/admin/orders/${encodeURIComponent(record.hubOrderId)}`}>{record.hubOrderId}</a> : <span class="muted">—</span>}</td>
      <td><Time at={record.sentAt} /></td>
      <td data-due>{overdue ? <strong data-overdue>overdue</strong> : null} <Time at={record.dueAt} /></td>
      <td>{csrf ? (
        <PostButton action={`/admin/acknowledgements/${encodeURIComponent(record.instance)}/${encodeURIComponent(record.key)}/dismiss`} csrf={csrf} label="Stop waiting" kind="secondary" />
      ) : null}</td>
    </tr>
  );
}

function AwaitedTable({ records, csrf }: { records: AcknowledgementRecord[]; csrf: string | undefined }) {
  if (records.length === 0) return <p class="card muted" data-empty>Every document sent has its acknowledgement.</p>;
  const now = Date.now();
  return (
    <div class="scroll">
      <table data-acknowledgements>
        <thead><tr><th>Partner</th><th>Document</th><th>Order</th><th>Sent</th><th>Due</th><th></th></tr></thead>
        <tbody>{records.map((record) => <DocumentRow record={record} now={now} csrf={csrf} />)}</tbody>
      </table>
    </div>
  );
}

export function acknowledgementsRoutes(runtime: HubRuntime): Hono<AdminEnv> {
  const app = new Hono<AdminEnv>();
  app.get('/', requirePage('failures:read'), async (c) => {
    const records = await runtime.acknowledgements.awaiting({ limit: SHOWN });
    const csrf = can(c.get('principal').role, 'failures:replay') ? c.get('csrf') : undefined;
    const notice = c.req.query('notice');
    return render(c, 'Acknowledgements', (
      <>
        <h1>Acknowledgements</h1>
        <p class="muted">Documents sent to trading partners that still wait for the partner's 997, soonest due first. An overdue one fires the ack_overdue alert until its 997 comes or you stop waiting for it (say why on the order, e.g. the partner confirmed by phone).</p>
        <Notice text={notice} error={c.req.query('error') === '1'} />
        <AwaitedTable records={records} csrf={csrf} />
      </>
    ));
  });

  app.post('/:instance/:key/dismiss', requirePage('failures:replay'), async (c) => {
    const { instance, key } = c.req.param();
    const actor = c.get('principal').name;
    const dismissed = await runtime.acknowledgements.dismiss(instance, key, actor);
    if (!dismissed) return c.redirect(`/admin/acknowledgements?error=1&notice=${encodeURIComponent(`Nothing of ${instance} waits under ${key} any more.`)}`, 303);
    await runtime.audit.record(actor, 'dismiss-acknowledgement', `${instance}:${key}`, { document: dismissed.document, partner: dismissed.partner });
    return c.redirect(`/admin/acknowledgements?notice=${encodeURIComponent(`Stopped waiting for ${dismissed.partner}'s acknowledgement of ${dismissed.document}.`)}`, 303);
  });
  return app;
}
