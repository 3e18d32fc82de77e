/**
 * The guesses of a draft mapping: for each canonical field, the sample node whose name
 * answers best (see name-match.ts) and whose value its reading can take. Groups first
 * (lines, addresses), so the places they read are not taken again for order fields; what
 * is required and not found becomes a TODO, what was guessed with a doubt becomes a check.
 */
import type { FieldSpec, PipeStep } from '../mapping-file-types.js';
import { CUSTOMER_NAME, GROUPS, ORDER_FIELDS, QUANTITY_NAMES, type GroupTarget, type ValueTarget } from './canonical-targets.js';
import type { DraftEntry, DraftField, DraftGroup } from './draft-entries.js';
import { bestMatch, normaliseName, type NameMatch } from './name-match.js';
import { elementNodes, isBlank, pointerOf, sampleNodes, type SampleNode } from './sample-nodes.js';
import { canRead, isInexactInteger, isNationalPhone, pipesFor } from './value-readings.js';

export interface Guesses {
  entries: DraftEntry[];
  todos: string[];
  checks: string[];
  /** Optional canonical fields nothing in the sample answered to. */
  skipped: string[];
}

/** One search scope: the nodes below a group (or the order), and the places taken already. */
interface Scope {
  nodes: readonly SampleNode[];
  /** Canonical pointer of the group ('' for the order). */
  target: string;
  /** Where the group sits in the sample, for messages ('' for the order, `/line_items/*` for lines). */
  sourceBase: string;
  /** Read inside `each`: amounts read their currency with `$` from the document root. */
  insideEach: boolean;
  taken: Set<string>;
}

export function guessFields(sample: Record<string, unknown>): Guesses {
  const guesses: Guesses = { entries: [], todos: [], checks: [], skipped: [] };
  const nodes = sampleNodes(sample);
  const root: Scope = { nodes, target: '', sourceBase: '', insideEach: false, taken: new Set() };
  const currency = bestMatch(nodes, query(ORDER_FIELDS.find((f) => f.pointer === '/currency')!, root, guesses));
  const money = moneyReading(currency, guesses);
  for (const group of GROUPS) guessGroup(group, root, money, guesses);
  for (const target of ORDER_FIELDS) {
    const field = guessValue(target, root, money, guesses);
    if (field) guesses.entries.push(field);
  }
  guessCustomerName(root, guesses);
  return guesses;
}

interface MoneyReading { atRoot: PipeStep; insideEach: PipeStep }

function moneyReading(currency: NameMatch | undefined, guesses: Guesses): MoneyReading {
  if (!currency) {
    guesses.checks.push('amounts are read with "cents" (2 decimals) because no currency was found: use { "minor": { "currencyPath": … } } once /currency is mapped');
    return { atRoot: 'cents', insideEach: 'cents' };
  }
  const path = pointerOf(currency.node.segments);
  return { atRoot: { minor: { currencyPath: path } }, insideEach: { minor: { currencyPath: `$${path}` } } };
}

function query(target: ValueTarget, scope: Scope, guesses: Guesses) {
  return {
    names: target.names,
    kind: 'value' as const,
    ...(target.under ? { under: target.under } : {}),
    accept: (node: SampleNode) => acceptable(target, node, scope, guesses),
  };
}

function acceptable(target: ValueTarget, node: SampleNode, scope: Scope, guesses: Guesses): boolean {
  const pointer = pointerOf(node.segments);
  if (scope.taken.has(pointer)) return false;
  if (isInexactInteger(node.value)) {
    const note = `${scope.sourceBase}${pointer} looks like ${scope.target}${target.pointer} but holds an integer beyond 2^53, which JSON cannot carry exactly: not used (ask the channel for it as text)`;
    if (!guesses.checks.includes(note)) guesses.checks.push(note);
    return false;
  }
  return isBlank(node.value) ? !target.required : canRead(target.reading, node.value);
}

/** The field for a target, or undefined (noted as a TODO when required) when nothing answers. */
function guessValue(target: ValueTarget, scope: Scope, money: MoneyReading, guesses: Guesses): DraftField | undefined {
  const found = bestMatch(scope.nodes, query(target, scope, guesses));
  const canonical = scope.target + target.pointer;
  if (found) return valueField(target, canonical, found, scope, money, guesses);
  const instead = scope.target === '/lines/*' && target.pointer === '/lineId' ? linePosition(guesses) : undefined;
  if (instead) return instead;
  if (target.required) guesses.todos.push(`${canonical}: nothing in the sample is named like ${target.names.slice(0, 4).join(', ')}…: map it by hand`);
  else guesses.skipped.push(canonical);
  return undefined;
}

function valueField(target: ValueTarget, canonical: string, found: NameMatch, scope: Scope, money: MoneyReading, guesses: Guesses): DraftField {
  const path = pointerOf(found.node.segments);
  scope.taken.add(path);
  const pipe = pipesFor(target.reading, found.node.value, scope.insideEach ? money.insideEach : money.atRoot);
  if (target.reading === 'phone' && isNationalPhone(found.node.value)) {
    guesses.checks.push(`${canonical}: the sample's number has no country code, so it is read as North American (+1): change defaultCountryCode if the channel is elsewhere`);
  }
  const spec: FieldSpec = {
    path, pipe,
    ...(target.zeroWhenMissing ? { default: '0' } : {}),
    ...(target.required ? {} : { optional: true }),
  };
  return { target: canonical, key: target.pointer, spec, source: path, matched: found.matched };
}

function guessGroup(group: GroupTarget, root: Scope, money: MoneyReading, guesses: Guesses): void {
  const found = group.kind === 'list' ? findLines(group, root) : bestMatch(root.nodes, {
    names: group.names, kind: 'object', accept: (node) => !root.taken.has(pointerOf(node.segments)),
  });
  if (!found) {
    if (group.required) guesses.todos.push(`${group.pointer}: no ${group.kind} named like ${group.names.slice(0, 4).join(', ')}… found: map it by hand`);
    else guesses.skipped.push(group.pointer);
    return;
  }
  const path = pointerOf(found.node.segments);
  root.taken.add(path);
  const inner = group.kind === 'list' ? elementNodes(found.node.value as unknown[]) : sampleNodes(found.node.value);
  const list = group.kind === 'list';
  const scope: Scope = {
    nodes: inner, target: list ? `${group.pointer}/*` : group.pointer, sourceBase: list ? `${path}/*` : path, insideEach: list, taken: new Set(),
  };
  for (const node of inner) root.taken.add(path + pointerOf(node.segments));
  const fields = group.fields.map((target) => guessValue(target, scope, money, guesses)).filter((f) => f !== undefined);
  if (fields.length === 0) return;
  const spec: FieldSpec = group.kind === 'list' ? { each: path } : { with: path, optional: true };
  const entry: DraftGroup = { target: group.pointer, key: group.pointer, spec, source: path, matched: found.matched, fields };
  guesses.entries.push(entry);
}

/** The lines: a list named like one, else the first list whose elements have a quantity. */
function findLines(group: GroupTarget, root: Scope): NameMatch | undefined {
  const named = bestMatch(root.nodes, { names: group.names, kind: 'list' });
  if (named) return named;
  const quantity = new Set(QUANTITY_NAMES.map(normaliseName));
  const node = root.nodes.find((n) => n.kind === 'list' && elementNodes(n.value as unknown[]).some((e) => quantity.has(normaliseName(e.segments.at(-1) ?? ''))));
  return node && { node, matched: node.segments.at(-1) ?? '' };
}

/** A line without an id of its own is named by its position in the list. */
function linePosition(guesses: Guesses): DraftField {
  guesses.checks.push('/lines/*/lineId: the line\'s position (lineNumber), as no line id was found: use the channel\'s own line id if it has one');
  return { target: '/lines/*/lineId', key: '/lineId', spec: { pipe: ['lineNumber', 'string'] }, source: '(its position in the list)', matched: '(its position in the list)' };
}

/** The customer's name: a name on the customer, else first and last name there, else the bill-to's name. */
function guessCustomerName(root: Scope, guesses: Guesses): void {
  const text = (node: SampleNode) => !root.taken.has(pointerOf(node.segments)) && canRead('text', node.value);
  for (const under of CUSTOMER_NAME.under) {
    const whole = bestMatch(root.nodes, { names: CUSTOMER_NAME.names, kind: 'value', under, accept: text });
    if (whole) return addName(guesses, { path: pointerOf(whole.node.segments), pipe: ['trim'], optional: true }, whole.matched);
    const first = bestMatch(root.nodes, { names: CUSTOMER_NAME.first, kind: 'value', under, accept: text });
    const parent = first?.node.segments.slice(0, -1).join('/');
    const siblings = root.nodes.filter((node) => node.segments.slice(0, -1).join('/') === parent);
    const last = first && bestMatch(siblings, { names: CUSTOMER_NAME.last, kind: 'value', accept: text });
    if (first && last) {
      const parts = [pointerOf(first.node.segments), pointerOf(last.node.segments)];
      return addName(guesses, { concat: parts, optional: true }, `${first.matched} + ${last.matched}`);
    }
  }
  guesses.skipped.push(CUSTOMER_NAME.pointer);
}

function addName(guesses: Guesses, spec: FieldSpec, matched: string): void {
  const source = spec.path ?? (spec.concat ?? []).join(' + ');
  guesses.entries.push({ target: CUSTOMER_NAME.pointer, key: CUSTOMER_NAME.pointer, spec, source, matched });
}
