/**
 * The reference docs, generated from the code into memory: each file of docs/reference/
 * with its text. Written by ./generate-reference.ts, compared with the committed files
 * by tests/unit/reference-docs.test.ts.
 */
import { discoverConnectors } from '../../src/registry/discover.js';
import { canonicalOrderReference } from './canonical-order-reference.js';
import { connectorsReference } from './connectors-reference.js';
import { mappingLanguageReference } from './mapping-language-reference.js';
import { statesAndEventsReference } from './states-and-events-reference.js';

export interface ReferenceDoc {
  /** Path from the project root. */
  file: string;
  text: string;
}

export async function renderReferenceDocs(): Promise<ReferenceDoc[]> {
  const registry = await discoverConnectors();
  return [
    { file: 'docs/reference/connectors.md', text: connectorsReference(registry.list()) },
    { file: 'docs/reference/mapping-language.md', text: mappingLanguageReference() },
    { file: 'docs/reference/canonical-order.md', text: canonicalOrderReference() },
    { file: 'docs/reference/states-and-events.md', text: statesAndEventsReference() },
  ];
}
