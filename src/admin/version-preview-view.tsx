/**
 * The console's preview of a delivery dead letter with two mapping versions: what the
 * version it met ("old") and the version loaded now ("current") render for the order,
 * side by side, the line diff between them, and a "Replay with <id>@<version>" button per
 * version that can run (one when both are the same). Server-rendered, no script.
 */
import type { VersionPreview, VersionRender } from '../pipeline/version-preview.js';
import { Notice, PostButton } from './components.js';

export function VersionPreviewView({ preview, csrf, canReplay }: { preview: VersionPreview; csrf: string; canReplay: boolean }) {
  return (
    <>
      <h1>Dead letter {preview.id}: mapping versions</h1>
      <LetterFacts preview={preview} />
      <VersionNote preview={preview} />
      {preview.masked ? <p class="muted">Personal data is masked before rendering: your role may not see it.</p> : null}
      <div class="versions">
        {preview.old && !preview.same ? <RenderCard title="Old" render={preview.old} which="old" /> : null}
        <RenderCard title={preview.same ? 'Old and current' : 'Current'} render={preview.current} which="current" />
      </div>
      {preview.old && !preview.same ? <DiffBlock diff={preview.diff} /> : null}
      {canReplay ? <ReplayChoices preview={preview} csrf={csrf} /> : null}
      <p><a href="/admin/failures">Back to the failures</a></p>
    </>
  );
}

function LetterFacts({ preview }: { preview: VersionPreview }) {
  return (
    <dl class="facts card">
      <dt>Order</dt><dd><a href={`/admin/orders/${encodeURIComponent(preview.orderId)}`}>{preview.orderId}</a></dd>
      <dt>Target</dt><dd>{preview.instance}</dd>
      <dt>Error</dt><dd><strong>{preview.errorCode}</strong> {preview.message}</dd>
    </dl>
  );
}

function VersionNote({ preview }: { preview: VersionPreview }) {
  if (!preview.old) {
    return <p class="notice" data-version-note>The version this delivery used was not recorded (it failed before the hub kept mapping versions): it can be replayed with {preview.current.ref}.</p>;
  }
  if (preview.same) {
    return <p class="notice" data-version-note="same">Both are {preview.current.ref}: the mapping has not changed since this delivery failed, so there is one version to replay with.</p>;
  }
  if (preview.old.outcome === 'unavailable') {
    return <p class="notice error" data-version-note="unavailable">{preview.old.ref} is not in the hub's mapping archive any more: only {preview.current.ref} can be replayed.</p>;
  }
  return <p class="notice" data-version-note="changed">The delivery failed with {preview.old.ref}; the hub runs {preview.current.ref} now.</p>;
}

function RenderCard({ title, render, which }: { title: string; render: VersionRender; which: 'old' | 'current' }) {
  return (
    <div class="card" data-render={which} data-ref={render.ref} data-outcome={render.outcome}>
      <h2>{title}: {render.ref}</h2>
      {render.outcome === 'rendered'
        ? <p class="muted">Renders {render.contentType}.</p>
        : <Notice text={render.error} error />}
      {render.body !== undefined ? <pre>{render.body}</pre> : null}
    </div>
  );
}

function DiffBlock({ diff }: { diff: string }) {
  if (diff === '') return <p class="card muted" data-diff="none">Both versions render this order the same.</p>;
  return (
    <div class="card">
      <h2>Diff <span class="muted">(- old, + current)</span></h2>
      <pre class="diff" data-diff>{diff.split('\n').map((line) => <span class={lineClass(line)}>{line}{'\n'}</span>)}</pre>
    </div>
  );
}

function lineClass(line: string): string | undefined {
  if (line.startsWith('+')) return 'add';
  if (line.startsWith('-')) return 'del';
  return line.startsWith('@@') ? 'hunk' : undefined;
}

function ReplayChoices({ preview, csrf }: { preview: VersionPreview; csrf: string }) {
  const action = `/admin/failures/${encodeURIComponent(preview.id)}/replay`;
  return (
    <div class="card" data-replay-choices>
      {preview.choices.map((ref) => (
        <PostButton action={action} csrf={csrf} label={`Replay with ${ref}`} kind={ref === preview.current.ref ? undefined : 'secondary'}>
          <input type="hidden" name="mapping" value={ref} />
        </PostButton>
      ))}
      <p class="muted">The replay renders the order with exactly the version chosen; the delivery ledger keeps it from reaching the target twice.</p>
    </div>
  );
}
