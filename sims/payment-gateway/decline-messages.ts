/** What each decline code means, in words a store agent can read to the customer. */

const DECLINE_MESSAGES: Record<string, string> = {
  card_declined: 'the card issuer declined the payment: ask the customer for another card',
  insufficient_funds: 'the card has too little credit left: ask the customer for another card or a smaller amount',
};

export function declineMessage(code: string): string {
  return DECLINE_MESSAGES[code] ?? `declined (${code})`;
}
