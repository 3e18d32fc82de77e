/**
 * What a workbench run shows: the mapping's problems (the mapping field it was building,
 * the input path it read, what was wrong), the canonical-schema problems (pointer and
 * message), the result as pretty JSON, and — for `mappings:write`, when the run has no
 * problem — the form that saves it as a golden test.
 */
import type { MappingProblem } from '../mapping/index.js';
import type { SchemaProblem } from '../model/validate.js';
import { hasProblems, type MappingRun } from '../workbench/run-sample.js';
import type { BenchRun } from '../workbench/bench-run.js';
import { CsrfField } from './components.js';
import { benchPath } from './workbench-view.js';

export function RunResult({ outcome }: { outcome: BenchRun }) {
  if (!outcome.ok) return <div class="card run" data-run="unreadable"><h2>Result</h2><p class="notice error" role="alert" data-read-problem>{outcome.problem}</p></div>;
  const { run } = outcome;
  return (
    <div class="card run" data-run={hasProblems(run) ? 'problems' : 'ok'}>
      <h2>Result</h2>
      <RunSummary run={run} />
      {run.mappingProblems.length > 0 ? <MappingProblems problems={run.mappingProblems} /> : null}
      {run.schemaProblems.length > 0 ? <SchemaProblems problems={run.schemaProblems} /> : null}
      {run.result ? <><h3>Canonical result</h3><pre data-result>{JSON.stringify(run.result, null, 2)}</pre></> : null}
    </div>
  );
}

function RunSummary({ run }: { run: MappingRun }) {
  if (!run.result) return <p class="notice error" role="alert">The mapping refused the sample: {count(run.mappingProblems.length, 'problem')}.</p>;
  if (run.schemaProblems.length > 0) return <p class="notice error" role="alert">The mapping's result is not a valid canonical order: {count(run.schemaProblems.length, 'problem')}.</p>;
  return <p class="notice" role="status">The sample maps to a valid canonical order (checked with the hub's own fields — id, confirmation, channel, source, provenance — filled in).</p>;
}

function MappingProblems({ problems }: { problems: readonly MappingProblem[] }) {
  return (
    <div class="scroll">
      <table data-mapping-problems>
        <caption>Mapping problems</caption>
        <thead><tr><th>Mapping field</th><th>Input path</th><th>Problem</th></tr></thead>
        <tbody>{problems.map((p) => (
          <tr data-target={p.target} data-source={p.source}>
            <td><code>{p.target}</code></td>
            <td>{p.source ? <code>{p.source}</code> : <span class="muted">—</span>}</td>
            <td>{p.message}</td>
          </tr>
        ))}</tbody>
      </table>
    </div>
  );
}

function SchemaProblems({ problems }: { problems: SchemaProblem[] }) {
  return (
    <div class="scroll">
      <table data-schema-problems>
        <caption>Canonical schema problems</caption>
        <thead><tr><th>Canonical field</th><th>Problem</th></tr></thead>
        <tbody>{problems.map((p) => (
          <tr data-pointer={p.pointer}><td><code>{p.pointer}</code></td><td>{p.message}</td></tr>
        ))}</tbody>
      </table>
    </div>
  );
}

export interface SaveFormProps {
  benchKey: string;
  csrf: string;
  text: string;
  instance: string | undefined;
  name: string;
}

export function SaveForm(props: SaveFormProps) {
  return (
    <form method="post" action={benchPath(props.benchKey, '/save')} class="card filters" data-save-form>
      <CsrfField token={props.csrf} />
      <input type="hidden" name="sample" value={props.text} />
      {props.instance ? <input type="hidden" name="instance" value={props.instance} /> : null}
      <label>Golden test name
        <input name="name" required pattern="[a-z0-9\-]{1,80}" maxlength={80} size={32} value={props.name} placeholder="shopify-order-gift-card" />
      </label>
      <button type="submit">Save as golden test</button>
      <span class="muted">Writes <code>samples/&lt;name&gt;.json</code> and <code>&lt;name&gt;.canonical.json</code> beside the mapping and adds the test to the mapping file; <code>hub mapping test</code> runs it.</span>
    </form>
  );
}

function count(n: number, what: string): string {
  return `${n} ${what}${n === 1 ? '' : 's'}`;
}
