/**
 * Screen pop: the phone system (CTI) tells the hub who is calling, for which agent; the
 * hub finds the customer by the caller's number (E.164) and keeps the pop for that
 * agent's desk to open: the customer's card, or "new customer" with the number filled
 * in. Pops are kept for an hour, the last 20 per agent.
 */
import type { HubRuntime } from '../pipeline/runtime.js';
import { classifyQuery, findCustomers, type CustomerCard } from './find-customers.js';

export interface ScreenPop {
  callId: string;
  at: string;
  agent: string;
  /** The caller's number as E.164, or as the phone system sent it when it is not a number. */
  caller: string;
  /** The customer with that number, or null: the desk opens a new-customer form. */
  customer: CustomerCard | null;
}

const KEEP_SECONDS = 3600;
const KEEP_POPS = 20;

export async function screenPop(runtime: HubRuntime, call: { callId: string; phone: string; agent: string }): Promise<ScreenPop> {
  const query = classifyQuery(call.phone);
  const found = query.kind === 'phone' ? await findCustomers(runtime, query, 1) : [];
  const pop: ScreenPop = {
    callId: call.callId, at: new Date().toISOString(), agent: call.agent,
    caller: query.kind === 'phone' ? query.value : call.phone, customer: found[0] ?? null,
  };
  const key = runtime.keys.deskPops(call.agent);
  await runtime.redis.multi().lpush(key, JSON.stringify(pop)).ltrim(key, 0, KEEP_POPS - 1).expire(key, KEEP_SECONDS).exec();
  return pop;
}

/** The agent's pops, newest first. */
export async function popsFor(runtime: HubRuntime, agent: string): Promise<ScreenPop[]> {
  return (await runtime.redis.lrange(runtime.keys.deskPops(agent), 0, KEEP_POPS - 1)).map((p) => JSON.parse(p) as ScreenPop);
}
