/**
 * An object, json or xml mapping: the fields build one object from the input (for xml,
 * the element tree), and render writes it as JSON or XML text.
 */
import type { CompileContext } from './compile-context.js';
import { withContext, type MappingBehaviour } from './mapping-behaviour.js';
import { MappingError } from './mapping-error.js';
import type { DocumentMappingFile } from './mapping-file-types.js';
import { renderedText } from './rendered-document.js';
import { OMIT, rootScope, type Run } from './scope.js';
import { compileGroup } from './target-tree.js';
import { isPlainObject } from './values.js';
import { createXmlRenderer, XML_CONTENT_TYPE } from './xml-render.js';

export function compileDocument(mapping: DocumentMappingFile, context: CompileContext): MappingBehaviour {
  const build = compileGroup(mapping.fields, '/fields', context);
  const apply: MappingBehaviour['apply'] = (input, options) => {
    const run: Run = { problems: [] };
    const output = build(rootScope(withContext(input, options?.context)), run);
    if (run.problems.length > 0) throw new MappingError(mapping.id, run.problems);
    return output === OMIT || !isPlainObject(output) ? {} : output;
  };
  if (mapping.format === 'xml' && mapping.xml) {
    const toXml = createXmlRenderer(mapping.xml);
    return { apply, render: (input, options) => renderedText(toXml(apply(input, options)), XML_CONTENT_TYPE) };
  }
  return { apply, render: (input, options) => renderedText(jsonText(mapping.id, apply(input, options)), 'application/json') };
}

/**
 * The output as JSON. A value that a field copied from the input unchanged and JSON cannot
 * hold (a BigInt, a cycle) refuses the input with a MappingError, like any other value the
 * mapping cannot write, instead of escaping as a TypeError.
 */
function jsonText(mappingId: string, output: Record<string, unknown>): string {
  try {
    return JSON.stringify(output);
  } catch (error) {
    throw new MappingError(mappingId, [{ target: '/', source: '', message: `cannot be written as JSON: ${(error as Error).message}` }]);
  }
}
