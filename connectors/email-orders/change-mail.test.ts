/** Reading a customer's change request from an e-mail: the order's code, the instructions, what is not one. */
import { describe, expect, it } from 'vitest';
import { readChangeMail } from './change-mail.js';
import type { MailFacts } from './read-mail.js';

function mail(subject: string, text: string, from = 'Ada@Example.com'): MailFacts {
  return { parsed: {} as MailFacts['parsed'], from: { address: from }, subject, text, attachments: [], dedupKey: 'k1', reference: 'r' };
}

describe('a change request by e-mail', () => {
  it('reads every kind of instruction, in order, before the quoted part', () => {
    const ask = readChangeMail(mail('Change to order K7QM-4TX9P', [
      'Hello,', '', 'line 1 quantity 3', '- line 2: change to blouse-nvy-m', 'cancel line 3', '',
      'On Mon, Dec 1, 2026, Demo Shop wrote:', '> cancel order',
    ].join('\n')));
    expect(ask).toEqual({
      dedupKey: 'k1', confirmation: 'K7QM-4TX9P', from: 'ada@example.com',
      operations: [
        { op: 'set_quantity', lineNumber: 1, quantity: 3 },
        { op: 'change_sku', lineNumber: 2, sku: 'BLOUSE-NVY-M' },
        { op: 'cancel_line', lineNumber: 3 },
      ],
    });
  });

  it('a subject that says cancel, with nothing else, cancels the order', () => {
    expect(readChangeMail(mail('Please cancel my order k7qm4tx9p', 'Thanks, Ada'))?.operations).toEqual([{ op: 'cancel_order', reason: 'asked by e-mail' }]);
  });

  it('is not a change request without a code, without a word of change, or without an instruction', () => {
    expect(readChangeMail(mail('Cancel my order', 'cancel order'))).toBeUndefined();
    expect(readChangeMail(mail('Order K7QM-4TX9P', 'cancel order'))).toBeUndefined();
    expect(readChangeMail(mail('Change to order K7QM-4TX9P', 'Can you make it green?'))).toBeUndefined();
  });
});
