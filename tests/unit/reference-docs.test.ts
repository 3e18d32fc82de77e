/**
 * The reference docs in docs/reference/ are what the code says now: regenerated into
 * memory and compared with the committed files. When a connector, a pipe, the canonical
 * schema or the order states change, `npm run docs:reference` writes them again. The
 * generator also refuses a canonical field, state, event or parcel status without a
 * description, so none is ever left unexplained.
 */
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PIPE_NAMES } from '../../src/mapping/index.js';
import { ORDER_STATES, PARCEL_STATUSES, STATUS_EVENT_TYPES } from '../../src/model/status.js';
import { renderReferenceDocs } from '../../scripts/docs/reference-docs.js';

const ROOT = resolve(import.meta.dirname, '../..');
const docs = await renderReferenceDocs();

async function committed(file: string): Promise<string> {
  return readFile(join(ROOT, file), 'utf8').catch(() => '(missing)');
}

describe('docs/reference', () => {
  for (const doc of docs) {
    it(`${doc.file} is up to date`, async () => {
      expect(await committed(doc.file) === doc.text, `${doc.file} differs from what the code says now: run npm run docs:reference`).toBe(true);
    });
  }

  it('lists every pipe with its description, and every state, event and parcel status', () => {
    const text = (file: string) => docs.find((doc) => doc.file === file)!.text;
    for (const pipe of PIPE_NAMES) expect(text('docs/reference/mapping-language.md')).toMatch(new RegExp(`^\\| \`${pipe}\` \\| \\S`, 'm'));
    for (const value of [...ORDER_STATES, ...STATUS_EVENT_TYPES, ...PARCEL_STATUSES]) {
      expect(text('docs/reference/states-and-events.md')).toMatch(new RegExp(`^\\| \`${value}\` \\| \\S`, 'm'));
    }
    expect(text('docs/reference/canonical-order.md')).toContain('| `/lines/*/unitPrice` | integer | yes | at least 0 |');
    expect(text('docs/reference/connectors.md')).toContain('| `webhookSecret` | string, at least 16 characters |  |  | secret |');
    expect(text('docs/reference/connectors.md')).toContain('| `pull.apiToken` | string, not empty |  | with `pull` | secret |');
  });
});
