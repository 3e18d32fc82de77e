/**
 * `GET /admin/failures`: dead letters with filters and per-row Replay / Discard, a
 * "replay all matching" preview (`GET /admin/failures/replay`) that runs only on
 * Confirm (`POST /admin/failures/replay`), and the review list. Same permissions and
 * audit entries as the JSON API. A delivery dead letter's mapping versions are
 * previewed at `GET /admin/failures/:id/preview` and replayed with the one chosen
 * (`mapping` of `POST /admin/failures/:id/replay`). Below them: what was filed as not an
 * order (bounces, auto-replies, spam) with the reason.
 */
import { Hono, type Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { maskFreeText } from '../auth/mask.js';
import { can } from '../auth/roles.js';
import { discardDeadLetter, listFailures, previewReplay, replayMatching, reviewQueue } from '../pipeline/operator-actions.js';
import { replayDeadLetter } from '../pipeline/replay.js';
import { auditReplay, replayWithVersion } from '../pipeline/replay-with-version.js';
import { previewVersions } from '../pipeline/version-preview.js';
import { BadInputError } from '../sdk/errors/index.js';
import type { HubRuntime } from '../pipeline/runtime.js';
import type { AdminEnv } from './admin-env.js';
import { Notice } from './components.js';
import { filterQuery, readFailureFilter } from './failure-filter.js';
import { FilterForm, LetterTable, PreviewTable, ReplayAllLink, ReviewTable } from './failures-view.js';
import { FiledTable } from './filed-view.js';
import { readForm } from './form.js';
import { notFound, render } from './render.js';
import { VersionPreviewView } from './version-preview-view.js';
import { requirePage } from './session.js';

export function failuresRoutes(runtime: HubRuntime): Hono<AdminEnv> {
  const app = new Hono<AdminEnv>();
  const instances = () => [...runtime.instances.keys()].sort();

  app.get('/', requirePage('failures:read'), async (c) => {
    const filter = readFailureFilter(c.req.query());
    const role = c.get('principal').role;
    const [letters, review, filed] = await Promise.all([listFailures(runtime, filter), reviewQueue(runtime), runtime.filed.list(50)]);
    const canReplay = can(role, 'failures:replay');
    return render(c, 'Failures', (
      <>
        <h1>Failures</h1>
        <Notice text={c.req.query('notice')} />
        <FilterForm filter={filter} instances={instances()} />
        <LetterTable letters={letters} csrf={c.get('csrf')} canReplay={canReplay} />
        {canReplay ? <ReplayAllLink filter={filter} count={letters.length} /> : null}
        <h2>Waiting for review</h2>
        <ReviewTable rows={can(role, 'orders:read-pii') ? review : maskFreeText(review)} />
        <h2>Filed, not orders</h2>
        <FiledTable items={filed} showOriginal={can(role, 'orders:read-pii')} />
      </>
    ));
  });

  app.get('/replay', requirePage('failures:replay'), async (c) => {
    const filter = readFailureFilter(c.req.query());
    const preview = await previewReplay(runtime, filter);
    return render(c, 'Replay preview', (
      <><h1>Replay all matching{filter.instance ? ` for ${filter.instance}` : ''}</h1><PreviewTable preview={preview} filter={filter} csrf={c.get('csrf')} /></>
    ));
  });

  app.post('/replay', requirePage('failures:replay'), async (c) => {
    const filter = readFailureFilter(await readForm(c));
    const replayed = await replayMatching(runtime, filter, c.get('principal').name);
    return c.redirect(`/admin/failures${filterQuery(filter, `replayed ${replayed.length} dead letter(s)`)}`, 303);
  });

  app.get('/:id/preview', requirePage('failures:read'), async (c) => {
    const role = c.get('principal').role;
    try {
      const preview = await previewVersions(runtime, c.req.param('id'), { pii: can(role, 'orders:read-pii') });
      if (!preview) return notFound(c, 'No such dead letter (it may have been replayed or discarded).');
      return render(c, 'Mapping versions', <VersionPreviewView preview={preview} csrf={c.get('csrf')} canReplay={can(role, 'failures:replay')} />);
    } catch (error) {
      return refused(c, error);
    }
  });

  // With `mapping` (id@version) the replay is pinned to that version; without it, the mapping loaded now.
  app.post('/:id/replay', requirePage('failures:replay'), async (c) => {
    const actor = c.get('principal').name;
    const version = (await readForm(c)).mapping;
    try {
      const result = version ? await replayWithVersion(runtime, c.req.param('id'), version, actor) : await replayDeadLetter(runtime, c.req.param('id'), actor);
      if (!result) return notFound(c, 'No such dead letter (it may have been replayed already).');
      await auditReplay(runtime, actor, result);
      return c.redirect(`/admin/failures${filterQuery({}, `replayed ${result.id}${result.mapping ? ` with ${result.mapping}` : ''}`)}`, 303);
    } catch (error) {
      return refused(c, error);
    }
  });

  app.post('/:id/discard', requirePage('failures:replay'), async (c) => {
    const reason = (await readForm(c)).reason ?? '';
    if (reason.length < 3) return c.redirect(`/admin/failures${filterQuery({}, 'say why you discard it (at least 3 characters)')}`, 303);
    const letter = await discardDeadLetter(runtime, c.req.param('id'), reason, c.get('principal').name);
    if (!letter) return notFound(c, 'No such dead letter.');
    return c.redirect(`/admin/failures${filterQuery({}, `discarded ${letter.id}`)}`, 303);
  });
  return app;
}

/** A typed refusal as a page with the status the API gives; anything else goes to the console's error page. */
function refused(c: Context<AdminEnv>, error: unknown) {
  if (!(error instanceof BadInputError)) throw error;
  return render(c, 'Refused', (
    <div class="card">
      <h1>Not possible</h1>
      <Notice text={error.message} error />
      {error.hint ? <p>{error.hint}</p> : null}
      <p><a href="/admin/failures">Back to the failures</a></p>
    </div>
  ), { status: error.status as ContentfulStatusCode });
}
