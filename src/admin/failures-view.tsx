/**
 * The pieces of the failures page: the filter form, the dead-letter table with per-row
 * Replay and Discard (with a reason) and, for a delivery rendered by a mapping, the
 * version it used with a link to preview it against the current one, the preview of a
 * bulk replay with its Confirm button, and the list of orders waiting for review.
 */
import type { FailureFilter, ReplayPreview } from '../pipeline/operator-actions.js';
import { refText } from '../mapping/index.js';
import type { DeadLetter } from '../store/dead-letters.js';
import { CsrfField, PostButton, Time } from './components.js';
import { filterQuery } from './failure-filter.js';

export interface ReviewRow { hubOrderId: string; since: string; reasons: string[]; source: string }

function Choice({ name, label, value, options }: { name: string; label: string; value: string | undefined; options: string[] }) {
  return (
    <label>{label}
      <select name={name}>
        <option value="">any</option>
        {options.map((o) => <option value={o} selected={o === value}>{o}</option>)}
      </select>
    </label>
  );
}

export function FilterForm({ filter, instances }: { filter: FailureFilter; instances: string[] }) {
  return (
    <form class="filters card" method="get" action="/admin/failures">
      <Choice name="instance" label="Instance" value={filter.instance} options={instances} />
      <Choice name="stage" label="Stage" value={filter.stage} options={['normalize', 'deliver', 'notify']} />
      <Choice name="errorKind" label="Error kind" value={filter.errorKind} options={['permanent', 'transient', 'bad_input', 'mapping', 'unauthorized']} />
      <button type="submit">Filter</button>
      <a href="/admin/failures">clear</a>
    </form>
  );
}

function OrderLink({ id }: { id: string }) {
  return id.includes(':') || id === 'unknown' ? <span>{id}</span> : <a href={`/admin/orders/${encodeURIComponent(id)}`}>{id}</a>;
}

function LetterActions({ letter, csrf }: { letter: DeadLetter; csrf: string }) {
  const base = `/admin/failures/${encodeURIComponent(letter.id)}`;
  return (
    <>
      <PostButton action={`${base}/replay`} csrf={csrf} label="Replay" />
      <PostButton action={`${base}/discard`} csrf={csrf} label="Discard" kind="danger">
        <input name="reason" placeholder="reason" required minlength={3} aria-label={`reason to discard ${letter.id}`} />
      </PostButton>
    </>
  );
}

export function LetterTable({ letters, csrf, canReplay }: { letters: DeadLetter[]; csrf: string; canReplay: boolean }) {
  if (letters.length === 0) return <p class="card muted">No dead letters match.</p>;
  return (
    <div class="scroll">
      <table>
        <thead><tr><th>Order</th><th>Stage</th><th>Instance</th><th>Error</th><th>Hint</th><th>Attempts</th><th>Time</th>{canReplay ? <th>Action</th> : null}</tr></thead>
        <tbody>
          {letters.map((l) => (
            <tr data-letter={l.id}>
              <td><OrderLink id={l.orderId} /></td><td>{l.stage}</td><td>{l.instance}</td>
              <td><strong>{l.errorCode}</strong> <span class="muted">({l.errorKind})</span><div>{l.message}</div><MappingUsed letter={l} /></td>
              <td>{l.hint}</td><td class="num">{l.attempts}</td><td><Time at={l.at} /></td>
              {canReplay ? <td><LetterActions letter={l} csrf={csrf} /></td> : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The mapping version a delivery rendered with, and the way to its preview against the current one. */
function MappingUsed({ letter }: { letter: DeadLetter }) {
  if (!letter.mapping) return null;
  return (
    <div class="muted" data-mapping={refText(letter.mapping)}>
      rendered with {refText(letter.mapping)} · <a href={`/admin/failures/${encodeURIComponent(letter.id)}/preview`}>Preview with the current mapping</a>
    </div>
  );
}

export function ReplayAllLink({ filter, count }: { filter: FailureFilter; count: number }) {
  if (count === 0) return null;
  return <p><a href={`/admin/failures/replay${filterQuery(filter)}`}>Replay all matching ({count})…</a></p>;
}

export function PreviewTable({ preview, filter, csrf }: { preview: ReplayPreview; filter: FailureFilter; csrf: string }) {
  return (
    <>
      <p>{preview.count} dead letter(s) match. Nothing has been replayed yet.</p>
      <div class="scroll">
        <table>
          <thead><tr><th>Order</th><th>Stage</th><th>Instance</th><th>Job</th><th>What the replay does</th></tr></thead>
          <tbody>{preview.items.map((i) => <tr><td><OrderLink id={i.orderId} /></td><td>{i.stage}</td><td>{i.instance}</td><td>{i.job}</td><td>{i.effect}</td></tr>)}</tbody>
        </table>
      </div>
      <form class="inline" method="post" action="/admin/failures/replay">
        <CsrfField token={csrf} />
        {Object.entries(filter).map(([k, v]) => <input type="hidden" name={k} value={String(v)} />)}
        <button type="submit" disabled={preview.count === 0}>Confirm: replay {preview.count}</button>
        <a href={`/admin/failures${filterQuery(filter)}`}>cancel</a>
      </form>
    </>
  );
}

export function ReviewTable({ rows }: { rows: ReviewRow[] }) {
  if (rows.length === 0) return <p class="card muted">No orders wait for review.</p>;
  return (
    <div class="scroll">
      <table>
        <thead><tr><th>Order</th><th>Source</th><th>Waiting since</th><th>Reasons</th><th></th></tr></thead>
        <tbody>{rows.map((r) => (
          <tr data-review={r.hubOrderId}>
            <td><OrderLink id={r.hubOrderId} /></td><td>{r.source}</td><td><Time at={r.since} /></td><td>{r.reasons.join('; ')}</td>
            <td><a href={`/admin/review/${encodeURIComponent(r.hubOrderId)}`}>Review</a></td>
          </tr>
        ))}</tbody>
      </table>
    </div>
  );
}
