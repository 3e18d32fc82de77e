/**
 * Turns the target pointers of a group of fields into a tree, once, and compiles it into
 * an evaluator that builds the output object: keys in the order the fields are written,
 * intermediate objects created as needed, and dropped again when every field below them
 * was omitted (so an absent optional address does not become `{}`). A level whose keys
 * are all array indexes (`/a/0`, `/a/1`) becomes an array of the values that are present.
 */
import { reportCompileProblem, type CompileContext, type TargetNames } from './compile-context.js';
import { compileField } from './compile-field.js';
import { escapeSegment, formatPointer, isArrayIndex, parsePointer } from './json-pointer.js';
import type { FieldsSpec } from './mapping-file-types.js';
import { OMIT, type Evaluate } from './scope.js';

interface Leaf { readonly kind: 'leaf'; readonly evaluate: Evaluate }
interface Branch { readonly kind: 'branch'; readonly children: Map<string, TreeNode> }
type TreeNode = Leaf | Branch;

/** The evaluator of a group builds an object, or returns OMIT when every field was omitted. */
export function compileGroup(fields: FieldsSpec, at: string, context: CompileContext): Evaluate {
  const root: Branch = { kind: 'branch', children: new Map() };
  for (const [target, spec] of Object.entries(fields)) {
    const fieldAt = `${at}/${escapeSegment(target)}`;
    const segments = parsePointer(target);
    const badName = segments.find((segment) => !isAllowedName(segment, context.targetNames));
    if (badName !== undefined) {
      reportCompileProblem(context, fieldAt, `"${badName}" is not an XML element or attribute name (target ${target})`);
      continue;
    }
    const conflict = insert(root, segments, { kind: 'leaf', evaluate: compileField(spec, target, fieldAt, context) });
    if (conflict !== undefined) {
      reportCompileProblem(context, fieldAt, `target ${target} overlaps target ${conflict}`);
    }
  }
  return compileBranch(root, true);
}

/** Adds a leaf; returns the pointer of the field it would overwrite or nest under, if any. */
function insert(root: Branch, segments: readonly string[], leaf: Leaf): string | undefined {
  let branch = root;
  for (let i = 0; i < segments.length - 1; i++) {
    const segment = segments[i]!;
    const existing = branch.children.get(segment);
    if (existing?.kind === 'leaf') return formatPointer(segments.slice(0, i + 1));
    const next: Branch = existing ?? { kind: 'branch', children: new Map() };
    branch.children.set(segment, next);
    branch = next;
  }
  const last = segments[segments.length - 1]!;
  const existing = branch.children.get(last);
  if (existing) return formatPointer([...segments, ...firstLeafBelow(existing)]);
  branch.children.set(last, leaf);
  return undefined;
}

/** Segments from a node down to its first field, to name the field a new target collides with. */
function firstLeafBelow(node: TreeNode): string[] {
  if (node.kind === 'leaf') return [];
  for (const [key, child] of node.children) return [key, ...firstLeafBelow(child)];
  return [];
}

function compileNode(node: TreeNode): Evaluate {
  return node.kind === 'leaf' ? node.evaluate : compileBranch(node, false);
}

function compileBranch(branch: Branch, isGroupRoot: boolean): Evaluate {
  const entries = [...branch.children].map(([key, child]) => ({ key, evaluate: compileNode(child) }));
  if (!isGroupRoot && entries.every(({ key }) => isArrayIndex(key))) {
    const ordered = entries.sort((a, b) => Number(a.key) - Number(b.key)).map(({ evaluate }) => evaluate);
    return (scope, run) => {
      const out: unknown[] = [];
      for (const evaluate of ordered) {
        const value = evaluate(scope, run);
        if (value !== OMIT) out.push(value);
      }
      return out.length === 0 ? OMIT : out;
    };
  }
  const keys = entries.map(({ key }) => key);
  const evaluators = entries.map(({ evaluate }) => evaluate);
  return (scope, run) => {
    const out: Record<string, unknown> = {};
    let written = false;
    for (let i = 0; i < keys.length; i++) {
      const value = evaluators[i]!(scope, run);
      if (value === OMIT) continue;
      out[keys[i]!] = value;
      written = true;
    }
    return written ? out : OMIT;
  };
}

const XML_NAME = /^@?[A-Za-z_][A-Za-z0-9._:-]*$/;

function isAllowedName(segment: string, names: TargetNames): boolean {
  if (segment === '__proto__') return false;
  if (names === 'json') return true;
  return XML_NAME.test(segment) || segment === '#text' || isArrayIndex(segment);
}
