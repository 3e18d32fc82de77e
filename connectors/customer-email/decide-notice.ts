/**
 * Whether a change of an order calls for an e-mail to its customer, and to which address:
 * none without an address; the first notice of an order is always its acknowledgement;
 * optional events are skipped when the instance sends essential ones only or the
 * customer opted out (`customer.notices: essential`).
 */
import type { Notice } from '../../src/sdk/index.js';
import type { CustomerEmailConfig } from './config.js';
import { eventForChange, isEssential, type NoticeEvent } from './render/notice-event.js';

export type Decision = { event: NoticeEvent; address: string } | { skip: string };

export function decide(config: Pick<CustomerEmailConfig, 'sendOptional'>, notice: Notice): Decision {
  const address = notice.order.customer?.email;
  if (!address) return { skip: 'the order has no e-mail address' };
  // The first notice of an order is its acknowledgement, whatever state capture left it in;
  // the answer to a change the customer asked for is told as such.
  const event = notice.change ? (notice.change.outcome === 'accepted' ? 'change_accepted' : 'change_refused')
    : notice.previous ? eventForChange(notice.previous, notice.status) : 'received';
  if (!event) return { skip: `nothing the customer needs to hear (${notice.state})` };
  if (!isEssential(event) && (!config.sendOptional || notice.order.customer?.notices === 'essential')) {
    return { skip: `${event} is optional and the customer takes essential notices only` };
  }
  return { event, address };
}
