/**
 * `/admin/workbench`: the mapping workbench for integrators (`mappings:test`). Pick an
 * inbound mapping; give it a sample (pasted, uploaded, or a recent real order's payload,
 * masked); run it (a form post, no script) to see the canonical result, the mapping's
 * problems by mapping field and input path and the canonical-schema problems; and, with
 * `mappings:write`, save a clean run as a golden test of the mapping (audited as `save
 * golden test`; the saved file is kept in the mapping archive again: a golden test does
 * not change its version of record). The sample stays in the form after every run.
 */
import { Hono, type Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { can } from '../auth/roles.js';
import { archiveMappingFile } from '../pipeline/archive-mappings.js';
import type { HubRuntime } from '../pipeline/runtime.js';
import { benchRun, sampleOrigin, type BenchRun } from '../workbench/bench-run.js';
import { findInboundMapping, findInboundMappings, type InboundMapping } from '../workbench/inbound-mappings.js';
import { maskedPayload, recentOrdersOf } from '../workbench/recent-payloads.js';
import { hasProblems } from '../workbench/run-sample.js';
import { saveGoldenTest } from '../workbench/save-golden-test.js';
import type { AdminEnv } from './admin-env.js';
import { Notice } from './components.js';
import { notFound, render } from './render.js';
import { requirePage } from './session.js';
import { readSampleFields, type SampleFields } from './workbench-form.js';
import { RunResult, SaveForm } from './workbench-result.js';
import { benchPath, MappingFacts, MappingList, RecentOrders, SampleForm } from './workbench-view.js';

type Ctx = Context<AdminEnv>;

/** What one rendering of a mapping's bench shows. */
interface BenchState {
  text: string;
  instance?: string;
  name?: string;
  notice?: string;
  error?: string;
  outcome?: BenchRun;
}

export function workbenchRoutes(runtime: HubRuntime): Hono<AdminEnv> {
  const app = new Hono<AdminEnv>();

  app.get('/', requirePage('mappings:test'), async (c) => render(c, 'Workbench', (
    <>
      <h1>Mapping workbench</h1>
      <p class="muted">Pick an inbound mapping to try a sample on it: a payload pasted or uploaded, or a recent real order's, masked.</p>
      <MappingList found={await findInboundMappings(runtime.config)} />
    </>
  )));

  app.get('/:mapping', requirePage('mappings:test'), async (c) => {
    const entry = await findInboundMapping(runtime.config, c.req.param('mapping'));
    if (!entry) return noSuchMapping(c);
    const order = c.req.query('order');
    const notice = c.req.query('notice');
    if (!order) return benchPage(c, runtime, entry, { text: '', ...(notice ? { notice } : {}) });
    const payload = await maskedPayload(runtime, entry, order);
    if (!payload.ok) return benchPage(c, runtime, entry, { text: '', error: payload.problem }, 404);
    const doubts = payload.doubts.length > 0 ? ` The connector doubted it: ${payload.doubts.join('; ')}.` : '';
    return benchPage(c, runtime, entry, {
      text: payload.sample, instance: payload.order.source,
      notice: `The sample is the payload of order ${payload.order.confirmation} from ${payload.order.source}, personal data masked. Run it, or change it first.${doubts}`,
    });
  });

  app.post('/:mapping/run', requirePage('mappings:test'), async (c) => {
    const entry = await findInboundMapping(runtime.config, c.req.param('mapping'));
    if (!entry) return noSuchMapping(c);
    const fields = await readSampleFields(c);
    const state = stateOf(fields);
    if (!fields.text) return benchPage(c, runtime, entry, { ...state, error: 'Paste a sample or choose a file.' }, 400);
    const outcome = await benchRun(entry, fields.text, sampleOrigin(runtime.config, entry, fields.instance));
    return benchPage(c, runtime, entry, { ...state, outcome }, outcome.ok ? 200 : 400);
  });

  app.post('/:mapping/save', requirePage('mappings:write'), async (c) => {
    const entry = await findInboundMapping(runtime.config, c.req.param('mapping'));
    if (!entry) return noSuchMapping(c);
    const fields = await readSampleFields(c);
    const state = stateOf(fields);
    const outcome = await benchRun(entry, fields.text, sampleOrigin(runtime.config, entry, fields.instance));
    if (!outcome.ok) return benchPage(c, runtime, entry, { ...state, outcome }, 400);
    const saved = await saveGoldenTest(entry.file, { name: fields.name, text: fields.text, kind: outcome.kind, data: outcome.data, run: outcome.run });
    if (!saved.ok) return benchPage(c, runtime, entry, { ...state, outcome, error: saved.problem }, saved.status);
    await runtime.audit.record(c.get('principal').name, 'save golden test', entry.mapping.id, { ...saved.test, file: entry.file });
    await keepSavedMapping(runtime, entry.file);
    const notice = `Golden test ${saved.test.name} saved: ${saved.files.join(', ')}, and added to the tests of ${entry.mapping.id}. \`hub mapping test\` runs it.`;
    return c.redirect(`${benchPath(entry.key)}?notice=${encodeURIComponent(notice)}`, 303);
  });
  return app;
}

async function benchPage(c: Ctx, runtime: HubRuntime, entry: InboundMapping, state: BenchState, status: ContentfulStatusCode = 200) {
  const csrf = c.get('csrf');
  const { key } = entry;
  const canSave = can(c.get('principal').role, 'mappings:write') && state.outcome?.ok === true && !hasProblems(state.outcome.run);
  return render(c, `Workbench ${entry.mapping.id}`, (
    <>
      <h1><a href="/admin/workbench">Workbench</a>: {entry.mapping.id}</h1>
      <Notice text={state.notice} />
      <Notice text={state.error} error />
      <MappingFacts entry={entry} />
      <h2>Sample</h2>
      <SampleForm benchKey={key} csrf={csrf} text={state.text} instance={state.instance} />
      {state.outcome ? <RunResult outcome={state.outcome} /> : null}
      {canSave ? <SaveForm benchKey={key} csrf={csrf} text={state.text} instance={state.instance} name={state.name ?? ''} /> : null}
      <h2>Recent orders</h2>
      <RecentOrders benchKey={key} instances={entry.instances} orders={await recentOrdersOf(runtime, entry)} />
    </>
  ), { status });
}

/** The rewritten file goes into the mapping archive (the save is done either way: a failure is only logged). */
async function keepSavedMapping(runtime: HubRuntime, file: string): Promise<void> {
  await archiveMappingFile(runtime, file).catch((error: unknown) => {
    runtime.log.warn({ err: error, stage: 'workbench' }, 'a saved mapping file could not be kept in the mapping archive');
  });
}

function stateOf(fields: SampleFields): BenchState {
  return {
    text: fields.text,
    ...(fields.instance ? { instance: fields.instance } : {}),
    ...(fields.name ? { name: fields.name } : {}),
    ...(fields.fileName ? { notice: `The sample is the file ${fields.fileName}.` } : {}),
  };
}

function noSuchMapping(c: Ctx) {
  return notFound(c, 'No inbound mapping has this id: pick one on the workbench (/admin/workbench).');
}
