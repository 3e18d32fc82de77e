/**
 * The workbench's pieces before a run: the list of inbound mappings to pick from, the
 * facts of the picked one, the sample form (paste, or upload a file; no script) and the
 * recent real orders whose masked payload can be the sample.
 */
import { isAbsolute, relative } from 'node:path';
import type { RecentOrder } from '../store/recent-orders.js';
import type { InboundMappings, InboundMapping } from '../workbench/inbound-mappings.js';
import { CsrfField, Time } from './components.js';

/** The bench of the mapping the workbench names `key` (see InboundMapping.key), and its actions. */
export function benchPath(key: string, action = ''): string {
  return `/admin/workbench/${encodeURIComponent(key)}${action}`;
}

/** A mapping file as the page names it: relative to the hub's working folder when inside it. */
function shownPath(file: string): string {
  const inside = relative(process.cwd(), file);
  return inside.startsWith('..') || isAbsolute(inside) ? file : inside;
}

export function MappingList({ found }: { found: InboundMappings }) {
  return (
    <>
      {found.mappings.length === 0 ? <p class="card muted">No inbound mapping is configured.</p> : (
        <div class="scroll">
          <table data-mappings>
            <thead><tr><th>Mapping</th><th>Version</th><th>Description</th><th>Used by</th><th>Golden tests</th></tr></thead>
            <tbody>{found.mappings.map((entry) => (
              <tr data-mapping={entry.key}>
                <td><a href={benchPath(entry.key)}>{entry.mapping.id}</a><div class="muted">{shownPath(entry.file)}</div></td>
                <td>{entry.mapping.version}</td>
                <td>{entry.mapping.description ?? <span class="muted">—</span>}</td>
                <td>{entry.instances.length > 0 ? entry.instances.join(', ') : <span class="muted">no instance</span>}</td>
                <td class="num">{entry.mapping.tests.length}</td>
              </tr>
            ))}</tbody>
          </table>
        </div>
      )}
      {found.unreadable.length > 0 ? (
        <div class="card" data-unreadable>
          <h2>Mapping files that do not load</h2>
          <ul>{found.unreadable.map((u) => <li><code>{shownPath(u.file)}</code>: <pre>{u.problem}</pre></li>)}</ul>
        </div>
      ) : null}
    </>
  );
}

export function MappingFacts({ entry }: { entry: InboundMapping }) {
  const { mapping } = entry;
  return (
    <div class="card" data-mapping-facts>
      <dl class="facts">
        <dt>Id</dt><dd data-mapping-id>{mapping.id}</dd>
        <dt>Version</dt><dd>{mapping.version}</dd>
        <dt>From → to</dt><dd>{mapping.from} → {mapping.to}</dd>
        <dt>Description</dt><dd>{mapping.description ?? <span class="muted">—</span>}</dd>
        <dt>File</dt><dd><code>{shownPath(entry.file)}</code></dd>
        <dt>Used by</dt><dd>{entry.instances.length > 0 ? entry.instances.join(', ') : <span class="muted">no configured instance</span>}</dd>
        <dt>Golden tests</dt><dd>{mapping.tests.length}</dd>
      </dl>
    </div>
  );
}

export interface SampleFormProps {
  benchKey: string;
  csrf: string;
  text: string;
  instance: string | undefined;
}

export function SampleForm(props: SampleFormProps) {
  return (
    <form method="post" action={benchPath(props.benchKey, '/run')} enctype="multipart/form-data" class="card workbench" data-sample-form>
      <CsrfField token={props.csrf} />
      {props.instance ? <input type="hidden" name="instance" value={props.instance} /> : null}
      <label class="sample"><span>Sample: JSON, or XML (starting with <code>&lt;</code>)</span>
        <textarea name="sample" rows={22} cols={100} spellcheck={false} data-sample>{props.text}</textarea>
      </label>
      <label>or a file <input type="file" name="file" accept=".json,.xml,application/json,application/xml,text/xml" /></label>
      <button type="submit">Run</button>
    </form>
  );
}

export function RecentOrders({ benchKey, instances, orders }: { benchKey: string; instances: string[]; orders: RecentOrder[] }) {
  if (instances.length === 0) return <p class="muted">No configured instance uses this mapping, so there are no real orders to take a sample from.</p>;
  if (orders.length === 0) return <p class="muted" data-recent-orders>No recent orders of {instances.join(', ')}.</p>;
  return (
    <div class="scroll">
      <table data-recent-orders>
        <caption class="muted">The newest orders of {instances.join(', ')}. Their payload becomes the sample with e-mail addresses, phone numbers, names, street lines and notes masked.</caption>
        <thead><tr><th>Order</th><th>Instance</th><th>Received</th><th></th></tr></thead>
        <tbody>{orders.map((o) => (
          <tr data-order={o.hubOrderId}>
            <td><a href={`/admin/orders/${encodeURIComponent(o.hubOrderId)}`}>{o.confirmation || o.hubOrderId}</a></td>
            <td>{o.source}</td>
            <td><Time at={o.createdAt || undefined} /></td>
            <td><a href={`${benchPath(benchKey)}?order=${encodeURIComponent(o.hubOrderId)}`} data-use-order>Use as sample</a></td>
          </tr>
        ))}</tbody>
      </table>
    </div>
  );
}
