/**
 * Notice templates: Handlebars files per brand, one plain-text and one HTML template per
 * event, plus shared partials. A brand's folder overrides any of them file by file; what
 * it does not override comes from the `default` brand that ships in `../templates/default`.
 * Each folder is read and compiled once, then cached. Plain text is compiled without
 * escaping; HTML escapes every `{{value}}`, and an HTML template or partial that would
 * output anything unescaped (`{{{…}}}`, `{{&…}}`) is refused when loaded.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Handlebars from 'handlebars';
import { NOTICE_EVENTS, type NoticeEvent } from './notice-event.js';

/** A sender identity and, optionally, its own templates. */
export interface Brand {
  id: string;
  /** Shown in the e-mails ("Thank you for shopping with …"). */
  name: string;
  /** The From address. */
  from: string;
  replyTo?: string;
  /** Where customers get help: an http(s) or mailto URL. */
  supportUrl?: string;
  /** Folder with this brand's `<event>.txt.hbs`, `<event>.html.hbs` and `partials/`; absolute, or relative to the working directory. */
  templatesDir?: string;
}

/** The two template files of an event. */
export type TemplateFormat = 'txt' | 'html';
export const TEMPLATE_FORMATS: readonly TemplateFormat[] = ['txt', 'html'];
/** What a template set renders: the subject (first line of the .txt file), the rest of it, the HTML. */
export type TemplatePart = 'subject' | TemplateFormat;

/** The compiled templates of one brand folder (with the default brand's beneath). */
export interface TemplateSet {
  /** The folder the set was loaded from (the default folder for the default brand). */
  dir: string;
  render(event: NoticeEvent, part: TemplatePart, context: object): string;
  /** Which file each event's part comes from, for diagnostics and tests. */
  source(event: NoticeEvent, part: TemplatePart): string;
}

const here = dirname(fileURLToPath(import.meta.url));
let defaultDir: string | undefined;

/**
 * The `default` brand's folder: `templates/default` beside `render/`. From a build in
 * `dist/` the folder is looked for beside the compiled code first, then in the source
 * tree the build came from.
 */
export function defaultTemplatesDir(): string {
  if (defaultDir === undefined) {
    const candidates = [
      resolve(here, '..', 'templates', 'default'),
      resolve(here, '..', '..', '..', '..', 'connectors', 'customer-email', 'templates', 'default'),
    ];
    defaultDir = candidates.find((dir) => existsSync(dir)) ?? candidates[0]!;
  }
  return defaultDir;
}

const cache = new Map<string, TemplateSet>();

/** The compiled templates for `brand` (its folder over the default one), compiled once. */
export function templatesFor(brand: Pick<Brand, 'templatesDir'>): TemplateSet {
  const dir = brand.templatesDir ? resolve(brand.templatesDir) : defaultTemplatesDir();
  let set = cache.get(dir);
  if (!set) {
    set = loadTemplateSet(dir, defaultTemplatesDir());
    cache.set(dir, set);
  }
  return set;
}

/** Forgets every compiled template (after templates were edited on disk). */
export function clearTemplateCache(): void {
  cache.clear();
}

/** Reads and compiles every template of `dir`, falling back to `fallbackDir` file by file. */
export function loadTemplateSet(dir: string, fallbackDir: string): TemplateSet {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new Error(`templates folder ${dir} does not exist; fix the brand's templatesDir setting`);
  }
  const folders = dir === fallbackDir ? [fallbackDir] : [fallbackDir, dir];
  const compiled = new Map<string, HandlebarsTemplateDelegate>();
  const sources = new Map<string, string>();
  for (const format of TEMPLATE_FORMATS) {
    const env = Handlebars.create();
    env.registerHelper('eq', (a: unknown, b: unknown) => a === b);
    const options: CompileOptions = { strict: true, noEscape: format === 'txt' };
    for (const [name, file] of partialFiles(folders, format)) {
      env.registerPartial(name, env.compile(checked(file, format, false), options));
    }
    for (const event of NOTICE_EVENTS) {
      const file = [...folders].reverse().map((folder) => join(folder, `${event}.${format}.hbs`)).find((f) => existsSync(f));
      if (!file) throw new Error(`no ${format} template for "${event}": ${join(fallbackDir, `${event}.${format}.hbs`)} is missing`);
      const source = checked(file, format, true);
      if (format === 'txt') {
        // The first line is the subject; the body keeps its line numbers for error messages.
        const newline = source.indexOf('\n');
        const subject = (newline === -1 ? source : source.slice(0, newline)).replace(/^Subject:/, '');
        compiled.set(`${event}.subject`, env.compile(subject, options));
        sources.set(`${event}.subject`, file);
        compiled.set(`${event}.txt`, env.compile(newline === -1 ? '' : source.slice(newline), options));
      } else {
        compiled.set(`${event}.${format}`, env.compile(source, options));
      }
      sources.set(`${event}.${format}`, file);
    }
  }
  return {
    dir,
    render(event, part, context) {
      const template = compiled.get(`${event}.${part}`);
      if (!template) throw new Error(`unknown notice event "${event}"`);
      try {
        return template(context);
      } catch (error) {
        throw new Error(`template ${sources.get(`${event}.${part}`)}: ${(error as Error).message}`, { cause: error });
      }
    },
    source: (event, part) => sources.get(`${event}.${part}`) ?? '',
  };
}

/** Partial name → file; a later folder's partial replaces an earlier one's of the same name. */
function partialFiles(folders: string[], format: TemplateFormat): Map<string, string> {
  const suffix = `.${format}.hbs`;
  const files = new Map<string, string>();
  for (const folder of folders) {
    const partials = join(folder, 'partials');
    if (!existsSync(partials)) continue;
    for (const name of readdirSync(partials).sort()) {
      if (name.endsWith(suffix)) files.set(name.slice(0, -suffix.length), join(partials, name));
    }
  }
  return files;
}

/**
 * The template's text once it is known to parse; an event's plain-text template must
 * start with its `Subject:` line, and nothing in an HTML one may be output unescaped.
 */
function checked(file: string, format: TemplateFormat, isEvent: boolean): string {
  const source = readFileSync(file, 'utf8');
  let ast: hbs.AST.Program;
  try {
    ast = Handlebars.parse(source);
  } catch (error) {
    throw new Error(`template ${file} does not parse: ${(error as Error).message}`, { cause: error });
  }
  if (format === 'txt' && isEvent && !/^Subject:[^\n]*\S/.test(source)) {
    throw new Error(`template ${file} must start with a "Subject: …" line`);
  }
  if (format === 'html') {
    const raw = unescapedOutputs(ast);
    if (raw.length > 0) {
      throw new Error(`template ${file} outputs without HTML escaping (line ${raw.join(', ')}): use {{value}}, never {{{value}}} or {{&value}}`);
    }
  }
  return source;
}

/** Lines of every `{{{…}}}` or `{{&…}}` in a parsed template. */
function unescapedOutputs(node: unknown, found: number[] = []): number[] {
  if (Array.isArray(node)) {
    for (const child of node) unescapedOutputs(child, found);
  } else if (node && typeof node === 'object') {
    const n = node as { type?: string; escaped?: boolean; loc?: { start: { line: number } } };
    if (n.type === 'MustacheStatement' && n.escaped === false) found.push(n.loc?.start.line ?? 0);
    for (const [key, value] of Object.entries(node)) if (key !== 'loc') unescapedOutputs(value, found);
  }
  return found;
}
