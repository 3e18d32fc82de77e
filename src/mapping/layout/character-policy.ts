/**
 * What happens to a character a layout file cannot hold (not in the encoding, or a line
 * break inside a fixed-width field): by default the record is refused with a problem
 * naming the record, the field and the character
 * (`record 3 (O) field shipToName: "Ł" (U+0141) cannot be written in ISO-8859-1`);
 * with `"unencodable": "replace"` it becomes `?`, and with `"transliterate"` its closest
 * plain form (– → -, Ł → L; `?` when there is none); either way a warning says so.
 */
import type { RenderRun } from './render-run.js';
import { describeCharacter, type CharacterCheck } from './text-encoding.js';
import { transliterate } from './transliterate.js';

export type UnencodablePolicy = 'error' | 'replace' | 'transliterate';

/** The text as it can be written, or undefined when it was refused (problem recorded). */
export type CleanText = (text: string, where: string, run: RenderRun) => string | undefined;

export function compileCharacterPolicy(check: CharacterCheck, policy: UnencodablePolicy): CleanText {
  if (policy === 'transliterate') {
    return (text, where, run) => {
      if (check.find(text) === undefined) return text;
      const changed = new Map<string, string>();
      const clean = [...text].map((character) => {
        if (check.find(character) === undefined) return character;
        const plain = transliterate(character);
        const written = check.find(plain) === undefined ? plain : '?';
        changed.set(character, written);
        return written;
      }).join('');
      const list = [...changed].map(([from, to]) => `${describeCharacter(from)} → ${JSON.stringify(to)}`).join(', ');
      run.warnings.push(`${where}: ${list} (${check.reason([...changed.keys()][0] ?? '')})`);
      return clean;
    };
  }
  if (policy === 'replace') {
    return (text, where, run) => {
      if (check.find(text) === undefined) return text;
      const { text: clean, replaced } = check.replace(text);
      const characters = [...new Set(replaced)].map(describeCharacter).join(', ');
      run.warnings.push(`${where}: ${characters} replaced by "?" (${check.reason(replaced[0] ?? '')})`);
      return clean;
    };
  }
  return (text, where, run) => {
    const character = check.find(text);
    if (character === undefined) return text;
    run.problems.push({ target: where, source: '', message: `${describeCharacter(character)} ${check.reason(character)}` });
    return undefined;
  };
}
