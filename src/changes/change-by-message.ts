/**
 * A customer's change request that came as a message (an e-mail): the message is kept
 * (filed, with a note on the order's timeline when there is an order), the order is
 * found by its confirmation code, and the change is asked only when the sender is the
 * order's customer. A refusal is recorded, so the customer is told why. The same message
 * read twice asks once: the filing and the change both go by its dedup key.
 */
import { parseConfirmation } from '../model/ids.js';
import { fileItem } from '../pipeline/file-item.js';
import type { HubRuntime, LiveInstance } from '../pipeline/runtime.js';
import type { ChangeAskIn, ChangeAskReceipt } from '../sdk/connector.js';
import { requestChange } from './request-change.js';

export async function takeChangeAsk(runtime: HubRuntime, instance: LiveInstance, ask: ChangeAskIn): Promise<ChangeAskReceipt> {
  const code = parseConfirmation(ask.confirmation);
  const orderId = code ? await runtime.store.findByConfirmation(code) : undefined;
  const stored = orderId ? await runtime.store.get(orderId) : undefined;
  const customer = stored?.order?.customer.email?.toLowerCase();
  const problem = !stored ? `no order has the confirmation code ${ask.confirmation}`
    : !customer ? `order ${stored.confirmation} has no customer e-mail to check the sender against; an agent must confirm the change`
      : customer !== ask.from.toLowerCase() ? `the sender is not the customer of order ${stored.confirmation}; an agent must confirm the change with the customer`
        : undefined;
  const filed = await fileItem(runtime, instance, {
    dedupKey: ask.dedupKey, kind: problem ? 'change-request-unmatched' : 'change-request',
    reason: problem ?? `the customer asks to change order ${stored!.confirmation}`,
    contentType: ask.contentType, body: ask.body, ...(ask.meta ? { meta: ask.meta } : {}),
    ...(stored ? { about: { hubOrderId: stored.hubOrderId, note: `customer e-mail asking for a change${problem ? `, not acted on: ${problem}` : ''}` } } : {}),
  });
  if (problem || !stored) return { outcome: 'filed', id: filed.filedId, reason: problem ?? 'no order' };
  const reply = await requestChange(runtime, stored.hubOrderId, { operations: ask.operations }, {
    actor: 'the customer by e-mail', via: 'mail', message: { dedupKey: `${instance.id}:${ask.dedupKey}` },
  });
  if (reply.ok) return { outcome: 'asked', id: reply.change.changeId };
  if (reply.code === 'DUPLICATE') return { outcome: 'duplicate', id: reply.changeId };
  if (reply.code === 'NO_SUCH_ORDER') return { outcome: 'filed', id: filed.filedId, reason: reply.message };
  return { outcome: 'refused', id: 'recorded' in reply && reply.recorded ? reply.recorded.changeId : filed.filedId, reason: reply.message };
}
