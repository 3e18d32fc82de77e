/** Customer identity across channels and what an agent's search text is taken to be. */
import { describe, expect, it } from 'vitest';
import { customerIdentity, normalizeName } from '../../src/customers/customer-identity.js';
import { classifyQuery } from '../../src/customers/find-customers.js';
import { newConfirmation } from '../../src/model/ids.js';

describe('customer identity', () => {
  it('is the account number, else the e-mail in any case, else the phone', () => {
    const byEmail = customerIdentity({ email: 'Ada@Example.com', phone: '+14155550123' });
    expect(byEmail).toEqual({ id: expect.stringMatching(/^C[0-9A-F]{20}$/), by: 'email' });
    expect(customerIdentity({ email: 'ada@example.com ' })?.id).toBe(byEmail?.id);
    expect(customerIdentity({ accountNumber: 'A-1', email: 'ada@example.com' })).toMatchObject({ by: 'account' });
    expect(customerIdentity({ phone: '+14155550123' })).toMatchObject({ by: 'phone' });
    expect(customerIdentity({ name: 'Ada' })).toBeUndefined();
  });

  it('searches names without case, accents or punctuation', () => {
    expect(normalizeName('  Zoë  O\'Brien-Smith ')).toBe('zoe o brien smith');
  });
});

describe('what the agent typed', () => {
  it('tells phone numbers, e-mails, codes, order numbers and names apart', () => {
    const code = newConfirmation();
    expect(classifyQuery('(415) 555-0123')).toEqual({ kind: 'phone', value: '+14155550123', raw: '(415) 555-0123' });
    expect(classifyQuery('+44 20 7946 0958')).toMatchObject({ kind: 'phone', value: '+442079460958' });
    expect(classifyQuery('1 415 555 0123')).toMatchObject({ kind: 'phone', value: '+14155550123' });
    expect(classifyQuery(' Ada@Example.COM ')).toEqual({ kind: 'email', value: 'ada@example.com' });
    expect(classifyQuery(code.toLowerCase())).toEqual({ kind: 'confirmation', value: code });
    expect(classifyQuery('01kaaaaaaaaaaaaaaaaaaaaaaa')).toEqual({ kind: 'order', value: '01KAAAAAAAAAAAAAAAAAAAAAAA' });
    expect(classifyQuery('#1042')).toEqual({ kind: 'order', value: '#1042' });
    expect(classifyQuery('Hamil')).toEqual({ kind: 'name', value: 'hamil' });
  });
});
