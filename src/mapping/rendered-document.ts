/**
 * What rendering a mapping returns: the text, its content type, the encoded bytes, the
 * warnings (text cut to fit, characters replaced) and how many records of each kind were
 * written. For object, json and xml mappings the bytes are UTF-8 and made on first use,
 * and bytes, warnings and stats are getters rather than own properties, so
 * `{ body, contentType }` comparisons and spreads stay what they were.
 */

export interface RenderStats {
  /** Records written per record name (empty for object, json and xml mappings). */
  readonly records: Readonly<Record<string, number>>;
}

export interface RenderedDocument {
  readonly body: string;
  readonly contentType: string;
  /** The body encoded: UTF-8, or the layout's encoding. */
  readonly bytes: Buffer;
  /** One line per truncation or replaced character, naming the record number, record name and field. */
  readonly warnings: readonly string[];
  readonly stats: RenderStats;
}

const NO_WARNINGS: readonly string[] = Object.freeze([]);
const NO_STATS: RenderStats = Object.freeze({ records: Object.freeze({}) });

/** A rendered object, json or xml document: body and contentType are its own properties, the rest getters. */
class RenderedText implements RenderedDocument {
  #bytes: Buffer | undefined;

  constructor(readonly body: string, readonly contentType: string) {}

  get bytes(): Buffer {
    this.#bytes ??= Buffer.from(this.body, 'utf8');
    return this.#bytes;
  }

  get warnings(): readonly string[] {
    return NO_WARNINGS;
  }

  get stats(): RenderStats {
    return NO_STATS;
  }
}

export function renderedText(body: string, contentType: string): RenderedDocument {
  return new RenderedText(body, contentType);
}
