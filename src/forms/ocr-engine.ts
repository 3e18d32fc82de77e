/**
 * The OCR engine the form reader uses: tesseract.js (WebAssembly Tesseract in worker
 * threads), fully offline. The language data comes from the `@tesseract.js-data/eng`
 * npm package (gzipped traineddata read from node_modules), the wasm core from the local
 * `tesseract.js-core` dependency; nothing is fetched and nothing is cached on disk.
 *
 * Single characters ('char' mode) are read by two different Tesseract engines and the
 * answers combined: the legacy shape classifier (good at isolated glyphs) and the LSTM
 * network. When both agree the reading is trustworthy; when they disagree the legacy
 * answer is kept with a sharply reduced confidence so that a person looks at it. Lines
 * ('line' mode) are read by the LSTM engine only.
 *
 * Workers start lazily on the first `recognize` (once: start-up loads and unpacks the
 * language data, ~0.3-0.5 s) and `close()` terminates them so the process can exit.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import Tesseract from 'tesseract.js';

export interface OcrSymbol {
  text: string;
  /** 0-100. */
  confidence: number;
}

export interface OcrResult {
  text: string;
  /** 0-100: for 'char' the combined character confidence, for 'line' the weakest symbol's. */
  confidence: number;
  symbols: OcrSymbol[];
  /** 'char' mode: what each engine read (for callers that settle look-alikes such as O/0 by shape). */
  readings?: Array<{ engine: 'legacy' | 'lstm'; text: string; confidence: number }>;
}

export interface OcrRecognizeOptions {
  charset: 'digits' | 'alnum' | 'text';
  mode: 'char' | 'line';
}

export interface OcrEngine {
  recognize(png: Buffer, options: OcrRecognizeOptions): Promise<OcrResult>;
  close(): Promise<void>;
}

export interface OcrEngineOptions {
  /** Worker pairs (one legacy + one LSTM worker each); default 1, which keeps both cores of a 2-core machine busy. */
  workers?: number;
  /**
   * Which engines read single characters: 'both' (default, combined), or one of them
   * alone (for measurements). Lines always use the LSTM engine.
   */
  charEngines?: 'both' | 'legacy' | 'lstm';
}

export const DIGITS = '0123456789';
export const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** Confidence factor of a character the two engines disagree on (see `combineChar`). */
const DISAGREEMENT_FACTOR = 0.5;
/** Confidence factor of a letter the LSTM took for a look-alike digit (see `combineChar`). */
const LETTER_OVER_DIGIT_FACTOR = 0.85;

const require = createRequire(import.meta.url);

/** Where the `eng` traineddata of `@tesseract.js-data/eng` lives: `<pkg>/4.0.0` (legacy + LSTM) and `<pkg>/4.0.0_best_int` (LSTM only). */
export function langDataPaths(): { legacy: string; lstm: string; gzip: boolean } {
  const pkg = require('@tesseract.js-data/eng') as { langPath: string; gzip: boolean };
  return { legacy: pkg.langPath, lstm: path.join(path.dirname(pkg.langPath), '4.0.0_best_int'), gzip: pkg.gzip };
}

type Scheduler = Tesseract.Scheduler;

interface Pools {
  legacy: Scheduler | null;
  lstm: Scheduler;
}

interface SymbolJson {
  text: string;
  confidence: number;
}
interface BlockJson {
  paragraphs?: Array<{ lines?: Array<{ words?: Array<{ symbols?: SymbolJson[] }> }> }>;
}

function symbolsOf(page: Tesseract.Page): OcrSymbol[] {
  const out: OcrSymbol[] = [];
  const blocks = (page.blocks ?? []) as unknown as BlockJson[];
  for (const block of blocks) {
    for (const paragraph of block.paragraphs ?? []) {
      for (const line of paragraph.lines ?? []) {
        for (const word of line.words ?? []) {
          for (const symbol of word.symbols ?? []) {
            out.push({ text: symbol.text, confidence: clampConfidence(symbol.confidence) });
          }
        }
      }
    }
  }
  return out;
}

function clampConfidence(c: number): number {
  return Number.isFinite(c) ? Math.max(0, Math.min(100, c)) : 0;
}

/** One engine's reading of a single-character image: its text (symbols joined) and weakest symbol confidence. */
function charReading(symbols: OcrSymbol[]): OcrResult {
  const text = symbols.map((s) => s.text).join('');
  const confidence = symbols.length > 0 ? Math.min(...symbols.map((s) => s.confidence)) : 0;
  return { text, confidence, symbols };
}

const DIGIT = /^[0-9]$/;
const LETTER = /^[A-Z]$/;

/**
 * Combines the legacy and LSTM readings of one character:
 * - both read the same single character: that character, at their mean confidence;
 * - an alnum box where the legacy engine reads a letter and the LSTM a digit (other than
 *   O/0): the letter at `LETTER_OVER_DIGIT_FACTOR` × the legacy confidence. In single-
 *   character mode the LSTM leans towards digits for letter shapes (I→1, Z→7, G→6, S→5,
 *   B→8), where the legacy classifier was right in every case we measured;
 * - any other disagreement: the more confident engine's character (of those that read
 *   exactly one) at `DISAGREEMENT_FACTOR` × its confidence, so that a person looks at it;
 * - no single character from either: empty text, confidence 0.
 */
export function combineChar(legacy: OcrResult, lstm: OcrResult, charset: OcrRecognizeOptions['charset'] = 'alnum'): OcrResult {
  const readings: NonNullable<OcrResult['readings']> = [
    { engine: 'legacy', text: legacy.text, confidence: legacy.confidence },
    { engine: 'lstm', text: lstm.text, confidence: lstm.confidence },
  ];
  const result = (text: string, confidence: number): OcrResult => ({ text, confidence, symbols: text ? [{ text, confidence }] : [], readings });
  const l = legacy.text.length === 1 ? legacy : null;
  const n = lstm.text.length === 1 ? lstm : null;
  if (l && n && l.text === n.text) return result(l.text, (l.confidence + n.confidence) / 2);
  if (charset === 'alnum' && l && n && LETTER.test(l.text) && DIGIT.test(n.text) && !(l.text === 'O' && n.text === '0')) {
    return result(l.text, l.confidence * LETTER_OVER_DIGIT_FACTOR);
  }
  const pick = l && n ? (n.confidence > l.confidence ? n : l) : (l ?? n);
  if (!pick) return result('', 0);
  return result(pick.text, pick.confidence * DISAGREEMENT_FACTOR);
}

function whitelistOf(charset: OcrRecognizeOptions['charset']): string {
  return charset === 'digits' ? DIGITS : charset === 'alnum' ? ALNUM : '';
}

export async function createOcrEngine(options: OcrEngineOptions = {}): Promise<OcrEngine> {
  const workers = Math.max(1, Math.floor(options.workers ?? 1));
  const charEngines = options.charEngines ?? 'both';
  const data = langDataPaths();
  let pools: Promise<Pools> | null = null;
  let closed = false;

  // tesseract.js never settles createWorker when loading the language data fails (it only
  // reports it to errorHandler): turn that report into a rejection.
  const newWorker = (oem: Tesseract.OEM, langPath: string) =>
    new Promise<Tesseract.Worker>((resolve, reject) => {
      let started = false;
      Tesseract.createWorker('eng', oem, {
        langPath,
        gzip: data.gzip,
        // No cache: never read or write `<cwd>/eng.traineddata`.
        cacheMethod: 'none',
        logger: () => {},
        errorHandler: (err: unknown) => {
          if (!started) reject(new Error(`tesseract worker failed to start: ${String(err)}`));
        },
      }).then((worker) => {
        started = true;
        resolve(worker);
      }, reject);
    });

  async function newScheduler(oem: Tesseract.OEM, langPath: string): Promise<Scheduler> {
    const scheduler = Tesseract.createScheduler();
    try {
      const started = await Promise.all(Array.from({ length: workers }, () => newWorker(oem, langPath)));
      for (const worker of started) scheduler.addWorker(worker);
    } catch (err) {
      await scheduler.terminate().catch(() => {});
      throw err;
    }
    return scheduler;
  }

  async function start(): Promise<Pools> {
    const [legacy, lstm] = await Promise.allSettled([
      charEngines === 'lstm' ? Promise.resolve(null) : newScheduler(Tesseract.OEM.TESSERACT_ONLY, data.legacy),
      newScheduler(Tesseract.OEM.LSTM_ONLY, data.lstm),
    ]);
    if (legacy.status === 'rejected' || lstm.status === 'rejected') {
      if (legacy.status === 'fulfilled') await legacy.value?.terminate().catch(() => {});
      if (lstm.status === 'fulfilled') await lstm.value.terminate().catch(() => {});
      throw new Error(`OCR engine failed to start: ${String(legacy.status === 'rejected' ? legacy.reason : (lstm as PromiseRejectedResult).reason)}`);
    }
    return { legacy: legacy.value, lstm: lstm.value };
  }

  function getPools(): Promise<Pools> {
    if (closed) return Promise.reject(new Error('OCR engine is closed'));
    if (!pools) {
      pools = start();
      // A failed start may be retried by the next call.
      pools.catch(() => {
        pools = null;
      });
    }
    return pools;
  }

  async function run(scheduler: Scheduler, png: Buffer, params: Record<string, string>): Promise<{ text: string; symbols: OcrSymbol[] }> {
    const result = await scheduler.addJob(
      'recognize',
      png,
      // Tesseract parameters for this job only (tesseract.js restores them afterwards).
      params as unknown as Partial<Tesseract.RecognizeOptions>,
      { text: true, blocks: true },
    );
    return { text: result.data.text ?? '', symbols: symbolsOf(result.data) };
  }

  return {
    async recognize(png, { charset, mode }) {
      const { legacy, lstm } = await getPools();
      const params = {
        tessedit_pageseg_mode: mode === 'char' ? Tesseract.PSM.SINGLE_CHAR : Tesseract.PSM.SINGLE_LINE,
        tessedit_char_whitelist: whitelistOf(charset),
        // Our crops carry no resolution; this silences "Invalid resolution" and sizes the heuristics.
        user_defined_dpi: '300',
        // No learning between images: the legacy classifier would otherwise adapt to earlier
        // glyphs (it drifted to reading 4, 6, 9 and Q as 'A' after a few hundred boxes) and
        // results would depend on what was read before.
        classify_enable_learning: '0',
        classify_enable_adaptive_matcher: '0',
        tessedit_enable_doc_dict: '0',
        // Tesseract's diagnostics (e.g. statistics dumped for an empty image) go nowhere, not to stdout.
        debug_file: '/dev/null',
      };
      if (mode === 'line') {
        const { text, symbols } = await run(lstm, png, params);
        const confidence = symbols.length > 0 ? Math.min(...symbols.map((s) => s.confidence)) : 0;
        return { text: text.replace(/\s+/g, ' ').trim(), confidence, symbols };
      }
      // The LSTM reads a lone glyph far better as a one-word line (PSM 8) than in PSM 10,
      // where it returned nothing for about one glyph in ten (measured on DejaVu and hand glyphs).
      const lstmParams = { ...params, tessedit_pageseg_mode: Tesseract.PSM.SINGLE_WORD };
      if (charEngines === 'lstm' || !legacy) return charReading((await run(lstm, png, lstmParams)).symbols);
      if (charEngines === 'legacy') return charReading((await run(legacy, png, params)).symbols);
      const [l, n] = await Promise.all([run(legacy, png, params), run(lstm, png, lstmParams)]);
      return combineChar(charReading(l.symbols), charReading(n.symbols), charset);
    },
    async close() {
      closed = true;
      const current = pools;
      pools = null;
      if (!current) return;
      const started = await current.catch(() => null);
      if (!started) return;
      await Promise.all([started.legacy?.terminate(), started.lstm.terminate()].map((p) => Promise.resolve(p).catch(() => {})));
    },
  };
}
