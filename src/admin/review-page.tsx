/**
 * `GET /admin/review/:id`: one order waiting for review. The original beside what was
 * read of it: for a fax or a scan (also one attached to an e-mail), each page as an
 * image and every field with its
 * confidence, the doubtful ones highlighted with why; for anything else, the reasons and
 * a link to the original bytes. The reviewer corrects fields and accepts (the order is
 * judged again and delivered only if it now passes) or rejects with a reason. Same
 * permission and audit entries as the JSON API (`failures:replay`).
 */
import { Hono, type Context } from 'hono';
import { can } from '../auth/roles.js';
import type { JudgedField } from '../forms/judge-form.js';
import { acceptReviewed, rejectReviewed, type ReviewOutcome } from '../pipeline/review.js';
import type { HubRuntime } from '../pipeline/runtime.js';
import type { AdminEnv } from './admin-env.js';
import { CsrfField, Notice } from './components.js';
import { readForm } from './form.js';
import { reviewImage } from './review-images.js';
import { notFound, render } from './render.js';
import { requirePage } from './session.js';

export function reviewRoutes(runtime: HubRuntime): Hono<AdminEnv> {
  const app = new Hono<AdminEnv>();

  app.get('/:id', requirePage('orders:read-pii'), async (c) => {
    const id = c.req.param('id');
    const stored = await runtime.store.get(id);
    if (!stored) return notFound(c, 'No such order.');
    const image = await reviewImage(await runtime.store.getRaw(id));
    const pages = image ? (await (await loadPagesLazily())(image.bytes, image.contentType).catch(() => [])).length : 0;
    const fields = fieldsOf(stored.candidate);
    const inReview = stored.status.state === 'needs_review';
    const canDecide = inReview && can(c.get('principal').role, 'failures:replay');
    return render(c, `Review ${id}`, (
      <>
        <h1>Review <a href={`/admin/orders/${encodeURIComponent(id)}`}>{id}</a></h1>
        <Notice text={c.req.query('notice')} error={c.req.query('error') === '1'} />
        <p>From <strong>{stored.source}</strong> ({stored.channel}), state <strong data-state={stored.status.state}>{stored.status.state}</strong>.</p>
        {stored.status.review ? <ul class="reasons">{stored.status.review.reasons.map((r) => <li>{r}</li>)}</ul> : null}
        <div class="review">
          <div class="pages">
            {pages > 0
              ? Array.from({ length: pages }, (_, i) => <img src={`/admin/review/${encodeURIComponent(id)}/page/${i + 1}.png`} alt={`page ${i + 1} of ${pages}`} width="595" />)
              : <p class="muted"><a href={`/api/orders/${encodeURIComponent(id)}/raw`}>The original</a> is not an image.</p>}
          </div>
          <form method="post" action={`/admin/review/${encodeURIComponent(id)}/accept`} class="fields">
            <CsrfField token={c.get('csrf')} />
            {fields.length > 0 ? <FieldTable fields={fields} editable={canDecide} /> : <p class="muted">Nothing was read field by field: accept judges the original again (after a mapping fix), or reject.</p>}
            {canDecide ? <button type="submit">Accept{fields.length > 0 ? ' with these values' : ''}</button> : null}
          </form>
        </div>
        {canDecide ? (
          <form method="post" action={`/admin/review/${encodeURIComponent(id)}/reject`} class="reject">
            <CsrfField token={c.get('csrf')} />
            <label>Reject because <input name="reason" required minlength={3} size={60} /></label>
            <button type="submit" class="danger">Reject</button>
          </form>
        ) : null}
      </>
    ));
  });

  app.get('/:id/page/:page{[0-9]+\\.png}', requirePage('orders:read-pii'), async (c) => {
    const image = await reviewImage(await runtime.store.getRaw(c.req.param('id')));
    if (!image) return notFound(c, 'No image for this order.');
    const pages = await (await loadPagesLazily())(image.bytes, image.contentType);
    const page = pages[Number.parseInt(c.req.param('page'), 10) - 1];
    if (!page) return notFound(c, 'No such page.');
    const { width, height, data } = page.image;
    const { default: sharp } = await import('sharp');
    const png = await sharp(Buffer.from(data), { raw: { width, height, channels: 1 } }).resize({ width: 1190, withoutEnlargement: true }).png().toBuffer();
    return c.body(new Uint8Array(png), 200, { 'content-type': 'image/png', 'cache-control': 'private, max-age=300' });
  });

  app.post('/:id/accept', requirePage('failures:replay'), async (c) => {
    const id = c.req.param('id');
    const form = await readForm(c);
    const stored = await runtime.store.get(id);
    if (!stored) return notFound(c, 'No such order.');
    const corrections: Record<string, string> = {};
    for (const field of fieldsOf(stored.candidate)) {
      const value = form[`field:${field.name}`];
      if (value !== undefined && value !== field.value) corrections[field.name] = value;
    }
    return after(c, id, await acceptReviewed(runtime, id, c.get('principal').name, corrections));
  });

  app.post('/:id/reject', requirePage('failures:replay'), async (c) => {
    const id = c.req.param('id');
    const reason = (await readForm(c)).reason ?? '';
    if (reason.length < 3) return c.redirect(`/admin/review/${encodeURIComponent(id)}?error=1&notice=${encodeURIComponent('say why you reject it (at least 3 characters)')}`, 303);
    return after(c, id, await rejectReviewed(runtime, id, c.get('principal').name, reason));
  });
  return app;
}

/** The page loader (sharp, pdf-lib) is loaded when a review page is first opened, not at start. */
async function loadPagesLazily(): Promise<typeof import('../forms/load-pages.js').loadPages> {
  return (await import('../forms/load-pages.js')).loadPages;
}

function FieldTable({ fields, editable }: { fields: JudgedField[]; editable: boolean }) {
  return (
    <table>
      <thead><tr><th>Field</th><th>Read</th><th>Confidence</th><th>Value</th></tr></thead>
      <tbody>{fields.map((f) => (
        <tr class={f.doubt ? 'doubt' : undefined} data-field={f.name}>
          <td>{f.label}{f.doubt ? <div class="why">{f.doubt}</div> : null}</td>
          <td><code>{f.value || '—'}</code></td>
          <td data-confidence={String(f.confidence)}>{f.confidence}</td>
          <td>{editable ? <input name={`field:${f.name}`} value={f.value} size={16} aria-label={f.label} /> : f.value}</td>
        </tr>
      ))}</tbody>
    </table>
  );
}

/** The fields worth showing: every one written or doubted (blank line rows are left out). */
function fieldsOf(candidate: unknown): JudgedField[] {
  const fields = (candidate as { fields?: JudgedField[] } | undefined)?.fields;
  return Array.isArray(fields) ? fields.filter((f) => f.value !== '' || f.doubt) : [];
}

function after(c: Context<AdminEnv>, id: string, result: ReviewOutcome): Response {
  const back = (notice: string, error = false) => c.redirect(`/admin/review/${encodeURIComponent(id)}?${error ? 'error=1&' : ''}notice=${encodeURIComponent(notice)}`, 303);
  switch (result.outcome) {
    case 'accepted': return c.redirect(`/admin/orders/${encodeURIComponent(id)}?notice=${encodeURIComponent(`accepted, routed to ${result.target}`)}`, 303);
    case 'rejected': return c.redirect(`/admin/orders/${encodeURIComponent(id)}?notice=${encodeURIComponent('rejected')}`, 303);
    case 'still_in_review': return back(`still doubtful: ${result.reasons.join('; ')}`, true);
    case 'not_in_review': return back(`the order is ${result.state}, not in review`, true);
    case 'cannot_correct': return back(result.detail, true);
    case 'missing': return back('no such order', true);
  }
}
