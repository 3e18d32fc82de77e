/** Gateway authorization answers as the hub's AuthorizationResult. */
import { describe, expect, it } from 'vitest';
import { readAuthorization, readSettledAmount } from './authorization-answer.js';

describe('authorization answers', () => {
  it('reads approved and partially approved as approvals of the approved amount', () => {
    expect(readAuthorization({ id: 'auth_1', status: 'approved', approvedAmount: 4000 }, 4000, 'x'))
      .toEqual({ outcome: 'approved', authorizationId: 'auth_1', amount: 4000 });
    expect(readAuthorization({ id: 'auth_2', status: 'partially_approved', approvedAmount: 5000 }, 8000, 'x'))
      .toEqual({ outcome: 'approved', authorizationId: 'auth_2', amount: 5000 });
  });

  it('reads a decline with a readable reason and the gateway code', () => {
    expect(readAuthorization({ id: 'auth_3', status: 'declined', approvedAmount: 0, declineCode: 'insufficient_funds' }, 100, 'x'))
      .toEqual({ outcome: 'declined', reason: 'the card has too little credit left', code: 'insufficient_funds' });
    expect(readAuthorization({ status: 'declined', declineCode: 'do_not_honor', declineMessage: 'Do not honor' }, 100, 'x'))
      .toEqual({ outcome: 'declined', reason: 'Do not honor', code: 'do_not_honor' });
  });

  it('refuses answers it cannot trust as permanent errors', () => {
    expect(() => readAuthorization({ id: 'a', status: 'pending' }, 100, 'auth for O1')).toThrow(/unknown status "pending"/);
    expect(() => readAuthorization({ status: 'approved', approvedAmount: 100 }, 100, 'x')).toThrow(/without an authorization id/);
    expect(() => readAuthorization({ id: 'a', status: 'approved', approvedAmount: 200 }, 100, 'x')).toThrow(/200 for 100 asked/);
    expect(() => readSettledAmount({ amount: 0 }, 100, 'x')).toThrow(/amount of 0 for 100 asked/);
    expect(readSettledAmount({ amount: 60 }, 100, 'x')).toBe(60);
  });
});
