/**
 * A customer's e-mail asking to change or cancel an order: the subject names the order's
 * confirmation code with "change" or "cancel" ("Cancel order K7QM-4TX9P", "Re: Order
 * K7QM-4TX9P: change"), and the body says what, one instruction per line:
 *
 *   cancel order              cancel line 2
 *   line 1 quantity 3         line 1 change to BLOUSE-NVY-M
 *
 * A subject that says cancel with no instruction in the body cancels the order. Lines that
 * are not instructions (greetings, the quoted notice) are ignored; a message with no
 * instruction it can read is not a change request (it goes where other mail goes). The
 * hub finds the order, checks that the sender is its customer, and judges the change.
 */
import type { AskedChange, ChangeAskIn } from '../../src/sdk/index.js';
import type { MailFacts } from './read-mail.js';

const CODE = /\b([0-9A-Z]{4}-?[0-9A-Z]{5})\b/i;
const ABOUT_CHANGE = /\b(change|cancel|modify|amend)\b/i;

const INSTRUCTIONS: Array<[RegExp, (m: RegExpMatchArray) => AskedChange]> = [
  [/^cancel\s+(?:the\s+|my\s+)?(?:whole\s+)?order\b/i, () => ({ op: 'cancel_order', reason: 'asked by e-mail' })],
  [/^cancel\s+line\s+(\d{1,3})\b/i, (m) => ({ op: 'cancel_line', lineNumber: Number(m[1]) })],
  [/^line\s+(\d{1,3})\s*:?\s*(?:quantity|qty)\s*:?\s*(\d{1,4})\b/i, (m) => ({ op: 'set_quantity', lineNumber: Number(m[1]), quantity: Number(m[2]) })],
  [/^line\s+(\d{1,3})\s*:?\s*(?:change\s+to|sku|item)\s*:?\s*([A-Z0-9][A-Z0-9._-]{0,63})\s*$/i, (m) => ({ op: 'change_sku', lineNumber: Number(m[1]), sku: m[2]!.toUpperCase() })],
];

/** The change the message asks for, or undefined when it is not a change request. */
export function readChangeMail(mail: MailFacts): Pick<ChangeAskIn, 'dedupKey' | 'confirmation' | 'from' | 'operations'> | undefined {
  const code = CODE.exec(mail.subject)?.[1];
  if (!code || !ABOUT_CHANGE.test(mail.subject) || !mail.from?.address) return undefined;
  const operations = instructions(mail.text);
  if (operations.length === 0 && /\bcancel\b/i.test(mail.subject)) operations.push({ op: 'cancel_order', reason: 'asked by e-mail' });
  if (operations.length === 0) return undefined;
  return { dedupKey: mail.dedupKey, confirmation: code.toUpperCase(), from: mail.from.address.toLowerCase(), operations };
}

/** Instructions of the body, before the quoted part of a reply. */
function instructions(text: string): AskedChange[] {
  const found: AskedChange[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim().replace(/^[-*•]\s*/, '');
    if (line.startsWith('>') || /^on .+ wrote:$/i.test(line)) break;
    for (const [pattern, make] of INSTRUCTIONS) {
      const match = pattern.exec(line);
      if (match) {
        found.push(make(match));
        break;
      }
    }
  }
  return found.slice(0, 50);
}
